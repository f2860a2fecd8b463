package io.modelwatch.recsys.catalog;

import static java.util.Objects.requireNonNull;

import io.modelwatch.recsys.common.ItemIdOrder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An item popularity table (training interaction count per item) and the long-tail set derived
 * from it. Immutable and thread-safe once built.
 *
 * <p>The file is CSV, one {@code item,count} per line, with an optional header line (a first line
 * whose count is not a number). The tail set follows RecBole's {@code TailPercentage} with a ratio
 * of at most 1: the table sorted by (count, item id) ascending, its first
 * {@code max(floor(n * tailRatio), 1)} items.
 */
public final class ItemPopularity {
    private final Map<String, Integer> index;
    private final double[] counts;
    private final boolean[] tail;

    private ItemPopularity(Map<String, Integer> index, double[] counts, double tailRatio) {
        this.index = index;
        this.counts = counts;
        this.tail = new boolean[counts.length];
        if (counts.length > 0) {
            String[] ids = new String[counts.length];
            index.forEach((id, i) -> ids[i] = id);
            Integer[] order = new Integer[counts.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(counts[a], counts[b]);
                return c != 0 ? c : ItemIdOrder.INSTANCE.compare(ids[a], ids[b]);
            });
            int size = Math.max((int) Math.floor(counts.length * tailRatio), 1);
            for (int i = 0; i < size; i++) {
                tail[order[i]] = true;
            }
        }
    }

    /**
     * Reads a popularity file.
     *
     * @param file the CSV file
     * @param tailRatio the share of least popular items forming the tail, in (0, 1]
     * @throws IllegalArgumentException naming the file and line when it cannot be read or parsed
     */
    public static ItemPopularity read(Path file, double tailRatio) {
        requireNonNull(file, "file is null");
        if (!(tailRatio > 0 && tailRatio <= 1)) {
            throw new IllegalArgumentException("tail_ratio must be in (0, 1], not " + tailRatio);
        }
        Map<String, Integer> index = new HashMap<>();
        List<Double> values = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.lastIndexOf(',');
                if (comma <= 0) {
                    throw new IllegalArgumentException("item_popularity " + file + " line " + number
                            + ": expected item,count but found '" + line + "'");
                }
                String id = unquote(line.substring(0, comma).trim());
                double count;
                try {
                    count = Double.parseDouble(line.substring(comma + 1).trim());
                } catch (NumberFormatException e) {
                    if (number == 1) {
                        continue; // the header line
                    }
                    throw new IllegalArgumentException("item_popularity " + file + " line " + number
                            + ": the count '" + line.substring(comma + 1).trim() + "' is not a number");
                }
                if (!Double.isFinite(count) || count < 0) {
                    throw new IllegalArgumentException("item_popularity " + file + " line " + number
                            + ": the count must be a finite number >= 0, not " + count);
                }
                if (index.putIfAbsent(id, values.size()) != null) {
                    throw new IllegalArgumentException("item_popularity " + file + " line " + number
                            + ": item " + id + " appears twice");
                }
                values.add(count);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read item_popularity " + file + ": " + e.getMessage()
                    + " (the path is relative to the configuration file's folder)", e);
        }
        double[] counts = new double[values.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = values.get(i);
        }
        return new ItemPopularity(index, counts, tailRatio);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1) : s;
    }

    /** Returns how many items the table holds. */
    public int size() {
        return counts.length;
    }

    /** Returns the item's index in the table, or -1 when it has no entry. */
    public int indexOf(String item) {
        Integer i = index.get(item);
        return i == null ? -1 : i;
    }

    /** Returns the count of the item at {@code index}. */
    public double count(int index) {
        return counts[index];
    }

    /** Returns whether the item at {@code index} is in the long tail. */
    public boolean inTail(int index) {
        return tail[index];
    }
}
