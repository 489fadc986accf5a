package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.gridlock.agent.ForkedJvm.Result;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #16: the agent changes nothing a program can observe. Every program of the agent's test corpus whose
 * output is deterministic runs with the agent (default options, whatever it reports) and without it, and must give
 * the same stdout and exit code; the agent must not fail anywhere. (SequentialUse is left out: it names the agent's
 * LockOrderViolation, so it cannot load without the agent.)
 */
class CorpusIT {
    private static final Path JAVA_HOME = Paths.get(System.getProperty("java.home"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "MutexOrder, ''",
        "MutexOrderFixed, ''",
        "AccountTransfer, monitor",
        "AccountTransfer, lock",
        "AccountTransfer, fixed-monitor",
        "AccountTransfer, fixed-lock",
        "SyncMethods, static",
        "SyncMethods, instance",
        "ExceptionalExit, ''",
        "TryLocks, untimed",
        "TryLocks, untimed-held",
        "TryLocks, timed",
        "TryLocks, stamped",
        "WaitAndAwait, wait-released",
        "WaitAndAwait, await-reacquired",
        "FilterCases, single-thread",
        "FilterCases, gate",
        "FilterCases, hb-start",
        "FilterCases, hb-join",
        "FilterCases, read-read-writer",
        "FilterCases, rw-mixed",
        "JdkMonitors, vector",
        "JdkMonitors, synchronized-map",
        "RealDeadlock, monitor 3000",
        "HostileExits, exit-holding-locks"})
    void sameOutputAndExitCodeWithAndWithoutTheAgent(String program, String args) throws Exception {
        Class<?> main = Class.forName("io.github.gridlock.agent.programs." + program);
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
        Result with = ForkedJvm.run(JAVA_HOME, java.util.List.of(), "", main, argv);
        Result without = ForkedJvm.runWithoutAgent(JAVA_HOME, main, argv);
        assertEquals(without.exitCode, with.exitCode, () -> Arrays.toString(argv) + "\n" + with + "\n" + without);
        assertEquals(without.out, with.out, () -> with + "\n--- without the agent:\n" + without);
        assertFalse(with.err.contains("[gridlock] internal error") || with.err.contains("[gridlock] warning"),
                with::toString);
    }
}
