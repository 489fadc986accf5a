package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.AccountTransfer;
import io.github.gridlock.agent.programs.ChildFirst;
import io.github.gridlock.agent.programs.ExtensionProbe;
import io.github.gridlock.agent.programs.SequentialUse;
import io.github.gridlock.agent.programs.JdkMonitors;
import io.github.gridlock.agent.programs.MutexOrder;
import io.github.gridlock.agent.programs.RealDeadlock;
import io.github.gridlock.agent.programs.VirtualThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same programs on the JDK named by gridlock.jdk25.home; skipped with a message when it is absent. */
class Jdk25IT {
    private Path home;

    @BeforeEach
    void jdk() {
        String h = System.getProperty("gridlock.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
        home = Paths.get(h);
        assumeTrue(Files.isExecutable(home.resolve("bin/java")),
                "JDK 25 not found at " + h + " (set -Dgridlock.jdk25.home); skipping JDK 25 runs");
    }

    @Test
    void classicMutexOrderOnJdk25() throws Exception {
        Result r = ForkedJvm.run(home, "", MutexOrder.class);
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.json.contains("MutexOrder.mutexA"), r::toString);
    }

    @Test
    void accountTransferWithLocksOnJdk25() throws Exception {
        Result r = ForkedJvm.run(home, "", AccountTransfer.class, "lock");
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.json.contains("AccountTransfer.Account.lock"), r::toString);
        Result fixed = ForkedJvm.run(home, "", AccountTransfer.class, "fixed-lock");
        assertEquals(0, fixed.cycles(), fixed::toString);
    }

    @Test
    void realDeadlockAndWatchdogOnJdk25() throws Exception {
        Result r = ForkedJvm.run(home, "watchdog=200ms", RealDeadlock.class, "monitor", "3000");
        assertTrue(r.out.contains("hung"), r::toString);
        assertEquals(1, r.cycles(), r::toString);
        assertEquals(1, r.count("DEADLOCK"), r::toString);
    }

    @Test
    void virtualThreadsAreIdentifiedAsThemselves() throws Exception {
        Result r = ForkedJvm.run(home, "", VirtualThreads.class);
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.json.contains("\"thread\": \"virtual-1\""), r::toString);
        assertTrue(r.json.contains("\"thread\": \"virtual-2\""), r::toString);
        assertTrue(r.json.contains("\"virtual\": true"), r::toString);
        assertTrue(r.err.contains(", virtual)"), r::toString);
    }

    @Test
    void cycleThroughJdkMonitorsOnJdk25() throws Exception {
        Result vector = ForkedJvm.run(home, "", JdkMonitors.class, "vector");
        assertEquals(1, vector.cycles(), vector::toString);
        assertTrue(vector.json.contains("java.util.Vector.add(Vector.java:"), vector::toString);
        Result none = ForkedJvm.run(home, "jdk=none", JdkMonitors.class, "vector");
        assertEquals(0, none.cycles(), none::toString);
        Result handler = ForkedJvm.run(home, "jdk=logging:io", JdkMonitors.class, "log-handler");
        assertEquals(1, handler.cycles(), handler::toString);
        Result stream = ForkedJvm.run(home, "jdk=io", JdkMonitors.class, "print-stream");
        assertEquals(1, stream.cycles(), stream::toString);
    }

    @Test
    void isolatedClassLoaderOnJdk25() throws Exception {
        String classes = Paths.get(MutexOrder.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Result r = ForkedJvm.run(home, "", ChildFirst.class, classes, MutexOrder.class.getName());
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("main class loaded by the isolating loader"), r::toString);
        assertEquals(1, r.cycles(), r::toString);
    }

    @Test
    void sequentialInversionAndStartUpLinesOnJdk25() throws Exception {
        Result r = ForkedJvm.run(home, "", SequentialUse.class);
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, r.count("SEQUENTIAL_LOCK_ORDER_CYCLE"), r::toString);
        assertTrue(r.err.contains("watching lock order:") && r.err.contains("[gridlock] summary: 2 locks"),
                r::toString);
    }

    @Test
    void parallelJUnitBlameOnJdk25() throws Exception {
        Result r = ForkedJvm.run(home, "", ExtensionProbe.class, "ParallelCycleCases", "ParallelCleanCases",
                "junit.jupiter.execution.parallel.enabled=true",
                "junit.jupiter.execution.parallel.mode.default=concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default=concurrent",
                "junit.jupiter.execution.parallel.config.strategy=fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism=6");
        assertTrue(r.out.contains("tests=4 succeeded=1 failed=3"), r::toString);
        assertTrue(!r.out.contains("FAILED ParallelCleanCases"), r::toString);
    }

    @Test
    void agentThatCannotWriteItsRuntimeJarOnJdk25() throws Exception {
        Result r = ForkedJvm.run(home, java.util.List.of("-Djava.io.tmpdir=/nonexistent/gridlock-tmp"), "",
                MutexOrder.class);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("done 2"), r::toString);
        assertTrue(r.err.contains("[gridlock] agent not installed: cannot write its runtime jar"), r::toString);
    }
}
