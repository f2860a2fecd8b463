package io.modelwatch.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Lines from JSON Lines files: one file, a glob (files read in name order), or {@code -} for
 * standard input; {@code .gz} files are decompressed. With {@code follow}, the (single) file is
 * tailed: new lines are returned as they are appended, and when the file is rotated (replaced by
 * a new file, or truncated) reading restarts at the new file's beginning. A partial last line is
 * held back until its newline arrives.
 */
public final class JsonlSource implements LineSource {
    /** Sleeps between polls of a followed file; tests inject one that does not sleep. */
    @FunctionalInterface
    public interface Waiter {
        void await(Duration d) throws InterruptedException;
    }

    private final List<Path> files;
    private final boolean stdin;
    private final boolean follow;
    private final Duration poll;
    private final Waiter waiter;
    private int next;
    private InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private final java.io.ByteArrayOutputStream carry = new java.io.ByteArrayOutputStream();
    /** Bytes of the current file consumed up to the end of the last line handed out. */
    private long consumed;
    private String currentKey = "";
    private SourcePosition resume;
    /** Follow mode: the file offset just after the last line handed out. */
    private long lastHandedEnd;
    private String name;
    /** The current line: {@code lineLen} bytes of {@code lineBuf} from {@code lineOff}; valid until the next advance. */
    private byte[] lineBuf = new byte[0];
    private int lineOff;
    private int lineLen;
    private String text;
    private long line;
    private volatile boolean stopped;
    // follow state
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private final StringBuilder partial = new StringBuilder();
    private final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
    private final java.io.ByteArrayOutputStream pendingBytes = new java.io.ByteArrayOutputStream();
    private final java.util.ArrayDeque<byte[]> ready = new java.util.ArrayDeque<>();
    /** The file offset just after each line in {@link #ready}. */
    private final java.util.ArrayDeque<Long> readyEnds = new java.util.ArrayDeque<>();

    private JsonlSource(List<Path> files, boolean stdin, boolean follow, Duration poll, Waiter waiter) {
        this.files = files;
        this.stdin = stdin;
        this.follow = follow;
        this.poll = poll;
        this.waiter = waiter;
    }

    /**
     * Opens a source.
     *
     * @param spec a path, a glob (with {@code *}, {@code ?} or {@code [}), or {@code -}
     * @param baseDir the folder relative paths resolve against
     * @throws IOException when no file matches, naming the path tried
     */
    public static JsonlSource open(String spec, Path baseDir, boolean follow, Duration poll, Waiter waiter)
            throws IOException {
        if ("-".equals(spec)) {
            return new JsonlSource(List.of(), true, false, poll, waiter);
        }
        List<Path> files = resolve(spec, baseDir);
        if (follow && files.size() != 1) {
            throw new IOException("follow: true needs exactly one file, but '" + spec + "' matches " + files.size());
        }
        return new JsonlSource(files, false, follow, poll, waiter);
    }

    /**
     * Opens a source that resumes at a position a checkpoint recorded: files before the recorded
     * one (in name order) are skipped as read, and the recorded file is read from its offset.
     *
     * @param resume where to resume; null to read from the start
     * @throws IOException when no file matches
     * @throws StalePositionException when the position does not describe this input (the file is
     *     gone, shorter than the offset, or — unless followed, where that is a rotation — replaced)
     */
    public static JsonlSource open(String spec, Path baseDir, boolean follow, Duration poll, Waiter waiter,
                                   SourcePosition resume) throws IOException {
        JsonlSource s = open(spec, baseDir, follow, poll, waiter);
        if (resume == null) {
            return s;
        }
        if (s.stdin) {
            throw new StalePositionException("standard input cannot be resumed at an offset");
        }
        int index = -1;
        for (int i = 0; i < s.files.size(); i++) {
            if (s.files.get(i).toAbsolutePath().toString().equals(resume.file())) {
                index = i;
            }
        }
        if (index < 0) {
            throw new StalePositionException("the checkpointed file " + resume.file() + " is not among the source's files");
        }
        Path f = s.files.get(index);
        boolean sameFile = resume.fileKey().isEmpty() || resume.fileKey().equals(keyOf(f));
        if (!sameFile && !follow) {
            throw new StalePositionException("the file " + f + " was replaced since the checkpoint");
        }
        if (sameFile && !f.getFileName().toString().endsWith(".gz") && Files.size(f) < resume.offset()) {
            throw new StalePositionException("the file " + f + " is shorter (" + Files.size(f)
                    + " bytes) than the checkpointed offset " + resume.offset());
        }
        s.next = index;
        // A followed file that was rotated while we were down is read from its start.
        s.resume = sameFile ? resume : null;
        return s;
    }

    /** Returns where the source stands: just after the last line handed out; null for standard input or before any file. */
    public SourcePosition position() {
        if (stdin || name == null || "-".equals(name)) {
            return null;
        }
        if (follow) {
            return new SourcePosition(files.get(0).toAbsolutePath().toString(), currentKey, lastHandedEnd, line);
        }
        return new SourcePosition(Path.of(name).toAbsolutePath().toString(), currentKey, consumed, line);
    }

    /** Returns the file system's identity of a file as text, or {@code ""} when it has none. */
    static String keyOf(Path f) throws IOException {
        Object key = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
        return key == null ? "" : key.toString();
    }

    /** Opens a source that reads standard input-like data from a stream (for tests and stdin). */
    public static JsonlSource of(InputStream in, String name) {
        JsonlSource s = new JsonlSource(List.of(), false, false, Duration.ZERO, d -> { });
        s.in = in;
        s.name = name;
        return s;
    }

    /** Returns the files a path or glob names, sorted. */
    public static List<Path> resolve(String spec, Path baseDir) throws IOException {
        boolean glob = spec.contains("*") || spec.contains("?") || spec.contains("[");
        Path p = baseDir.resolve(spec).normalize();
        if (!glob) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null, "source file not found");
            }
            return List.of(p);
        }
        Path dir = p;
        while (dir != null && (dir.toString().contains("*") || dir.toString().contains("?") || dir.toString().contains("["))) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(spec, null, "the folder of the glob does not exist");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new NoSuchFileException(p.toString(), null, "no file matches the glob");
        }
        return out;
    }

    @Override
    public String nextLine() throws IOException {
        return advance() ? lineText() : null;
    }

    @Override
    public boolean advance() throws IOException {
        text = null;
        if (follow) {
            return nextFollowed();
        }
        while (true) {
            if (in == null && !openNext()) {
                return false;
            }
            if (readLine()) {
                line++;
                return true;
            }
            in.close();
            in = null;
            if (stdin || next >= files.size()) {
                return false;
            }
        }
    }

    @Override
    public byte[] lineBytes() {
        return lineBuf;
    }

    @Override
    public int lineOffset() {
        return lineOff;
    }

    @Override
    public int lineLength() {
        return lineLen;
    }

    @Override
    public String lineText() {
        if (text == null) {
            text = new String(lineBuf, lineOff, lineLen, StandardCharsets.UTF_8);
        }
        return text;
    }

    private void setLine(byte[] buf, int off, int len) {
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        lineBuf = buf;
        lineOff = off;
        lineLen = len;
    }

    /** Opens the next file (or standard input); false when there is none. */
    private boolean openNext() throws IOException {
        if (stdin && next == 0) {
            next++;
            in = System.in;
            name = "-";
            line = 0;
        } else if (!stdin && next < files.size()) {
            Path f = files.get(next++);
            InputStream raw = Files.newInputStream(f);
            in = f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            name = f.toString();
            currentKey = keyOf(f);
            line = 0;
            consumed = 0;
            if (resume != null) {
                // Files.newInputStream skips by seeking; a .gz stream decompresses what it skips.
                in.skipNBytes(resume.offset());
                consumed = resume.offset();
                line = resume.line();
                resume = null;
            }
        } else {
            return false;
        }
        chunkPos = 0;
        chunkEnd = 0;
        carry.reset();
        return true;
    }

    /**
     * Moves to the next line of the current stream (without its terminator, {@code \n} or
     * {@code \r\n}; the last one even without a newline); false at its end. A line within the
     * read buffer is handed out in place, without a copy.
     */
    private boolean readLine() throws IOException {
        while (true) {
            for (int i = chunkPos; i < chunkEnd; i++) {
                if (chunk[i] == '\n') {
                    if (carry.size() == 0) {
                        setLine(chunk, chunkPos, i - chunkPos);
                    } else {
                        carry.write(chunk, chunkPos, i - chunkPos);
                        byte[] whole = carry.toByteArray();
                        carry.reset();
                        setLine(whole, 0, whole.length);
                    }
                    consumed += i + 1 - chunkPos;
                    chunkPos = i + 1;
                    return true;
                }
            }
            carry.write(chunk, chunkPos, chunkEnd - chunkPos);
            consumed += chunkEnd - chunkPos;
            chunkPos = 0;
            chunkEnd = in.read(chunk, 0, chunk.length);
            if (chunkEnd <= 0) {
                chunkEnd = 0;
                if (carry.size() == 0) {
                    return false;
                }
                byte[] whole = carry.toByteArray();
                carry.reset();
                setLine(whole, 0, whole.length);
                return true;
            }
        }
    }

    private boolean nextFollowed() throws IOException {
        Path file = files.get(0);
        name = file.toString();
        while (!stopped) {
            if (!ready.isEmpty()) {
                line++;
                lastHandedEnd = readyEnds.poll();
                byte[] l = ready.poll();
                setLine(l, 0, l.length);
                return true;
            }
            if (channel == null && !openFollowed(file)) {
                pause();
                continue;
            }
            buffer.clear();
            long chunkStart = position;
            int n = channel.read(buffer, position);
            if (n > 0) {
                position += n;
                split(buffer.array(), n, chunkStart);
                continue;
            }
            if (rotated(file)) {
                channel.close();
                channel = null;
                pendingBytes.reset();
                line = 0;
                lastHandedEnd = 0;
                continue;
            }
            pause();
        }
        return false;
    }

    private void split(byte[] bytes, int n, long chunkStart) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                pendingBytes.write(bytes, start, i - start);
                ready.add(pendingBytes.toByteArray());
                readyEnds.add(chunkStart + i + 1);
                pendingBytes.reset();
                start = i + 1;
            }
        }
        pendingBytes.write(bytes, start, n - start);
    }

    private boolean openFollowed(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        channel = FileChannel.open(file, StandardOpenOption.READ);
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        currentKey = fileKey == null ? "" : fileKey.toString();
        position = 0;
        lastHandedEnd = 0;
        if (resume != null) {
            position = resume.offset();
            lastHandedEnd = resume.offset();
            line = resume.line();
            resume = null;
        }
        return true;
    }

    private boolean rotated(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (key != null && !key.equals(fileKey)) {
            // Drain what the old file still holds before switching.
            return channel.size() <= position;
        }
        return Files.size(file) < position;
    }

    private void pause() throws IOException {
        try {
            waiter.await(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @Override
    public String currentName() {
        return name;
    }

    @Override
    public long lineNumber() {
        return line;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        if (in != null && in != System.in) {
            in.close();
        }
        if (channel != null) {
            channel.close();
        }
    }

}
