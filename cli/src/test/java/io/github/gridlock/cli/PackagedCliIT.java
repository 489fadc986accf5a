package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI as a user runs it: a plain {@code java -jar} on target/, with lib/ and plugins/ beside it. */
class PackagedCliIT {
    private static final Path JAR = Paths.get(System.getProperty("gridlock.cli.jar", "missing"));

    @TempDir
    Path cwd;

    private String[] run(String... args) throws IOException, InterruptedException {
        return runWith(List.of(), args);
    }

    private String[] runWith(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(cwd.resolve("out.txt").toFile()).redirectError(cwd.resolve("err.txt").toFile())
                .start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        return new String[] {String.valueOf(p.exitValue()), Files.readString(cwd.resolve("out.txt")),
            Files.readString(cwd.resolve("err.txt"), StandardCharsets.UTF_8)};
    }

    @Test
    void layoutKeepsThePluginOffTheClassPath() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing");
        try (Stream<Path> lib = Files.list(JAR.getParent().resolve("lib"));
                Stream<Path> plugins = Files.list(JAR.getParent().resolve("plugins"))) {
            List<String> libs = lib.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertTrue(libs.stream().anyMatch(n -> n.startsWith("spotbugs-")), libs::toString);
            assertTrue(libs.stream().anyMatch(n -> n.startsWith("gridlock-sample-code-")), libs::toString);
            assertFalse(libs.stream().anyMatch(n -> n.startsWith("gridlock-detectors")), libs::toString);
            assertTrue(plugins.anyMatch(p -> p.getFileName().toString().startsWith("gridlock-detectors-")));
        }
    }

    @Test
    void versionRunsWithPlainJava() throws Exception {
        String[] r = run("--version");
        assertEquals("0", r[0], r[2]);
        assertThat(r[1], startsWith("gridlock 0.1.0-SNAPSHOT (SpotBugs 4.9.8"));
    }

    @Test
    void defaultScanFindsTheBundledPluginAndSamples() throws Exception {
        String[] r = run("scan");
        assertThat(r[2], containsString("scanning the bundled sample code"));
        assertThat(r[2], not(containsString("plugin was not found")));
        assertThat(r[2], not(containsString("SLF4J")));
        assertThat(r[1], containsString("GL_"));
        assertEquals("1", r[0], r[1] + r[2]);
    }

    @Test
    void aHeapTooSmallForTheScanSaysHowMuchToGiveNeverABareOutOfMemoryError() throws Exception {
        // 32 MB holds the CLI and the plugin but not the analysis of the 235 sample classes.
        String[] r = runWith(List.of("-Xmx32m"), "scan", "-q");
        assertEquals("3", r[0], r[1] + r[2]);
        assertThat(r[2], containsString("gridlock: analysis error: needs more memory: use -Xmx1g (this run had "));
        assertThat(r[2], not(containsString("java.lang.OutOfMemoryError")));
        assertThat(r[2], not(containsString("\tat ")));
        assertThat(r[1], containsString("this report is incomplete"));
        assertThat(r[1], not(containsString("No findings (")));
    }
}
