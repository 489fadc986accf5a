package io.github.gridlock.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs each benchmark of LockBench and ContendedBench without and with the agent, and its GuavaBench twin, one
 * after the other, then prints one Markdown table
 * (also written to target/bench-results.md). Usage: BenchMain AGENT_JAR [JMH options, e.g. -wi 2 -i 3 -f 1].
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** Benchmark methods of LockBench/ContendedBench; those also in GuavaBench get a Guava column. */
    private static final String[][] BENCHMARKS = {
        {"LockBench", "syncUncontended"}, {"LockBench", "lockUncontended"}, {"LockBench", "syncNested2"},
        {"LockBench", "syncNested4"}, {"LockBench", "lockNested2"}, {"LockBench", "lockNested4"},
        {"ContendedBench", "syncContended8"}, {"ContendedBench", "lockContended8"},
        {"LockBench", "lockFirstTimeEdge"}};
    private static final java.util.Set<String> IN_GUAVA = java.util.Set.of("lockUncontended", "lockNested2",
            "lockNested4", "lockContended8", "lockFirstTimeEdge");

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        String[] jmhArgs = Arrays.copyOfRange(args, 1, args.length);
        String agentArg = "-javaagent:" + agent
                + "=exclude=org.openjdk.jmh.**:io.github.gridlock.bench.jmh_generated.**";
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | no agent (ns/op) | agent (ns/op) | agent / no agent | Guava CycleDetecting (ns/op) |"
                + " Guava / no agent |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        // Configurations interleaved per benchmark, so that load from other processes hits them alike.
        for (String[] b : BENCHMARKS) {
            String pkg = "io\\.github\\.gridlock\\.bench\\.";
            double[] none = run(jmhArgs, pkg + b[0] + "\\." + b[1] + "$", null);
            double[] withAgent = run(jmhArgs, pkg + b[0] + "\\." + b[1] + "$", agentArg);
            double[] guava = IN_GUAVA.contains(b[1]) ? run(jmhArgs, pkg + "GuavaBench\\." + b[1] + "$", null) : null;
            sb.append("| ").append(b[1]).append(" | ").append(fmt(none)).append(" | ").append(fmt(withAgent))
                    .append(" | ").append(ratio(withAgent, none)).append(" | ")
                    .append(guava == null ? "n/a" : fmt(guava)).append(" | ").append(ratio(guava, none))
                    .append(" |\n");
        }
        System.out.println();
        System.out.println(sb);
        Files.createDirectories(Paths.get("target"));
        Files.write(Paths.get("target", "bench-results.md"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String ratio(double[] a, double[] base) {
        return a == null ? "" : String.format(Locale.ROOT, "%.2fx", a[0] / base[0]);
    }

    private static String fmt(double[] r) {
        return r == null ? "" : String.format(Locale.ROOT, "%.1f ± %.1f", r[0], r[1]);
    }

    private static double[] run(String[] jmhArgs, String include, String jvmArg) throws Exception {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(new CommandLineOptions(jmhArgs)).include(include);
        if (jvmArg != null) {
            b.jvmArgsAppend(jvmArg);
        }
        Collection<RunResult> results = new Runner(b.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException(include + " matched " + results.size() + " benchmarks");
        }
        Result<?> p = results.iterator().next().getPrimaryResult();
        return new double[] {p.getScore(), p.getScoreError()};
    }
}
