package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.WaitForLockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Issue #18 at run time: a thread holding a lock waits for a thread blocked on that lock. The watchdog's waits-for
 * graph reports it while the program runs, as DEADLOCK (no timeout) or STALL (a timeout), with every involved
 * thread's stack; fixed twins and look-alikes report nothing.
 */
class WaitsIT {
    private static final String OPTIONS = "watchdog=200ms";

    private static Result run(String shape, String giveUpMs) throws Exception {
        return ForkedJvm.run(OPTIONS, WaitForLockHolder.class, shape, giveUpMs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyFinding(Result r, String kind) {
        assertEquals(1, r.count(kind), r::toString);
        assertEquals(0, r.count("LOCK_ORDER_CYCLE") + r.count(kind.equals("STALL") ? "DEADLOCK" : "STALL"),
                r::toString);
        assertTrue(r.err.contains("[gridlock] " + kind + " #"), r::toString);
        List<Object> findings = (List<Object>) MiniJson.path(MiniJson.parse(r.json), "findings");
        return (Map<String, Object>) findings.get(0);
    }

    /** The thread named {@code name} of the finding, which must be one of the stuck ones. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> stuckThread(Map<String, Object> finding, String name) {
        for (Object t : (List<Object>) finding.get("threads")) {
            Map<String, Object> m = (Map<String, Object>) t;
            if (name.equals(m.get("name"))) {
                assertEquals(Boolean.TRUE, m.get("deadlocked"), () -> name + " is not among the stuck threads: "
                        + finding);
                return m;
            }
        }
        throw new AssertionError("no thread " + name + " in " + finding);
    }

    @SuppressWarnings("unchecked")
    private static boolean stackHas(Map<String, Object> thread, String regex) {
        Pattern p = Pattern.compile(regex);
        for (Object f : (List<Object>) thread.get("stack")) {
            if (p.matcher((String) f).find()) {
                return true;
            }
        }
        return false;
    }

    private static int stuckCount(Map<String, Object> finding) {
        int n = 0;
        for (Object t : (List<?>) finding.get("threads")) {
            n += Boolean.TRUE.equals(((Map<?, ?>) t).get("deadlocked")) ? 1 : 0;
        }
        return n;
    }

    @Test
    void evictionTimerShapeIsAStallReportedWhileTheProgramRunsWithBothStacks() throws Exception {
        Result r = run("evictor", "10000");
        assertTrue(r.out.contains("awaitTermination returned false") && r.out.contains("reaper ran")
                && r.out.contains("finished"), r::toString);
        Map<String, Object> f = onlyFinding(r, "STALL");
        assertEquals(Boolean.TRUE, f.get("timed"), r::toString);
        assertEquals(2, stuckCount(f), r::toString);
        Map<String, Object> waiter = stuckThread(f, "waiter");
        assertTrue(String.valueOf(waiter.get("waitingFor")).startsWith("ExecutorService.awaitTermination (up to 2 s)"
                + " of java.util.concurrent.ScheduledThreadPoolExecutor@"), r::toString);
        assertTrue(String.valueOf(waiter.get("waitingFor")).contains("whose worker thread \"reaper\""), r::toString);
        assertTrue(stackHas(waiter, "WaitForLockHolder\\$Evictor\\.cancel\\(WaitForLockHolder\\.java:\\d+\\)"),
                r::toString);
        assertFalse(stackHas(waiter, "io\\.github\\.gridlock\\.agent\\.runtime\\.|\\$Gridlock"), r::toString);
        assertTrue(r.err.contains(" TIMED_WAITING STALLED waiting for ExecutorService.awaitTermination"), r::toString);
        Map<String, Object> reaper = stuckThread(f, "reaper");
        assertEquals("BLOCKED", reaper.get("state"), r::toString);
        assertEquals("waiter", reaper.get("lockOwner"), r::toString);
        // blocked entering a synchronized method: its frame (at the agent's hook, before the method's first line
        // in the original code) has the method's first line
        assertTrue(stackHas(reaper, "WaitForLockHolder\\$Evictor\\.touch"
                + "\\(WaitForLockHolder\\.java:\\d+\\)$"), r::toString);
        // reported while the program still ran: before cancel() returned
        Matcher returned = Pattern.compile("cancel returned at (\\d+)").matcher(r.err);
        assertTrue(returned.find(), r::toString);
        assertTrue(((Number) f.get("timeMillis")).longValue() < Long.parseLong(returned.group(1)), r::toString);
        Matcher stderrStall = Pattern.compile("\\[gridlock\\] STALL #1").matcher(r.err);
        assertTrue(stderrStall.find() && stderrStall.start() < returned.start(), r::toString);
        Object sarif = MiniJson.parse(r.sarif);
        assertEquals("STALL", MiniJson.path(sarif, "runs", 0, "results", 0, "ruleId"), r.sarif);
        assertEquals("warning", MiniJson.path(sarif, "runs", 0, "results", 0, "level"), r.sarif);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "join, DEADLOCK, joined, Thread.join of thread \"joined\"",
        "join-timed, STALL, joined, Thread.join (up to 2 s) of thread \"joined\"",
        "future-get, DEADLOCK, pool-worker, Future.get of java.util.concurrent.FutureTask@",
        "future-get-timed, STALL, pool-worker, Future.get (up to 2 s) of java.util.concurrent.FutureTask@",
        "completable-join, DEADLOCK, pool-worker, CompletableFuture.join of java.util.concurrent.CompletableFuture@",
        "latch, DEADLOCK, counter, CountDownLatch.await of java.util.concurrent.CountDownLatch@",
        "latch-timed, STALL, counter, CountDownLatch.await (up to 2 s) of java.util.concurrent.CountDownLatch@"})
    void waitForAThreadBlockedOnTheHeldLockIsReported(String shape, String kind, String worker, String waitingFor)
            throws Exception {
        Result r = run(shape, "2500");
        assertTrue(r.out.contains(kind.equals("DEADLOCK") ? "hung" : "finished"), r::toString);
        Map<String, Object> f = onlyFinding(r, kind);
        assertEquals(2, stuckCount(f), r::toString);
        Map<String, Object> waiter = stuckThread(f, "waiter");
        assertTrue(String.valueOf(waiter.get("waitingFor")).startsWith(waitingFor), r::toString);
        assertTrue(String.valueOf(waiter.get("waitingFor")).contains("\"" + worker + "\""), r::toString);
        assertTrue(stackHas(waiter, "WaitForLockHolder\\.(run|pool)\\(WaitForLockHolder\\.java:\\d+\\)"),
                r::toString);
        Map<String, Object> blocked = stuckThread(f, worker);
        assertEquals("BLOCKED", blocked.get("state"), r::toString);
        assertEquals("waiter", blocked.get("lockOwner"), r::toString);
    }

    /** {@code public static void close(ExecutorService e) { e.close(); }}, which Java 11 sources cannot call. */
    private static byte[] closeCaller() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "CloseCaller", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "close",
                "(Ljava/util/concurrent/ExecutorService;)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/concurrent/ExecutorService", "close", "()V", true);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void executorCloseUnderTheLockItsTaskNeedsIsADeadlockOnJdk25(@TempDir Path tmp) throws Exception {
        Path home = Paths.get(System.getProperty("gridlock.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isExecutable(home.resolve("bin/java")), "JDK 25 not found at " + home + "; skipping");
        Files.write(tmp.resolve("CloseCaller.class"), closeCaller());
        Result r = ForkedJvm.run(home, OPTIONS, WaitForLockHolder.class, "close", "2500", tmp.toString());
        assertTrue(r.out.contains("hung"), r::toString);
        Map<String, Object> f = onlyFinding(r, "DEADLOCK");
        assertEquals(2, stuckCount(f), r::toString);
        assertTrue(String.valueOf(stuckThread(f, "waiter").get("waitingFor")).startsWith("ExecutorService.close of"
                + " java.util.concurrent.ThreadPoolExecutor@"), r::toString);
        assertTrue(String.valueOf(stuckThread(f, "waiter").get("waitingFor")).contains("\"pool-worker\""),
                r::toString);
        assertEquals("waiter", stuckThread(f, "pool-worker").get("lockOwner"), r::toString);
    }

    @Test
    void chainThroughAnotherLockIsOneDeadlockOfThreeThreads() throws Exception {
        Result r = run("chain", "2500");
        assertTrue(r.out.contains("hung"), r::toString);
        Map<String, Object> f = onlyFinding(r, "DEADLOCK");
        assertEquals(3, stuckCount(f), r::toString);
        assertTrue(String.valueOf(stuckThread(f, "waiter").get("waitingFor")).startsWith("Thread.join of thread"
                + " \"first\""), r::toString);
        assertEquals("second", stuckThread(f, "first").get("lockOwner"), r::toString);
        assertEquals("waiter", stuckThread(f, "second").get("lockOwner"), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "evictor-fixed, awaitTermination returned true",
        "join-outside, 'join returned, joined thread alive: false'",
        "other-lock, join returned",
        "slow-worker, join returned",
        "latch-counted-elsewhere, await returned",
        "different-executor, other executor terminated: true"})
    void fixedTwinsAndLookAlikesReportNothing(String shape, String expected) throws Exception {
        Result r = run(shape, "10000");
        assertTrue(r.out.contains(expected) && r.out.contains("finished"), r::toString);
        assertEquals(0, r.count("DEADLOCK") + r.count("STALL") + r.cycles(), r::toString);
        assertTrue(r.json.contains("\"findings\": []"), r::toString);
    }
}
