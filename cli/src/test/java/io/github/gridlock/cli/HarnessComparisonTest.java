package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.cli.SampleCode.Site;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The harness's verdicts: each way the sample code and the plugin can disagree fails it, pending codes do not. */
class HarnessComparisonTest {
    private static final Site A1 = new Site("GL_A", "p/A.java", 10);
    private static final Site A2 = new Site("GL_A", "p/A.java", 20);
    private static final Site B1 = new Site("GL_B", "p/B.java", 5);

    @Test
    void exactMatchPasses() {
        HarnessComparison c = new HarnessComparison(Set.of(A1, A2), Set.of(A1, A2), Map.of(), Set.of("GL_A"),
                Set.of());
        assertTrue(c.failures.isEmpty(), c.failures::toString);
        assertThat(c.table, containsString("GL_A"));
    }

    @Test
    void aMissingFindingFails() {
        HarnessComparison c = new HarnessComparison(Set.of(A1, A2), Set.of(A1), Map.of(), Set.of("GL_A"), Set.of());
        assertEquals(1, c.failures.size(), c.failures::toString);
        assertThat(c.failures.get(0), containsString("GL_A: 1 missed, 0 unexpected"));
        assertThat(c.table, containsString("MISSING     p/A.java:20  GL_A"));
    }

    @Test
    void anUnexpectedFindingFails() {
        Site wrongLine = new Site("GL_A", "p/A.java", 11);
        HarnessComparison c = new HarnessComparison(Set.of(A1), Set.of(A1, wrongLine), Map.of(wrongLine, "msg"),
                Set.of("GL_A"), Set.of());
        assertEquals(1, c.failures.size(), c.failures::toString);
        assertThat(c.failures.get(0), containsString("GL_A: 0 missed, 1 unexpected"));
        assertThat(c.table, containsString("UNEXPECTED  p/A.java:11  GL_A  msg"));
    }

    @Test
    void pendingCodesAreCountedNotFailed() {
        HarnessComparison c = new HarnessComparison(Set.of(A1, B1), Set.of(A1), Map.of(), Set.of("GL_A"),
                Set.of("GL_B"), false);
        assertTrue(c.failures.isEmpty(), c.failures::toString);
        assertThat(c.table, containsString("Pending codes do not find 1 marker yet"));
        assertThat("a marker a pending code misses is counted, not listed", c.table, not(containsString("p/B.java")));

        HarnessComparison listed = new HarnessComparison(Set.of(A1, B1), Set.of(A1), Map.of(), Set.of("GL_A"),
                Set.of("GL_B"), true);
        assertThat(listed.table, containsString("(pending) MISSING     p/B.java:5  GL_B"));
    }

    @Test
    void aPendingCodesFindingWithoutMarkerIsListed() {
        Site stray = new Site("GL_B", "p/B.java", 9);
        HarnessComparison c = new HarnessComparison(Set.of(B1), Set.of(stray), Map.of(stray, "msg"), Set.of(),
                Set.of("GL_B"), false);
        assertTrue(c.failures.isEmpty(), c.failures::toString);
        assertThat(c.table, containsString("(pending) UNEXPECTED  p/B.java:9  GL_B  msg"));
    }

    @Test
    void matchedCountsOnlyEnforcedFindingsOnTheirMarkers() {
        Site wrongLine = new Site("GL_A", "p/A.java", 11);
        HarnessComparison c = new HarnessComparison(Set.of(A1, A2, B1), Set.of(A1, wrongLine, B1), Map.of(),
                Set.of("GL_A"), Set.of("GL_B"), false);
        assertEquals(1, c.matched);
    }

    @Test
    void aPendingCodeThePluginRegistersFails() {
        HarnessComparison c = new HarnessComparison(Set.of(B1), Set.of(B1), Map.of(), Set.of("GL_B"),
                Set.of("GL_B"));
        assertEquals(1, c.failures.size(), c.failures::toString);
        assertThat(c.failures.get(0), containsString("GL_B is registered by the plugin but still listed"));
    }

    @Test
    void markersForAnUnregisteredNonPendingCodeFail() {
        HarnessComparison c = new HarnessComparison(Set.of(A1, B1), Set.of(A1), Map.of(), Set.of("GL_A"), Set.of());
        assertThat(c.failures.toString(), containsString("GL_B has 1 marker but the plugin does not register it"));
    }
}
