package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.Stress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Issue #16, agent side: load that a correct agent takes with no report, no internal error and the program's own
 * result (compared with a run without the agent). Each shape takes its locks in one global order.
 */
class StressIT {
    private static void assertUnchangedAndClean(Path javaHome, String expected, String... args) throws Exception {
        Result r = ForkedJvm.run(javaHome, "", Stress.class, args);
        Result without = ForkedJvm.runWithoutAgent(javaHome, Stress.class, args);
        assertEquals(expected + System.lineSeparator(), without.out, without::toString);
        assertEquals(without.out, r.out, r::toString);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.json.contains("\"findings\": []"), r::toString);
        assertFalse(r.err.contains("[gridlock] internal error") || r.err.contains("[gridlock] warning")
                || r.err.contains("internal errors"), r::toString);
        assertTrue(r.err.contains("[gridlock] summary: "), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "nested, acquisitions 1000128",
        "handoff, hand-offs 20000",
        "clinit, 'initialised, total 336'"})
    void loadIsTakenWithoutReportOrChange(String shape, String expected) throws Exception {
        assertUnchangedAndClean(Paths.get(System.getProperty("java.home")), expected, shape);
    }

    /** Locks made and collected continuously in a small heap: the graph must not hold on to them. */
    @Test
    void locksMadeAndCollectedContinuouslyFitInASmallHeap() throws Exception {
        Result r = ForkedJvm.run(Paths.get(System.getProperty("java.home")), java.util.List.of("-Xmx48m"), "",
                Stress.class, "churn", "2", "6");
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.startsWith("pools used "), r::toString);
        assertFalse(r.err.contains("OutOfMemoryError") || r.err.contains("[gridlock] internal error"), r::toString);
        assertTrue(r.json.contains("\"findings\": []"), r::toString);
    }

    @Test
    void aHundredThousandVirtualThreadsTakingTwoLocksEach() throws Exception {
        Path home = Paths.get(System.getProperty("gridlock.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isExecutable(home.resolve("bin/java")), "JDK 25 not found at " + home + "; skipping");
        assertUnchangedAndClean(home, "virtual threads done 100000", "virtual", "100000");
    }
}
