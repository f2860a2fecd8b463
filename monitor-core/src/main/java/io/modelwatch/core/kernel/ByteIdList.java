package io.modelwatch.core.kernel;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list of item ids kept as one copy of their (UTF-8, unescaped) bytes, which makes each id's
 * String only when a metric first asks for it. A top-k metric reads the first k or so ids of a
 * long recommended list, so most ids of a record never become objects.
 */
final class ByteIdList extends AbstractList<String> implements RandomAccess {
    private final byte[] bytes;
    /** Each id's start and end in {@link #bytes}, in pairs. */
    private final int[] bounds;
    private final int size;
    /** Whether any id has non-ASCII bytes (else each byte is one char). */
    private final boolean utf8;
    private String[] made;

    ByteIdList(byte[] bytes, int[] bounds, int size, boolean utf8) {
        this.bytes = bytes;
        this.bounds = bounds;
        this.size = size;
        this.utf8 = utf8;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        if (made == null) {
            made = new String[size];
        }
        String s = made[index];
        if (s == null) {
            int from = bounds[2 * index];
            s = new String(bytes, from, bounds[2 * index + 1] - from, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            made[index] = s;
        }
        return s;
    }

    @Override
    public int size() {
        return size;
    }
}
