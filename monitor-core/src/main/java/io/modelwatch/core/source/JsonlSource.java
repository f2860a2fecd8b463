package io.modelwatch.core.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
    private BufferedReader reader;
    private String name;
    private long line;
    private volatile boolean stopped;
    // follow state
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private final StringBuilder partial = new StringBuilder();
    private final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
    private final java.io.ByteArrayOutputStream pendingBytes = new java.io.ByteArrayOutputStream();
    private final java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>();

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

    /** Opens a source that reads standard input-like data from a stream (for tests and stdin). */
    public static JsonlSource of(InputStream in, String name) {
        JsonlSource s = new JsonlSource(List.of(), false, false, Duration.ZERO, d -> { });
        s.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
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
        if (follow) {
            return nextFollowed();
        }
        while (true) {
            if (reader == null) {
                if (stdin && next == 0) {
                    next++;
                    reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
                    name = "-";
                    line = 0;
                } else if (!stdin && next < files.size()) {
                    Path f = files.get(next++);
                    InputStream in = Files.newInputStream(f);
                    if (f.getFileName().toString().endsWith(".gz")) {
                        in = new GZIPInputStream(in, 1 << 16);
                    }
                    reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                    name = f.toString();
                    line = 0;
                } else {
                    return null;
                }
            }
            String l = reader.readLine();
            if (l != null) {
                line++;
                return l;
            }
            reader.close();
            reader = null;
            if (stdin || next >= files.size()) {
                return null;
            }
        }
    }

    private String nextFollowed() throws IOException {
        Path file = files.get(0);
        name = file.toString();
        while (!stopped) {
            if (!ready.isEmpty()) {
                line++;
                return ready.poll();
            }
            if (channel == null && !openFollowed(file)) {
                pause();
                continue;
            }
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n > 0) {
                position += n;
                split(buffer.array(), n);
                continue;
            }
            if (rotated(file)) {
                channel.close();
                channel = null;
                pendingBytes.reset();
                line = 0;
                continue;
            }
            pause();
        }
        return null;
    }

    private void split(byte[] bytes, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                pendingBytes.write(bytes, start, i - start);
                String s = pendingBytes.toString(StandardCharsets.UTF_8);
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                ready.add(s);
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
        position = 0;
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
        if (reader != null) {
            reader.close();
        }
        if (channel != null) {
            channel.close();
        }
    }

}
