package io.github.gridlock.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Application workload (issue #5): forks {@link H2Workload} REPS times without and REPS times with the agent,
 * interleaved (no agent, agent, no agent, ...), on the same class path, and prints the median and the spread of
 * both the timed phase and the whole JVM run, the ratio, the agent's graph size and its findings. Also written to
 * target/h2-results.md; the agent's JSON report of the last run goes to target/h2-gridlock.json.
 *
 * <p>Usage: {@code H2Bench AGENT_JAR [REPS [THREADS [OPS_PER_THREAD [WARMUP_OPS_PER_THREAD]]]]}, defaults 5 4
 * 25000 25000.
 */
public final class H2Bench {
    private H2Bench() {
    }

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String threads = args.length > 2 ? args[2] : "4";
        String ops = args.length > 3 ? args[3] : "25000";
        String warmup = args.length > 4 ? args[4] : "25000";
        Path report = Paths.get("target", "h2-gridlock.json").toAbsolutePath();
        Files.createDirectories(report.getParent());
        List<long[]> none = new ArrayList<>();
        List<long[]> with = new ArrayList<>();
        String lastAgentLine = "";
        Set<String> findings = new LinkedHashSet<>();
        for (int r = 0; r < reps; r++) {
            for (boolean useAgent : new boolean[] {false, true}) {
                List<String> out = fork(useAgent ? "-javaagent:" + agent + "=quiet,report=" + report : null,
                        threads, ops, warmup);
                String result = null;
                for (String l : out) {
                    if (l.startsWith("RESULT ")) {
                        result = l;
                    } else if (l.startsWith("FINDING ")) {
                        findings.add(l.substring(8));
                    }
                }
                if (result == null) {
                    throw new IllegalStateException("no RESULT line:\n" + String.join("\n", out));
                }
                System.out.println((useAgent ? "agent    " : "no agent ") + result);
                long[] t = {field(result, "timedMs"), field(result, "totalMs")};
                (useAgent ? with : none).add(t);
                if (useAgent) {
                    lastAgentLine = result;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "H2 %s, %s threads x %s ops (after %s warm-up ops per thread), %d "
                + "forked JVMs per configuration%n%n", org.h2.engine.Constants.FULL_VERSION, threads, ops, warmup,
                reps));
        sb.append("| phase | no agent: median (min–max) ms | agent: median (min–max) ms | agent / no agent "
                + "(medians) |\n|---|---:|---:|---:|\n");
        for (int k = 0; k < 2; k++) {
            long[] a = column(none, k);
            long[] b = column(with, k);
            sb.append(String.format(Locale.ROOT, "| %s | %d (%d–%d) | %d (%d–%d) | %.2fx |%n",
                    k == 0 ? "timed phase" : "whole JVM run", median(a), a[0], a[a.length - 1], median(b), b[0],
                    b[b.length - 1], (double) median(b) / median(a)));
        }
        sb.append("\nLast agent run: ").append(lastAgentLine).append('\n');
        sb.append("Findings (all agent runs, distinct): ").append(findings.isEmpty() ? "none" : "").append('\n');
        for (String f : findings) {
            sb.append("* ").append(f).append('\n');
        }
        System.out.println();
        System.out.println(sb);
        Files.write(Paths.get("target", "h2-results.md"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fork(String agentArg, String threads, String ops, String warmup) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (agentArg != null) {
            cmd.add(agentArg);
        }
        cmd.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), H2Workload.class.getName(), threads,
                ops, warmup));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("workload exited with " + rc + ":\n" + String.join("\n", lines));
        }
        return lines;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException(name + " not in " + line);
    }

    private static long[] column(List<long[]> runs, int k) {
        long[] r = new long[runs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = runs.get(i)[k];
        }
        Arrays.sort(r);
        return r;
    }

    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
