package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.ChildFirst;
import io.github.gridlock.agent.programs.MutexOrder;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the agent installs: reachable from isolated class loaders, and never fatal when it cannot install. */
class InstallIT {
    private static final Path JAVA_HOME = Paths.get(System.getProperty("java.home"));

    @Test
    void classLoaderThatNeverDelegatesTheAgentsPackagesStillReachesTheRuntime() throws Exception {
        String programClasses = Paths.get(MutexOrder.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Result r = ForkedJvm.run("", ChildFirst.class, programClasses, MutexOrder.class.getName());
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("main class loaded by the isolating loader"), r::toString);
        assertTrue(r.out.contains("done 2"), r::toString);
        assertFalse(r.err.contains("NoClassDefFoundError"), r::toString);
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.json.contains("MutexOrder.mutexA"), r::toString);
    }

    @Test
    void agentThatCannotWriteItsRuntimeJarSaysSoOnceAndTheProgramRunsUnchanged() throws Exception {
        Result plain = ForkedJvm.runWithoutAgent(JAVA_HOME, MutexOrder.class);
        Result r = ForkedJvm.run(JAVA_HOME, List.of("-Djava.io.tmpdir=/nonexistent/gridlock-tmp"), "", MutexOrder.class);
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(plain.out, r.out);
        assertTrue(r.out.contains("done 2"), r::toString);
        String message = "[gridlock] agent not installed: cannot write its runtime jar to /nonexistent/gridlock-tmp";
        assertTrue(r.err.contains(message), r::toString);
        assertEquals(r.err.indexOf("[gridlock]"), r.err.lastIndexOf("[gridlock]"), r::toString);
        assertEquals("", r.json, "no report: the agent is not there");
    }

    @Test
    void secondCopyOfTheAgentStandsDown() throws Exception {
        Result r = ForkedJvm.run(JAVA_HOME, List.of("-javaagent:" + ForkedJvm.agentJar()), "", MutexOrder.class);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.err.contains("[gridlock] agent not installed: another copy of the agent is already installed"),
                r::toString);
        // the first -javaagent (no report file) is the one installed: one cycle on stderr, reported once
        assertEquals(2, r.err.split("\\[gridlock\\] LOCK_ORDER_CYCLE", -1).length, r::toString);
        assertEquals(2, r.err.split("watching lock order:", -1).length, "one start-up line\n" + r);
    }

    @Test
    void agentClassesAheadOfTheAgentJarOnTheClassPathStillInstallFromTheJar() throws Exception {
        // a build whose class path holds the agent module's own classes (the benchmarks' does)
        Path classes = Paths.get(ForkedJvm.agentJar()).resolveSibling("classes");
        ForkedJvm.classPathPrefix = classes + java.io.File.pathSeparator;
        Result r;
        try {
            r = ForkedJvm.run("", MutexOrder.class);
        } finally {
            ForkedJvm.classPathPrefix = "";
        }
        assertFalse(r.err.contains("agent not installed"), r::toString);
        assertEquals(1, r.cycles(), r::toString);
    }
}
