package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.AccountTransfer;
import io.github.gridlock.agent.programs.ExceptionalExit;
import io.github.gridlock.agent.programs.ExtensionProbe;
import io.github.gridlock.agent.programs.MutexOrder;
import io.github.gridlock.agent.programs.MutexOrderFixed;
import io.github.gridlock.agent.programs.RealDeadlock;
import io.github.gridlock.agent.programs.SyncMethods;
import io.github.gridlock.agent.programs.TryLocks;
import io.github.gridlock.agent.programs.WaitAndAwait;
import org.junit.jupiter.api.Test;

/** Real programs under the packaged agent in a forked JVM (JDK running the build). */
class ProgramsIT {

    private static void assertCycle(Result r, String... mustContain) {
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.err.contains("[gridlock] LOCK_ORDER_CYCLE"), r::toString);
        for (String s : mustContain) {
            assertTrue(r.err.contains(s), () -> "stderr lacks " + s + "\n" + r);
            assertTrue(r.json.contains(s), () -> "report.json lacks " + s + "\n" + r);
        }
    }

    private static void assertClean(Result r) {
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(0, r.cycles(), r::toString);
        for (String kind : new String[] {"LOCK_ORDER_CYCLE", "SEQUENTIAL_LOCK_ORDER_CYCLE", "DEADLOCK"}) {
            assertFalse(r.err.contains("[gridlock] " + kind), r::toString);
        }
        assertFalse(r.err.contains("[gridlock] warning"), r::toString);
        assertTrue(r.json.contains("\"findings\": []"), r::toString);
    }

    @Test
    void classicMutexOrderIsReportedWithEveryEdgeStackThreadsAndLockClasses() throws Exception {
        Result r = ForkedJvm.run("", MutexOrder.class);
        assertTrue(r.out.contains("done 2"), r::toString);
        assertCycle(r, "MutexOrder.mutexA", "MutexOrder.mutexB", "worker-1", "worker-2",
                "MutexOrder.func1(MutexOrder.java", "MutexOrder.func2(MutexOrder.java");
        Object json = MiniJson.parse(r.json);
        assertEquals("LOCK_ORDER_CYCLE", MiniJson.path(json, "findings", 0, "type"));
        assertEquals(2, ((java.util.List<?>) MiniJson.path(json, "findings", 0, "edges")).size());
        for (int e = 0; e < 2; e++) {
            assertTrue(((java.util.List<?>) MiniJson.path(json, "findings", 0, "edges", e, "stack")).size() >= 2);
        }
        Object sarif = MiniJson.parse(r.sarif);
        assertEquals("2.1.0", MiniJson.path(sarif, "version"));
        assertEquals("LOCK_ORDER_CYCLE", MiniJson.path(sarif, "runs", 0, "results", 0, "ruleId"));
        assertEquals("io/github/gridlock/agent/programs/MutexOrder.java", MiniJson.path(sarif, "runs", 0, "results", 0,
                "locations", 0, "physicalLocation", "artifactLocation", "uri"));
        assertEquals(2, ((java.util.List<?>) MiniJson.path(sarif, "runs", 0, "results", 0, "locations")).size());
    }

    @Test
    void fixedMutexOrderReportsNothing() throws Exception {
        assertClean(ForkedJvm.run("", MutexOrderFixed.class));
    }

    @Test
    void accountTransferWithMonitorsIsReported() throws Exception {
        assertCycle(ForkedJvm.run("", AccountTransfer.class, "monitor"), "AccountTransfer$Account", "alice",
                "bob", "AccountTransfer.transferMonitor(AccountTransfer.java");
    }

    @Test
    void accountTransferWithReentrantLockFieldIsReportedByFieldName() throws Exception {
        assertCycle(ForkedJvm.run("", AccountTransfer.class, "lock"), "AccountTransfer.Account.lock",
                "AccountTransfer.transferLock(AccountTransfer.java");
    }

    @Test
    void fixedAccountTransfersReportNothing() throws Exception {
        assertClean(ForkedJvm.run("", AccountTransfer.class, "fixed-monitor"));
        assertClean(ForkedJvm.run("", AccountTransfer.class, "fixed-lock"));
    }

    @Test
    void staticSynchronizedMethodsLockTheClassObjects() throws Exception {
        Result r = ForkedJvm.run("", SyncMethods.class, "static");
        assertCycle(r, "SyncMethods$Left.class", "SyncMethods$Right.class");
        // the acquisition frame of a synchronized method (the hook runs before its first instruction) has the
        // method's first line, not "(SyncMethods.java)"
        assertTrue(java.util.regex.Pattern.compile("at io\\.github\\.gridlock\\.agent\\.programs\\.SyncMethods"
                + "\\$Left\\.leaf\\(SyncMethods\\.java:\\d+\\)").matcher(r.err).find(), r::toString);
    }

    @Test
    void instanceSynchronizedMethodsLockThis() throws Exception {
        assertCycle(ForkedJvm.run("", SyncMethods.class, "instance"), "SyncMethods$Node",
                "SyncMethods$Node.touch(SyncMethods.java");
    }

    @Test
    void exceptionalExitsFromBlocksAndMethodsReleaseTheLock() throws Exception {
        assertClean(ForkedJvm.run("", ExceptionalExit.class));
    }

    @Test
    void realMonitorDeadlockIsReportedBeforeAcquiringAndByTheWatchdog() throws Exception {
        Result r = ForkedJvm.run("watchdog=200ms", RealDeadlock.class, "monitor", "3000");
        assertTrue(r.out.contains("hung"), r::toString);
        assertEquals(1, r.cycles(), r::toString);
        assertEquals(1, r.count("DEADLOCK"), r::toString);
        assertTrue(r.err.contains("[gridlock] DEADLOCK"), r::toString);
        assertTrue(r.json.contains("\"name\": \"deadlock-1\", \"id\""), r::toString);
        assertTrue(r.json.contains("\"name\": \"deadlock-2\", \"id\""), r::toString);
        assertTrue(r.json.contains("RealDeadlock.monitors(RealDeadlock.java"), r::toString);
        Object sarif = MiniJson.parse(r.sarif);
        assertEquals("DEADLOCK", MiniJson.path(sarif, "runs", 0, "results", 1, "ruleId"), r.sarif);
        MiniJson.parse(r.json);
        // the cycle came from the before-acquire check, so it precedes the watchdog's report
        assertTrue(r.err.indexOf("LOCK_ORDER_CYCLE") < r.err.indexOf("[gridlock] DEADLOCK"), r::toString);
    }

    @Test
    void realReentrantLockDeadlockIsReportedBeforeAcquiringAndByTheWatchdog() throws Exception {
        Result r = ForkedJvm.run("watchdog=200ms", RealDeadlock.class, "lock", "3000");
        assertTrue(r.out.contains("hung"), r::toString);
        assertEquals(1, r.cycles(), r::toString);
        assertEquals(1, r.count("DEADLOCK"), r::toString);
        assertTrue(r.json.contains("RealDeadlock.locks(RealDeadlock.java"), r::toString);
    }

    @Test
    void watchdogAloneFindsDeadlockInUninstrumentedCode() throws Exception {
        Result r = ForkedJvm.run("watchdog=200ms,exclude=io.github.gridlock.agent.programs.**", RealDeadlock.class,
                "monitor", "3000");
        assertTrue(r.out.contains("hung"), r::toString);
        assertEquals(0, r.cycles(), r::toString);
        assertEquals(1, r.count("DEADLOCK"), r::toString);
        assertTrue(r.err.contains("DEADLOCKED"), r::toString);
    }

    @Test
    void watchdogOffAndNoInstrumentationReportNothing() throws Exception {
        Result r = ForkedJvm.run("watchdog=0,exclude=io.github.gridlock.agent.programs.**", RealDeadlock.class,
                "monitor", "1000");
        assertTrue(r.out.contains("hung"), r::toString);
        assertEquals(0, r.cycles() + r.count("DEADLOCK"), r::toString);
    }

    @Test
    void onCycleFailRefusesTheSecondThreadBeforeItCanDeadlock() throws Exception {
        for (String mode : new String[] {"monitor", "lock"}) {
            Result r = ForkedJvm.run("onCycle=fail,watchdog=0", RealDeadlock.class, mode, "20000");
            assertTrue(r.out.contains("finished"), r::toString);
            int refused = r.out.split("refused: io.github.gridlock.agent.runtime.LockOrderViolation", -1).length - 1;
            assertEquals(1, refused, r::toString);
            assertTrue(r.out.contains("got both"), r::toString);
            assertEquals(1, r.cycles(), r::toString);
        }
    }

    @Test
    void waitReleasesTheMonitorInTheHeldSet() throws Exception {
        assertClean(ForkedJvm.run("", WaitAndAwait.class, "wait-released"));
    }

    @Test
    void awaitRestoresTheHoldCountAfterReacquiring() throws Exception {
        assertCycle(ForkedJvm.run("", WaitAndAwait.class, "await-reacquired"), "WaitAndAwait.L", "WaitAndAwait.C");
    }

    @Test
    void untimedTryLockAddsNoEdge() throws Exception {
        assertClean(ForkedJvm.run("", TryLocks.class, "untimed"));
    }

    @Test
    void untimedTryLockJoinsTheHeldSet() throws Exception {
        assertCycle(ForkedJvm.run("", TryLocks.class, "untimed-held"), "TryLocks.B", "TryLocks.C");
    }

    @Test
    void timedTryLockAddsAnEdgeFlaggedTimed() throws Exception {
        Result r = ForkedJvm.run("", TryLocks.class, "timed");
        assertCycle(r, "TryLocks.A", "TryLocks.B");
        assertTrue(r.json.contains("\"timed\": true"), r::toString);
        assertTrue(r.err.contains("[timed tryLock]"), r::toString);
    }

    @Test
    void stampedLockWriteLocksAreTracked() throws Exception {
        assertCycle(ForkedJvm.run("", TryLocks.class, "stamped"), "TryLocks.S1", "TryLocks.S2");
    }

    @Test
    void junitExtensionFailsOnlyTheTestThatCreatedTheCycle() throws Exception {
        Result r = ForkedJvm.run("", ExtensionProbe.class);
        assertTrue(r.out.contains("tests=3 succeeded=2 failed=1"), r::toString);
        assertTrue(r.out.contains("FAILED ProbeCases.cycleTest(): Gridlock: 1 new lock-order problem(s)"), r::toString);
        assertTrue(r.out.contains("MutexOrder.mutexA"), r::toString);
    }
}
