package io.github.gridlock.detectors.analysis;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard algebra of {@link ParamBranches}: what two paths' facts join to, and what a constant argument decides. */
class ParamBranchesGuardTest {

    private static ParamBranches.Guard is(int param, Object... values) {
        return new ParamBranches.Guard(param, -1, ParamBranches.Relation.VALUE, true, Set.of(values));
    }

    private static ParamBranches.Guard isNot(int param, Object... values) {
        return new ParamBranches.Guard(param, -1, ParamBranches.Relation.VALUE, false, Set.of(values));
    }

    @Test
    void twoPathsWithTwoValuesJoinToAValueSet() {
        // if (a == 1 || a == 2) { lock } : the first path knows a == 1, the second a != 1 and a == 2
        Set<ParamBranches.Guard> joined = ParamBranches.either(Set.of(is(0, 1)), Set.of(isNot(0, 1), is(0, 2)));
        assertEquals(Set.of(is(0, 1, 2)), joined);
        ParamBranches.Guard g = joined.iterator().next();
        assertEquals(Boolean.TRUE, g.holdsFor(1));
        assertEquals(Boolean.TRUE, g.holdsFor(2));
        assertEquals(Boolean.FALSE, g.holdsFor(3));
    }

    @Test
    void exclusionsJoinToWhatBothExclude() {
        assertEquals(Set.of(isNot(0, 1)), ParamBranches.either(Set.of(isNot(0, 1)), Set.of(isNot(0, 1), isNot(0, 2))));
        assertEquals(Set.of(), ParamBranches.either(Set.of(isNot(0, 1)), Set.of(isNot(0, 2))));
    }

    @Test
    void oppositeFactsOrFactsOnOtherParametersJoinToNothing() {
        assertEquals(Set.of(), ParamBranches.either(Set.of(is(0, 1)), Set.of(isNot(0, 1))));
        assertEquals(Set.of(), ParamBranches.either(Set.of(is(0, 1)), Set.of(is(1, 1))));
        assertEquals(Set.of(), ParamBranches.either(Set.of(is(0, 1)), Set.of()));
    }

    @Test
    void aBitTestIsDecidedByTheConstantsBits() {
        // if ((mode & 128) == 0) { wait } : mode 196 has the bit, mode 4 has not
        ParamBranches.Guard clear = new ParamBranches.Guard(0, 128, ParamBranches.Relation.VALUE, true, Set.of(0));
        assertEquals(Boolean.FALSE, clear.holdsFor(196));
        assertEquals(Boolean.TRUE, clear.holdsFor(4));
        // (mode & 6) == 3 never holds
        ParamBranches.Guard never = new ParamBranches.Guard(0, 6, ParamBranches.Relation.VALUE, true, Set.of(3));
        assertEquals(Boolean.FALSE, never.holdsFor(3));
    }

    @Test
    void nullTestsAreDecidedByNullAndNewObjectsOnly() {
        ParamBranches.Guard nonNull = new ParamBranches.Guard(0, false, ParamBranches.NULL);
        assertEquals(Boolean.FALSE, nonNull.holdsFor(ParamBranches.NULL));
        assertEquals(Boolean.TRUE, nonNull.holdsFor(ParamBranches.NON_NULL));
        assertNull(nonNull.holdsFor(5));
        assertNull(nonNull.holdsFor(null));
    }

    @Test
    void aGuardMovesToTheCallersParameter() {
        ParamBranches.Guard g = is(2, 7).on(0);
        assertEquals(0, g.param());
        assertTrue(g.toString().contains("param#0"));
    }
}
