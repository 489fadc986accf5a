package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.ExtensionProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JUnit extension: per-test attribution under parallel execution, and sequential inversions. */
class ExtensionIT {
    private static final String[] PARALLEL = {"junit.jupiter.execution.parallel.enabled=true",
        "junit.jupiter.execution.parallel.mode.default=concurrent",
        "junit.jupiter.execution.parallel.mode.classes.default=concurrent",
        "junit.jupiter.execution.parallel.config.strategy=fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism=6"};

    private static List<String> failures(Result r) {
        List<String> f = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (line.startsWith("FAILED ")) {
                f.add(line);
            }
        }
        return f;
    }

    /** The probe's output from the FAILED line of {@code test} up to the next FAILED line. */
    private static String failureOf(Result r, String test) {
        int at = r.out.indexOf("FAILED " + test + ": ");
        assertTrue(at >= 0, () -> test + " did not fail\n" + r);
        int next = r.out.indexOf("\nFAILED ", at + 1);
        return r.out.substring(at, next < 0 ? r.out.length() : next);
    }

    @Test
    void parallelTestClassesBlameOnlyTheTestThatClosedEachCycle() throws Exception {
        String[] args = new String[PARALLEL.length + 2];
        args[0] = "ParallelCycleCases";
        args[1] = "ParallelCleanCases";
        System.arraycopy(PARALLEL, 0, args, 2, PARALLEL.length);
        Result r = ForkedJvm.run("", ExtensionProbe.class, args);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("tests=4 succeeded=1 failed=3"), r::toString);
        assertEquals(3, failures(r).size(), r::toString);
        assertFalse(r.out.contains("FAILED ParallelCleanCases"), r::toString);
        String[][] own = {{"closedOnTheTestsOwnThread()", "ParallelCycleCases.ownA"},
            {"closedByAThreadItStarted()", "ParallelCycleCases.startedA"},
            {"closedByATaskItSubmitted()", "ParallelCycleCases.taskA"}};
        for (String[] t : own) {
            String failure = failureOf(r, "ParallelCycleCases." + t[0]);
            assertTrue(failure.contains("Gridlock: 1 new lock-order problem(s) during this test"), failure);
            assertTrue(failure.contains(t[1]), failure);
            for (String[] other : own) {
                if (other != t) {
                    assertFalse(failure.contains(other[1]), () -> t[0] + " blamed for " + other[1] + "\n" + failure);
                }
            }
        }
        assertEquals(3, r.cycles(), r::toString);
        assertTrue(r.json.contains("\"test\": \"[engine:junit-jupiter]/[class:io.github.gridlock.agent.programs"
                + ".ParallelCycleCases]/[method:closedByATaskItSubmitted()]\""), r::toString);
    }

    @Test
    void sequentialInversionIsReportedButFailsTheTestOnlyWhenAskedTo() throws Exception {
        Result byDefault = ForkedJvm.run("", ExtensionProbe.class, "SequentialCases");
        assertTrue(byDefault.out.contains("tests=1 succeeded=1 failed=0"), byDefault::toString);
        assertEquals(1, byDefault.count("SEQUENTIAL_LOCK_ORDER_CYCLE"), byDefault::toString);
        assertTrue(byDefault.err.contains("[gridlock] SEQUENTIAL_LOCK_ORDER_CYCLE #1"), byDefault::toString);

        Result agentOption = ForkedJvm.run("sequential=fail", ExtensionProbe.class, "SequentialCases");
        assertTrue(agentOption.out.contains("tests=1 succeeded=0 failed=1"), agentOption::toString);
        assertTrue(agentOption.out.contains("FAILED SequentialCases.bothOrdersInSequence(): Gridlock: 1 new"),
                agentOption::toString);

        Result junitParameter = ForkedJvm.run("", ExtensionProbe.class, "SequentialCases",
                "gridlock.sequential=fail");
        assertTrue(junitParameter.out.contains("tests=1 succeeded=0 failed=1"), junitParameter::toString);
        assertTrue(junitParameter.out.contains("SEQUENTIAL_LOCK_ORDER_CYCLE"), junitParameter::toString);
    }
}
