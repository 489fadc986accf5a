package io.github.gridlock.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a program from src/test/java in a new JVM under the packaged (shaded) agent jar. */
final class ForkedJvm {
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** Prepended to the programs' class path (InstallIT: the agent's own classes before its jar). */
    static String classPathPrefix = "";

    static final class Result {
        final int exitCode;
        final String out;
        final String err;
        final String json;
        final String sarif;
        /** The run's working directory (report.json, report.sarif, stdout.txt, stderr.txt). */
        Path dir;

        Result(int exitCode, String out, String err, String json, String sarif) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
            this.json = json;
            this.sarif = sarif;
        }

        int count(String type) {
            Matcher m = Pattern.compile("\"type\": \"" + type + "\"").matcher(json);
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        int cycles() {
            return count("LOCK_ORDER_CYCLE");
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err + "--- report.json\n" + json;
        }
    }

    private ForkedJvm() {
    }

    static String agentJar() {
        String jar = System.getProperty("gridlock.agent.jar");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("gridlock.agent.jar not set or missing (" + jar
                    + "): run these tests with mvn verify");
        }
        return jar;
    }

    static Result run(String options, Class<?> main, String... args) throws IOException, InterruptedException {
        return run(Paths.get(System.getProperty("java.home")), options, main, args);
    }

    /** Runs {@code main} with -javaagent:jar=report=..,sarif=..,options; kills it after 60 s. */
    static Result run(Path javaHome, String options, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return run(javaHome, List.of(), options, main, args);
    }

    /** Runs {@code main} without any agent (to compare a program's output with and without it). */
    static Result runWithoutAgent(Path javaHome, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return run(javaHome, List.of(), null, main, args);
    }

    /** {@code options} null: no agent at all. */
    static Result run(Path javaHome, List<String> jvmArgs, String options, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Path dir = Paths.get(System.getProperty("gridlock.work.dir", "target/it-work"))
                .resolve(main.getSimpleName() + "-" + RUNS.incrementAndGet());
        Files.createDirectories(dir);
        Path json = dir.resolve("report.json");
        Path sarif = dir.resolve("report.sarif");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.add("-Xshare:off");
        cmd.addAll(jvmArgs);
        if (options != null) {
            String agentArgs = "report=" + json + ",sarif=" + sarif + (options.isEmpty() ? "" : "," + options);
            cmd.add("-javaagent:" + agentJar() + "=" + agentArgs);
        }
        cmd.add("-cp");
        cmd.add(classPathPrefix + System.getProperty("gridlock.program.classpath"));
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("program did not finish in 60 s: " + String.join(" ", cmd) + "\n"
                    + read(out) + read(err));
        }
        Result r = new Result(p.exitValue(), read(out), read(err), read(json), read(sarif));
        r.dir = dir;
        return r;
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "";
    }
}
