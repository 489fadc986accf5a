package io.github.gridlock.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up cost of the agent and of its JDK groups: forks {@link StartupProbe} (a small program that uses a Vector,
 * a synchronized map, a StringBuffer and a logger, then exits) REPS times in each configuration, interleaved, and
 * prints the median and min-max wall time of the whole JVM run (also written to target/startup-results.md).
 * Usage: {@code StartupBench AGENT_JAR [REPS]}, default 15.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        String agent = "-javaagent:" + args[0];
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("no agent", null);
        configs.put("agent jdk=none", agent + "=jdk=none,quiet");
        configs.put("agent jdk=collections (default)", agent + "=quiet");
        configs.put("agent jdk=all", agent + "=jdk=all,quiet");
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (String c : configs.keySet()) {
            times.put(c, new ArrayList<>());
        }
        for (int r = 0; r < reps + 1; r++) {
            for (Map.Entry<String, String> c : configs.entrySet()) {
                long ms = fork(c.getValue());
                if (r > 0) { // the first round warms the file cache
                    times.get(c.getKey()).add(ms);
                }
            }
        }
        StringBuilder sb = new StringBuilder("| configuration | median ms | min–max ms | / no agent |\n|---|---:|---:|---:|\n");
        double base = median(times.get("no agent"));
        for (Map.Entry<String, List<Long>> e : times.entrySet()) {
            List<Long> t = e.getValue();
            double m = median(t);
            sb.append("| ").append(e.getKey()).append(" | ").append(String.format(Locale.ROOT, "%.0f", m)).append(" | ")
                    .append(t.stream().mapToLong(Long::longValue).min().getAsLong()).append("–")
                    .append(t.stream().mapToLong(Long::longValue).max().getAsLong()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2fx", m / base)).append(" |\n");
        }
        System.out.println(sb);
        Files.createDirectories(Paths.get("target"));
        Files.write(Paths.get("target", "startup-results.md"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static double median(List<Long> v) {
        long[] a = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }

    private static long fork(String agentArg) throws Exception {
        List<String> cmd = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path")));
        if (agentArg != null) {
            cmd.add(agentArg);
        }
        cmd.add(StartupProbe.class.getName());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("probe failed: " + cmd);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
