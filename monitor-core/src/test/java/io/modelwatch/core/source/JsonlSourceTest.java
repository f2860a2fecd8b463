package io.modelwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines, names and line numbers from files, globs, gzip, standard input and followed files. */
class JsonlSourceTest {
    @TempDir
    Path dir;

    private static final JsonlSource.Waiter NEVER = d -> {
        throw new AssertionError("an unfollowed source must not wait");
    };

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static void append(Path p, byte[] bytes) {
        try {
            Files.write(p, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every line with "name:line:text". */
    private static List<String> drain(LineSource s) throws IOException {
        List<String> out = new ArrayList<>();
        String l;
        while ((l = s.nextLine()) != null) {
            out.add(Path.of(s.currentName()).getFileName() + ":" + s.lineNumber() + ":" + l);
        }
        return out;
    }

    @Test
    void oneFileWithCrLfAndNoFinalNewline() throws IOException {
        write("a.jsonl", "one\r\ntwo\n\nfour");
        try (JsonlSource s = JsonlSource.open("a.jsonl", dir, false, Duration.ZERO, NEVER)) {
            assertThat(drain(s)).containsExactly("a.jsonl:1:one", "a.jsonl:2:two", "a.jsonl:3:", "a.jsonl:4:four");
            assertThat(s.nextLine()).isNull();
        }
    }

    @Test
    void globReadsMatchingFilesInNameOrderIncludingGzip() throws IOException {
        write("logs/b.jsonl", "b1\nb2\n");
        write("logs/a.jsonl", "a1\n");
        write("logs/sub/c.jsonl", "nested\n");
        write("logs/skip.txt", "x\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("logs/c.jsonl.gz")))) {
            out.write("c1\nc2 ü\n".getBytes(StandardCharsets.UTF_8));
        }
        try (JsonlSource s = JsonlSource.open("logs/*.jsonl*", dir, false, Duration.ZERO, NEVER)) {
            assertThat(drain(s)).containsExactly("a.jsonl:1:a1", "b.jsonl:1:b1", "b.jsonl:2:b2", "c.jsonl.gz:1:c1",
                    "c.jsonl.gz:2:c2 ü");
        }
        assertThat(JsonlSource.resolve("logs/**/*.jsonl", dir)).extracting(p -> dir.relativize(p).toString())
                .containsExactly("logs/sub/c.jsonl");
    }

    @Test
    void missingFilesAreNamed() {
        assertThatThrownBy(() -> JsonlSource.open("none.jsonl", dir, false, Duration.ZERO, NEVER))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("none.jsonl")
                .hasMessageContaining("source file not found");
        assertThatThrownBy(() -> JsonlSource.open("*.jsonl", dir, false, Duration.ZERO, NEVER))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no file matches the glob");
        assertThatThrownBy(() -> JsonlSource.open("nodir/*.jsonl", dir, false, Duration.ZERO, NEVER))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("the folder of the glob does not exist");
    }

    @Test
    void standardInputIsDash() throws IOException {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("x\ny\n".getBytes(StandardCharsets.UTF_8)));
            try (JsonlSource s = JsonlSource.open("-", dir, false, Duration.ZERO, NEVER)) {
                assertThat(drain(s)).containsExactly("-:1:x", "-:2:y");
            }
        } finally {
            System.setIn(saved);
        }
        try (JsonlSource s = JsonlSource.of(new ByteArrayInputStream("p\nq".getBytes(StandardCharsets.UTF_8)), "pipe")) {
            assertThat(drain(s)).containsExactly("pipe:1:p", "pipe:2:q");
        }
    }

    @Test
    void followReturnsAppendedLinesAndHoldsBackAPartialLineEvenMidCharacter() throws IOException {
        Path f = write("live.jsonl", "first\n");
        byte[] umlaut = "grün\n".getBytes(StandardCharsets.UTF_8);
        AtomicInteger waits = new AtomicInteger();
        List<String> got = new ArrayList<>();
        JsonlSource[] holder = new JsonlSource[1];
        JsonlSource.Waiter waiter = d -> {
            assertThat(d).isEqualTo(Duration.ofMillis(250));
            switch (waits.incrementAndGet()) {
                case 1 -> append(f, java.util.Arrays.copyOfRange(umlaut, 0, 4)); // "gr" and half of "ü"
                case 2 -> append(f, java.util.Arrays.copyOfRange(umlaut, 4, umlaut.length));
                case 3 -> append(f, "a\r\nb\n".getBytes(StandardCharsets.UTF_8));
                default -> holder[0].stop();
            }
        };
        try (JsonlSource s = JsonlSource.open("live.jsonl", dir, true, Duration.ofMillis(250), waiter)) {
            holder[0] = s;
            got.addAll(drain(s));
        }
        assertThat(got).containsExactly("live.jsonl:1:first", "live.jsonl:2:grün", "live.jsonl:3:a", "live.jsonl:4:b");
        assertThat(waits.get()).isEqualTo(4);
    }

    @Test
    void followDrainsARotatedFileThenReadsTheNewOneFromItsStart() throws IOException {
        Path f = write("app.jsonl", "old1\n");
        AtomicInteger waits = new AtomicInteger();
        JsonlSource[] holder = new JsonlSource[1];
        JsonlSource.Waiter waiter = d -> {
            try {
                switch (waits.incrementAndGet()) {
                    case 1 -> {
                        append(f, "old2\n".getBytes(StandardCharsets.UTF_8));
                        Files.move(f, dir.resolve("app.jsonl.1"));
                    }
                    case 2 -> { } // no file at the path for a while
                    case 3 -> write("app.jsonl", "new1\nnew2\n");
                    case 4 -> {
                        // copytruncate: the same file, emptied, then a short line.
                        Files.writeString(f, "t\n");
                    }
                    default -> holder[0].stop();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try (JsonlSource s = JsonlSource.open("app.jsonl", dir, true, Duration.ZERO, waiter)) {
            holder[0] = s;
            assertThat(drain(s)).containsExactly("app.jsonl:1:old1", "app.jsonl:2:old2", "app.jsonl:1:new1",
                    "app.jsonl:2:new2", "app.jsonl:1:t");
        }
    }

    @Test
    void followStopsWhenTheWaitIsInterrupted() throws IOException {
        write("i.jsonl", "x\n");
        try (JsonlSource s = JsonlSource.open("i.jsonl", dir, true, Duration.ZERO, d -> {
            throw new InterruptedException();
        })) {
            assertThat(drain(s)).containsExactly("i.jsonl:1:x");
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    /** Reads lines until {@code n} were read (or the end), then returns the position. */
    private static SourcePosition readThenPosition(JsonlSource s, int n) throws IOException {
        for (int i = 0; i < n && s.nextLine() != null; i++) {
            // reading
        }
        return s.position();
    }

    @Test
    void aPositionResumesAtTheNextLineAcrossFilesOfAGlobAndInGzip() throws IOException {
        write("logs/a.jsonl", "a1\r\na2\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("logs/b.jsonl.gz")))) {
            out.write("b1\nb2\nb3".getBytes(StandardCharsets.UTF_8));
        }
        List<String> all;
        try (JsonlSource s = JsonlSource.open("logs/*.jsonl*", dir, false, Duration.ZERO, NEVER)) {
            all = drain(s);
        }
        for (int cut = 1; cut <= all.size(); cut++) {
            SourcePosition p;
            try (JsonlSource s = JsonlSource.open("logs/*.jsonl*", dir, false, Duration.ZERO, NEVER)) {
                p = readThenPosition(s, cut);
            }
            try (JsonlSource s = JsonlSource.open("logs/*.jsonl*", dir, false, Duration.ZERO, NEVER, p)) {
                assertThat(drain(s)).as("resumed after %d lines at %s", cut, p).isEqualTo(all.subList(cut, all.size()));
            }
        }
        try (JsonlSource s = JsonlSource.open("logs/*.jsonl*", dir, false, Duration.ZERO, NEVER)) {
            assertThat(readThenPosition(s, 2)).isEqualTo(new SourcePosition(dir.resolve("logs/a.jsonl").toString(),
                    JsonlSource.keyOf(dir.resolve("logs/a.jsonl")), 7, 2));
        }
    }

    @Test
    void aPositionThatNoLongerDescribesTheInputIsStale() throws IOException {
        Path f = write("s.jsonl", "one\ntwo\nthree\n");
        SourcePosition p;
        try (JsonlSource s = JsonlSource.open("s.jsonl", dir, false, Duration.ZERO, NEVER)) {
            p = readThenPosition(s, 2);
        }
        SourcePosition other = new SourcePosition(dir.resolve("gone.jsonl").toString(), "", 3, 1);
        assertThatThrownBy(() -> JsonlSource.open("s.jsonl", dir, false, Duration.ZERO, NEVER, other))
                .isInstanceOf(StalePositionException.class).hasMessageContaining("is not among the source's files");
        SourcePosition beyond = new SourcePosition(p.file(), p.fileKey(), 1000, 9);
        assertThatThrownBy(() -> JsonlSource.open("s.jsonl", dir, false, Duration.ZERO, NEVER, beyond))
                .isInstanceOf(StalePositionException.class).hasMessageContaining("is shorter (14 bytes) than the checkpointed offset 1000");
        Files.delete(f);
        write("s.jsonl", "new\n");
        Files.writeString(dir.resolve("pad"), "keeps the old inode from being reused");
        if (!JsonlSource.keyOf(f).isEmpty() && !JsonlSource.keyOf(f).equals(p.fileKey())) {
            assertThatThrownBy(() -> JsonlSource.open("s.jsonl", dir, false, Duration.ZERO, NEVER, p))
                    .isInstanceOf(StalePositionException.class).hasMessageContaining("was replaced since the checkpoint");
        }
    }

    @Test
    void aFollowedFileResumesAtItsPositionAndARotatedOneFromItsStart() throws IOException {
        Path f = write("live.jsonl", "l1\nl2\nl3\n");
        SourcePosition p;
        try (JsonlSource s = JsonlSource.open("live.jsonl", dir, true, Duration.ZERO, d -> { })) {
            p = readThenPosition(s, 2);
        }
        assertThat(p.offset()).isEqualTo(6);
        JsonlSource[] holder = new JsonlSource[1];
        JsonlSource.Waiter stopAtFirstWait = d -> holder[0].stop();
        try (JsonlSource s = JsonlSource.open("live.jsonl", dir, true, Duration.ZERO, stopAtFirstWait, p)) {
            holder[0] = s;
            assertThat(drain(s)).containsExactly("live.jsonl:3:l3");
            assertThat(s.position().offset()).isEqualTo(9);
        }
        Files.move(f, dir.resolve("live.jsonl.1"));
        write("live.jsonl", "n1\n");
        try (JsonlSource s = JsonlSource.open("live.jsonl", dir, true, Duration.ZERO, stopAtFirstWait, p)) {
            holder[0] = s;
            assertThat(drain(s)).containsExactly("live.jsonl:1:n1");
        }
    }
}
