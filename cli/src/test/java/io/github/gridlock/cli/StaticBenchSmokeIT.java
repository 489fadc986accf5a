package io.github.gridlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The static-analysis benchmark (bench/static-bench.sh) in its smoke mode, so the script cannot rot:
 * one small library, one iteration, Gridlock's detectors only. The script exits non-zero when SpotBugs
 * failed, wrote no report, analysed no class, or logged an error from Gridlock.
 */
class StaticBenchSmokeIT {

    @TempDir
    Path out;

    @Test
    void benchmarkSmokeRunSucceedsOnARealLibrary() throws Exception {
        Path script = Paths.get("..", "bench", "static-bench.sh").toAbsolutePath().normalize();
        Path smokeJar = Paths.get(System.getProperty("gridlock.bench.smokeJar", "missing"));
        assertTrue(Files.isRegularFile(smokeJar), "smoke input resolved by Maven: " + smokeJar);
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), "--smoke", "--plugin",
                Fixtures.plugin().toString(), "--out", out.resolve("results").toString()))
                .directory(script.getParent().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(out.resolve("smoke.log").toFile());
        // SpotBugs is on this JVM's class path; the script needs no Maven call with these two set.
        pb.environment().put("GL_BENCH_SPOTBUGS_CP", System.getProperty("java.class.path"));
        pb.environment().put("GL_BENCH_SMOKE_JAR", smokeJar.toString());
        pb.environment().put("PATH", Paths.get(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "smoke run timed out");
        String log = Files.readString(out.resolve("smoke.log"));
        assertEquals(0, p.exitValue(), "bench smoke failed:\n" + log);
        try (var files = Files.walk(out.resolve("results"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".xml")), "the smoke run wrote a SpotBugs report\n" + log);
        }
    }
}
