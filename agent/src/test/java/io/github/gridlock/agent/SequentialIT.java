package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.FilterCases;
import io.github.gridlock.agent.programs.MutexOrder;
import io.github.gridlock.agent.programs.MutexOrderFixed;
import io.github.gridlock.agent.programs.SequentialUse;
import io.github.gridlock.agent.programs.SilentCycle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inversions seen only in sequence are reported under their own kind; the agent shows it ran. */
class SequentialIT {

    private static List<String> agentLines(String err) {
        List<String> r = new ArrayList<>();
        for (String line : err.split("\n")) {
            if (line.startsWith("[gridlock]")) {
                r.add(line);
            }
        }
        return r;
    }

    @Test
    void startJoinSequenceIsReportedAsSequentialWithTheFilterAndBothStacks() throws Exception {
        Result r = ForkedJvm.run("", SequentialUse.class);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("done 2"), r::toString);
        assertEquals(0, r.cycles(), r::toString);
        assertEquals(1, r.count("SEQUENTIAL_LOCK_ORDER_CYCLE"), r::toString);
        Object json = MiniJson.parse(r.json);
        assertEquals("hbFilter", MiniJson.path(json, "findings", 0, "filter"));
        List<?> edges = (List<?>) MiniJson.path(json, "findings", 0, "edges");
        assertEquals(2, edges.size());
        assertTrue(r.json.contains("MutexOrder.func1(MutexOrder.java:") && r.json.contains("MutexOrder.func2(MutexOrder.java:"),
                r::toString);
        assertTrue(r.json.contains("\"thread\": \"first\"") && r.json.contains("\"thread\": \"second\""), r::toString);
        assertTrue(r.err.contains("[gridlock] SEQUENTIAL_LOCK_ORDER_CYCLE #1"), r::toString);
        assertTrue(r.err.contains("in happens-before order (hbFilter"), r::toString);
        assertTrue(r.err.contains("the same code run by two threads at once can"), r::toString);
        Object sarif = MiniJson.parse(r.sarif);
        assertEquals("SEQUENTIAL_LOCK_ORDER_CYCLE", MiniJson.path(sarif, "runs", 0, "results", 0, "ruleId"));
        assertEquals("warning", MiniJson.path(sarif, "runs", 0, "results", 0, "level"));
        assertEquals("hbFilter", MiniJson.path(sarif, "runs", 0, "results", 0, "properties", "filter"));
        assertEquals(1.0, ((Number) MiniJson.path(json, "summary", "findings", "SEQUENTIAL_LOCK_ORDER_CYCLE")).doubleValue());
    }

    @Test
    void oneThreadTakingBothOrdersIsSequentialBySingleThreadFilter() throws Exception {
        Result r = ForkedJvm.run("", FilterCases.class, "single-thread");
        assertEquals(1, r.count("SEQUENTIAL_LOCK_ORDER_CYCLE"), r::toString);
        assertEquals("singleThreadFilter", MiniJson.path(MiniJson.parse(r.json), "findings", 0, "filter"));
        assertTrue(r.err.contains("every time by one thread (singleThreadFilter)"), r::toString);
    }

    @Test
    void sequentialOffDropsThemButTheSummaryStillCountsWhatTheFilterStopped() throws Exception {
        Result r = ForkedJvm.run("sequential=off", SequentialUse.class);
        assertEquals(0, r.count("SEQUENTIAL_LOCK_ORDER_CYCLE") + r.cycles(), r::toString);
        assertTrue(r.err.contains("cycles the filters stopped: gateFilter 0 readReadFilter 0 singleThreadFilter 0"
                + " hbFilter 1;"), r::toString);
    }

    @Test
    void sequentialFailWithOnCycleFailRefusesTheClosingAcquisition() throws Exception {
        Result r = ForkedJvm.run("sequential=fail,onCycle=fail", SequentialUse.class, "catch");
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("second refused: Gridlock: acquiring MutexOrder.mutexA while holding"
                + " MutexOrder.mutexB closes the lock-order cycle"), r::toString);
        assertTrue(r.out.contains("done 1"), r::toString);
        Result logOnly = ForkedJvm.run("onCycle=fail", SequentialUse.class, "catch");
        assertFalse(logOnly.out.contains("refused"), logOnly::toString);
        assertTrue(logOnly.out.contains("done 2"), logOnly::toString);
    }

    @Test
    void startUpLineAndExitSummaryShowTheAgentRanEvenWhenItFoundNothing() throws Exception {
        Result r = ForkedJvm.run("", MutexOrderFixed.class);
        List<String> lines = agentLines(r.err);
        assertEquals(2, lines.size(), r::toString);
        assertTrue(lines.get(0).startsWith("[gridlock] agent 0.1.0-SNAPSHOT watching lock order: classes all,"
                + " jdk=collections ("), r::toString);
        assertTrue(lines.get(0).endsWith("(banner=false hides this line)"), r::toString);
        String summary = lines.get(1);
        assertTrue(summary.startsWith("[gridlock] summary: 2 locks, 1 lock-order edges; 0 LOCK_ORDER_CYCLE,"
                + " 0 SEQUENTIAL_LOCK_ORDER_CYCLE, 0 DEADLOCK, 0 STALL;"), summary);
        assertTrue(summary.contains("report " + r.dir.resolve("report.json").toAbsolutePath()), summary);
        Object json = MiniJson.parse(r.json);
        assertEquals(2.0, ((Number) MiniJson.path(json, "summary", "locks")).doubleValue());

        Result cycle = ForkedJvm.run("", MutexOrder.class);
        assertTrue(agentLines(cycle.err).get(agentLines(cycle.err).size() - 1)
                .contains("; 1 LOCK_ORDER_CYCLE, 0 SEQUENTIAL_LOCK_ORDER_CYCLE, 0 DEADLOCK, 0 STALL;"), cycle::toString);

        assertEquals(List.of(), agentLines(ForkedJvm.run("banner=false,summary=false", MutexOrderFixed.class).err));
        assertEquals(List.of(), agentLines(ForkedJvm.run("quiet", MutexOrder.class).err));
    }

    @Test
    void agentsOwnPrintingThroughInstrumentedStreamsIsNeverRecorded() throws Exception {
        // jdk=io instruments PrintStream and the writers under it: the banner, the cycle's report and the summary
        // all go through them, on the main, reporter and exit threads. Only the program's two locks may count.
        Result r = ForkedJvm.run("jdk=collections:io", SilentCycle.class);
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.err.contains("[gridlock] summary: 2 locks, 2 lock-order edges;"), r::toString);
        assertEquals("", r.out);
    }
}
