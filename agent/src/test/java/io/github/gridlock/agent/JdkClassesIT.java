package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.JdkMonitors;
import io.github.gridlock.agent.programs.OutputUnchanged;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cycles through monitors taken inside JDK code (the jdk= groups), and what the agent does not see without them. */
class JdkClassesIT {

    private static void assertOneCycle(Result r) {
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, r.cycles(), r::toString);
    }

    private static void assertNoCycle(Result r) {
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(0, r.cycles(), r::toString);
    }

    @Test
    void cycleThroughVectorAddUnderAUserLockIsReportedWithBothStacksByDefault() throws Exception {
        Result r = ForkedJvm.run("", JdkMonitors.class, "vector");
        assertOneCycle(r);
        assertTrue(r.out.contains("done vector"), r::toString);
        Object json = MiniJson.parse(r.json);
        List<?> edges = (List<?>) MiniJson.path(json, "findings", 0, "edges");
        assertEquals(2, edges.size(), r::toString);
        String all = r.json;
        assertTrue(all.contains("\"JdkMonitors.registry\"") && all.contains("\"Vector\""), r::toString);
        // the acquisition inside the JDK: the Vector's monitor, taken in Vector.add, called under the registry
        assertTrue(java.util.regex.Pattern.compile("java\\.util\\.Vector\\.add\\(Vector\\.java:\\d+\\)").matcher(all).find(),
                r::toString);
        assertTrue(all.contains("JdkMonitors.record(JdkMonitors.java"), r::toString);
        assertTrue(all.contains("JdkMonitors.snapshot(JdkMonitors.java"), r::toString);
        assertTrue(r.err.contains("[gridlock] LOCK_ORDER_CYCLE") && r.err.contains("Vector.add("), r::toString);
    }

    @Test
    void withJdkNoneTheMonitorInsideVectorIsNotSeen() throws Exception {
        assertNoCycle(ForkedJvm.run("jdk=none", JdkMonitors.class, "vector"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vector-foreach", "synchronized-map"})
    void otherSynchronizedCollectionsAreWatchedByDefault(String testCase) throws Exception {
        assertOneCycle(ForkedJvm.run("", JdkMonitors.class, testCase));
    }

    @ParameterizedTest(name = "{0} needs jdk={1}")
    @CsvSource({"print-stream, io", "log-handler, logging"})
    void optInGroupsAreOffByDefaultAndFindTheirCycleWhenOn(String testCase, String group) throws Exception {
        assertNoCycle(ForkedJvm.run("", JdkMonitors.class, testCase));
        Result on = ForkedJvm.run("jdk=collections:" + group, JdkMonitors.class, testCase);
        assertOneCycle(on);
        assertTrue(on.out.contains("done " + testCase), on::toString);
    }

    @Test
    void everyGroupOnLeavesTheProgramsOutputUnchanged() throws Exception {
        Result plain = ForkedJvm.runWithoutAgent(Paths.get(System.getProperty("java.home")), OutputUnchanged.class);
        // boot classes are not verified by default: here the retransformed and load-time instrumented JDK classes are
        Result watched = ForkedJvm.run(Paths.get(System.getProperty("java.home")),
                List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal"), "jdk=all", OutputUnchanged.class);
        assertEquals(0, plain.exitCode, plain::toString);
        assertEquals(0, watched.exitCode, watched::toString);
        assertTrue(plain.out.contains("vector 8000 sum 7996000"), plain::toString);
        assertEquals(plain.out, watched.out);
        assertEquals(withoutAgentLines(plain.err), withoutAgentLines(watched.err));
        assertTrue(plain.err.contains("INFO logged 7 keys"), plain::toString);
        assertEquals(0, watched.cycles(), watched::toString);
        assertFalse(watched.err.contains("[gridlock] warning"), watched::toString);
    }

    private static String withoutAgentLines(String err) {
        StringBuilder sb = new StringBuilder();
        for (String line : err.split("\n", -1)) {
            if (!line.startsWith("[gridlock]")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
