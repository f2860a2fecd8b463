package io.modelwatch.recsys.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cut of a list at k under each duplicates convention (reference README, edge case 3), worked by hand. */
class RankedCutTest {
    private static List<String> items(RankedCut c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.length(); i++) {
            out.add(c.item(i) + (c.repeat(i) ? "*" : ""));
        }
        return out;
    }

    @Test
    void eachConventionCutsTheListOfUserD1AsTheReferenceDescribes() {
        // User d1 of the duplicates case: 1 1 2 3 1 4 5 6 2 7, cut at 5.
        List<String> d1 = List.of("1", "1", "2", "3", "1", "4", "5", "6", "2", "7");
        RankedCut c = new RankedCut();
        assertTrue(c.cut(d1, null, 5, Duplicates.DEDUP));
        assertEquals(List.of("1", "2", "3", "4", "5"), items(c));
        assertEquals(3, c.positionOf("4"));
        assertTrue(c.cut(d1, null, 5, Duplicates.FIRST_OCCURRENCE));
        assertEquals(List.of("1", "1*", "2", "3", "1*"), items(c));
        assertEquals(10, c.listLength());
        assertEquals(2, c.positionOf("2"));
        assertEquals(-1, c.positionOf("4"));
        assertTrue(c.cut(d1, null, 5, Duplicates.RAW));
        assertEquals(List.of("1", "1", "2", "3", "1"), items(c));
    }

    @Test
    void scoresRankDescendingWithTiesByItemIdAndBadInputIsRefused() {
        RankedCut c = new RankedCut();
        assertTrue(c.cut(List.of("10", "9", "b", "a"), new double[] {1, 1, 2, 0}, 4, Duplicates.DEDUP));
        assertEquals(List.of("b", "9", "10", "a"), items(c));
        assertFalse(c.cut(List.of("a", "b"), new double[] {1}, 2, Duplicates.DEDUP));
        assertFalse(c.cut(List.of("a", "b"), new double[] {1, Double.NaN}, 2, Duplicates.DEDUP));
        assertFalse(c.cut(Arrays.asList("a", null), null, 2, Duplicates.RAW));
    }
}
