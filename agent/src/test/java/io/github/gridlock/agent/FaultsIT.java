package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.HostileExits;
import io.github.gridlock.agent.programs.MutexOrder;
import io.github.gridlock.agent.programs.WaitForLockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Issue #16, agent side: faults inside the agent (injected with {@code -Dgridlock.agent.injectFault}), reports that
 * cannot be written, a class the agent cannot rewrite, and programs that exit while holding locks or stderr. In
 * every case the program runs to the same output and exit code as without the agent, and the agent says once what
 * it could not do.
 */
class FaultsIT {
    private static final Path JAVA_HOME = Paths.get(System.getProperty("java.home"));

    private static Result run(String property, String options, Class<?> main, String... args) throws Exception {
        List<String> jvmArgs = property == null ? List.of() : List.of("-Dgridlock.agent.injectFault=" + property);
        return ForkedJvm.run(JAVA_HOME, jvmArgs, options, main, args);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The exit summary's count of internal errors at {@code place}, or 0. */
    private static int summaryErrors(Result r, String place) {
        Matcher m = Pattern.compile("internal errors \\(the program was not affected\\):.* " + place + " (\\d+)")
                .matcher(r.err);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void assertSameAsWithoutAgent(Result with, Class<?> main, String... args) throws Exception {
        Result without = ForkedJvm.runWithoutAgent(JAVA_HOME, main, args);
        assertEquals(without.exitCode, with.exitCode, with::toString);
        assertEquals(without.out, with.out, with::toString);
    }

    @Test
    void aLockHookThatThrowsLeavesTheProgramUnchangedAndIsSaidOnce() throws Exception {
        Result r = run("hook", "", MutexOrder.class);
        assertSameAsWithoutAgent(r, MutexOrder.class);
        assertEquals(1, occurrences(r.err, "[gridlock] internal error in the lock hook: java.lang"
                + ".IllegalStateException: fault injected"), r::toString);
        assertTrue(summaryErrors(r, "lock hook") >= 2, r::toString); // each first acquisition of a nested lock
        assertEquals(0, r.cycles(), r::toString); // the edges were never recorded
    }

    @Test
    void aWaitHookThatThrowsLeavesTheWaitOutOfTheGraphAndIsSaidOnce() throws Exception {
        Result r = run("wait", "watchdog=200ms", WaitForLockHolder.class, "join-timed", "5000");
        assertTrue(r.out.contains("join returned, joined thread alive: true") && r.out.contains("finished"),
                r::toString);
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, occurrences(r.err, "[gridlock] internal error in the wait hook"), r::toString);
        assertTrue(r.err.contains("this wait is not in the watchdog's waits-for graph"), r::toString);
        // the joined thread's latch await, the waiter's join, main's join of the waiter
        assertEquals(3, summaryErrors(r, "wait hook"), r::toString);
        assertEquals(0, r.count("STALL"), r::toString);
    }

    @Test
    void aWatchdogThatThrowsKeepsWatchingAndIsSaidOnce() throws Exception {
        Result r = run("watchdog", "watchdog=100ms", WaitForLockHolder.class, "join-timed", "5000");
        assertTrue(r.out.contains("join returned, joined thread alive: true") && r.out.contains("finished"),
                r::toString);
        assertEquals(1, occurrences(r.err, "[gridlock] internal error in the watchdog"), r::toString);
        assertTrue(summaryErrors(r, "watchdog") >= 5, r::toString); // one per scan over 2 s, every 100 ms
        assertEquals(0, r.count("STALL"), r::toString);
    }

    @Test
    void aReportThatCannotBeWrittenIsSaidAndTheFindingsStillPrinted(@TempDir Path tmp) throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        String report = notADirectory.resolve("report.json").toString();
        Result r = run(null, "report=" + report, MutexOrder.class);
        assertSameAsWithoutAgent(r, MutexOrder.class);
        assertEquals(1, occurrences(r.err, "[gridlock] cannot write " + report), r::toString);
        assertTrue(r.err.contains("[gridlock] LOCK_ORDER_CYCLE #1"), r::toString);
        assertTrue(r.err.contains("report " + report + " (not written)"), r::toString);
        // the other report is written all the same
        assertEquals("LOCK_ORDER_CYCLE", MiniJson.path(MiniJson.parse(r.sarif), "runs", 0, "results", 0, "ruleId"),
                r.sarif);
    }

    @Test
    void aFullDiskIsSaidAndTheProgramUnchanged() throws Exception {
        assumeTrue(Files.isWritable(Paths.get("/dev/full")), "no /dev/full here");
        Result r = run(null, "report=/dev/full,sarif=/dev/full", MutexOrder.class);
        assertSameAsWithoutAgent(r, MutexOrder.class);
        assertEquals(2, occurrences(r.err, "[gridlock] cannot write /dev/full: java.io.IOException: No space left"),
                r::toString);
        assertTrue(r.err.contains("report /dev/full (not written), sarif /dev/full (not written)"), r::toString);
        assertTrue(r.err.contains("[gridlock] LOCK_ORDER_CYCLE #1"), r::toString);
    }

    /**
     * {@code static int run(Object o)}: {@code blocks} times {@code synchronized (o) {}} without handlers (4 bytes
     * each), then {@code return blocks}. At 16 000 blocks the method is 64 005 bytes: valid, but too large for the
     * agent's hooks.
     */
    private static byte[] hugeClass(int blocks) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "Huge", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "(Ljava/lang/Object;)I",
                null, null);
        mv.visitCode();
        for (int i = 0; i < blocks; i++) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.MONITORENTER);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.MONITOREXIT);
        }
        mv.visitLdcInsn(blocks);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void aClassTooLargeToInstrumentRunsUnchangedWithOneWarning(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve("Huge.class"), hugeClass(16_000));
        Result r = run(null, "", HostileExits.class, "generated", tmp.toString());
        assertTrue(r.out.contains("Huge.run returned 16000"), r::toString);
        assertSameAsWithoutAgent(r, HostileExits.class, "generated", tmp.toString());
        assertEquals(1, occurrences(r.err, "[gridlock] warning: Huge left uninstrumented"), r::toString);
        assertTrue(r.err.contains("MethodTooLargeException"), r::toString);
    }

    @Test
    void exitWhileThreadsHoldLocksKeepsTheExitCodeAndWritesTheReport() throws Exception {
        Result r = run(null, "", HostileExits.class, "exit-holding-locks");
        assertSameAsWithoutAgent(r, HostileExits.class, "exit-holding-locks");
        assertEquals(3, r.exitCode, r::toString);
        assertTrue(r.err.contains("[gridlock] summary: "), r::toString);
        assertEquals(1, r.cycles(), r::toString); // left-right / right-left, caught before they deadlocked
        Object json = MiniJson.parse(r.json);
        assertEquals(1.0, ((Number) MiniJson.path(json, "summary", "findings", "LOCK_ORDER_CYCLE")).doubleValue());
    }

    @Test
    void stderrHeldByTheProgramAtExitDoesNotHangTheJvm() throws Exception {
        long start = System.nanoTime();
        Result r = run(null, "", HostileExits.class, "stderr-held");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertSameAsWithoutAgent(r, HostileExits.class, "stderr-held");
        assertEquals(7, r.exitCode, r::toString);
        assertEquals(1, occurrences(r.err, "[gridlock] stderr is held by the program at exit: findings and the"
                + " summary were not printed; they are in " + r.dir.resolve("report.json").toAbsolutePath()),
                r::toString);
        assertFalse(r.err.contains("[gridlock] summary"), r::toString);
        assertTrue(r.json.contains("\"summary\""), r::toString);
        assertTrue(millis < 30_000, () -> "took " + millis + " ms\n" + r);
    }
}
