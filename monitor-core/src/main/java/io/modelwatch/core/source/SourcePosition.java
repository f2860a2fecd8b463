package io.modelwatch.core.source;

import static java.util.Objects.requireNonNull;

/**
 * Where a source stands: the file it reads, that file's identity and the byte offset just after
 * the last line handed out. A checkpoint keeps one so that a restart resumes at the next line.
 * Immutable.
 *
 * @param file the file's absolute path
 * @param fileKey the file system's identity of the file (device and inode where the platform has
 *     them), or {@code ""} when unknown; tells a rotated or replaced file from the one that was read
 * @param offset bytes of the file (of its decompressed content for {@code .gz}) consumed, up to and
 *     including the last line's newline
 * @param line the 1-based number of the last line handed out (0 before the first)
 */
public record SourcePosition(String file, String fileKey, long offset, long line) {
    public SourcePosition {
        requireNonNull(file, "file is null");
        requireNonNull(fileKey, "fileKey is null");
    }
}
