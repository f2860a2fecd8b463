package io.modelwatch.recsys.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tie-break order of item ids: integers numerically (as the reference's integer ids), else as text. */
class ItemIdOrderTest {
    @Test
    void integerIdsSortAsNumbersAndBeforeOtherIds() {
        List<String> ids = new ArrayList<>(List.of("i2", "10", "9", "i10", "007", "100", "7"));
        ids.sort(ItemIdOrder.INSTANCE);
        assertEquals(List.of("007", "7", "9", "10", "100", "i10", "i2"), ids);
    }
}
