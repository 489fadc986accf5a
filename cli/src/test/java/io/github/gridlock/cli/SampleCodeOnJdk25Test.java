package io.github.gridlock.cli;

import io.github.gridlock.cli.SampleCode.Site;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Users compile with newer JDKs than the one Gridlock is built with: the sample code compiled by the
 * JDK 25 compiler (class file version 69) must give exactly the findings its markers expect.
 */
class SampleCodeOnJdk25Test {

    @TempDir
    Path work;

    @Test
    void samplesCompiledForJava25GiveTheSameFindings() throws Exception {
        Path javac = Paths.get(System.getProperty("gridlock.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "javac");
        assumeTrue(Files.isExecutable(javac), "no JDK 25 at " + javac + " (set -Dgridlock.jdk25.home)");

        Map<String, String> sources = SampleCode.sources(SampleCode.artifact());
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        List<String> cmd = new ArrayList<>(List.of(javac.toString(), "-g", "--release", "25", "-nowarn", "-d", classes.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            cmd.add(file.toString());
        }
        Process javacRun = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("javac.log").toFile()).start();
        assertTrue(javacRun.waitFor(3, TimeUnit.MINUTES), "javac timed out");
        assertEquals(0, javacRun.exitValue(), () -> "javac failed: " + read(work.resolve("javac.log")));
        byte[] aClass = Files.readAllBytes(Files.walk(classes).filter(p -> p.toString().endsWith(".class")).findFirst().orElseThrow());
        assertEquals(69, ((aClass[6] & 0xff) << 8) | (aClass[7] & 0xff), "class file version of Java 25");

        ScanResult result = new GridlockEngine().scan(new ScanRequest().addInput(classes).addSourcePath(src).addPlugin(Fixtures.plugin()));
        Set<Site> found = new TreeSet<>();
        Map<Site, String> messages = new TreeMap<>();
        for (Finding f : result.findings()) {
            if (f.code().startsWith("GL_")) {
                Site s = SampleCode.siteOf(f);
                found.add(s);
                messages.putIfAbsent(s, f.message());
            }
        }
        HarnessComparison comparison = new HarnessComparison(SampleCode.markers(sources), found, messages, SampleCode.registeredCodes(),
                SampleCode.pendingCodes());
        List<String> failures = new ArrayList<>(comparison.failures);
        result.problems().forEach(p -> failures.add("scan problem: " + p));
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures) + "\n" + comparison.table);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
