package io.github.gridlock.detectors.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact set of summary parts answers as the LinkedHashSet it replaces, small and large, with duplicates given. */
class OrderedSetTest {

    @Test
    void answersAsALinkedHashSet() {
        Random random = new Random(42);
        for (int size = 0; size < 60; size++) {
            List<AccessPath> given = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                // Few distinct values: duplicates, and colliding slots in the index table.
                given.add(AccessPath.field(AccessPath.THIS, "C", "f" + random.nextInt(size + 1)));
            }
            Set<AccessPath> expected = new LinkedHashSet<>(given);
            Set<AccessPath> actual = SummaryPart.orderedCopy(expected);
            Set<AccessPath> fromList = OrderedSet.of(given);
            for (Set<AccessPath> set : List.of(actual, fromList)) {
                assertEquals(new ArrayList<>(expected), new ArrayList<>(set), "iteration order");
                assertEquals(expected, set);
                assertEquals(set, expected);
                assertEquals(expected.hashCode(), set.hashCode());
                assertEquals(expected.size(), set.size());
                for (int i = 0; i <= size + 1; i++) {
                    AccessPath p = AccessPath.field(AccessPath.THIS, "C", "f" + i);
                    assertEquals(expected.contains(p), set.contains(p), p.describe());
                }
                assertFalse(set.contains(null));
                assertFalse(set.contains("f0"));
            }
        }
    }

    @Test
    void isUnmodifiable() {
        Set<AccessPath> set = OrderedSet.of(List.of(AccessPath.THIS, AccessPath.parameter(0), AccessPath.parameter(1)));
        assertThrows(UnsupportedOperationException.class, () -> set.add(AccessPath.parameter(2)));
        assertThrows(UnsupportedOperationException.class, () -> set.remove(AccessPath.THIS));
        assertTrue(set.contains(AccessPath.parameter(1)));
    }
}
