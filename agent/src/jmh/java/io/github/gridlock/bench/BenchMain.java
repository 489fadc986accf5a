package io.github.gridlock.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark row in each of its configurations one after the other (a JMH fork each, interleaved per row so
 * that load from other processes hits them alike), then prints Markdown tables of ns/op and ratios to the no-agent
 * run (also written to target/bench-results.md). Usage: BenchMain AGENT_JAR [--only=REGEX] [JMH options, e.g. -wi 2
 * -i 3 -f 1]; --only keeps the rows whose label matches.
 *
 * <p>Configurations: no agent; the agent on the whole JVM (default options: the JMH harness and the JDK's
 * synchronized collections are instrumented too); the agent with the README's {@code include=} setting (here
 * {@code include=io.github.gridlock.bench.**}); Guava's CycleDetectingLockFactory (no agent) where the shape takes
 * ReentrantLocks; for the JDK-monitor rows, the agent with {@code jdk=none}.
 */
public final class BenchMain {
    private static final String PKG = "io\\.github\\.gridlock\\.bench\\.";

    private BenchMain() {
    }

    /** One column: a name, extra JVM argument (or null), the benchmark class and parameter overrides. */
    private static final class Config {
        final String name;
        final String jvmArg;
        final String benchClass;
        final Map<String, String> params;

        Config(String name, String jvmArg, String benchClass, Map<String, String> params) {
            this.name = name;
            this.jvmArg = jvmArg;
            this.benchClass = benchClass;
            this.params = params;
        }
    }

    private static final class Row {
        final String table;
        final String label;
        final String method;
        final List<Config> configs;

        Row(String table, String label, String method, List<Config> configs) {
            this.table = table;
            this.label = label;
            this.method = method;
            this.configs = configs;
        }
    }

    public static void main(String[] args) throws Exception {
        String agent = "-javaagent:" + args[0];
        int first = 1;
        Pattern only = null;
        if (args.length > 1 && args[1].startsWith("--only=")) {
            only = Pattern.compile(args[1].substring("--only=".length()));
            first = 2;
        }
        String[] jmhArgs = Arrays.copyOfRange(args, first, args.length);
        List<Row> rows = rows(agent);
        Map<String, StringBuilder> tables = new LinkedHashMap<>();
        Map<String, Row> widest = new LinkedHashMap<>(); // the header names every column a row of the table has
        for (Row row : rows) {
            widest.merge(row.table, row, (a, b) -> b.configs.size() > a.configs.size() ? b : a);
        }
        for (Row row : rows) {
            if (only != null && !only.matcher(row.label).find()) {
                continue;
            }
            double[][] results = new double[row.configs.size()][];
            for (int c = 0; c < row.configs.size(); c++) {
                results[c] = run(jmhArgs, row.method, row.configs.get(c));
            }
            StringBuilder t = tables.computeIfAbsent(row.table, k -> header(widest.get(k)));
            t.append("| ").append(row.label);
            for (int c = 0; c < results.length; c++) {
                t.append(" | ").append(fmt(results[c]));
                if (c > 0) {
                    t.append(" | ").append(String.format(Locale.ROOT, "%.2fx", results[c][0] / results[0][0]));
                }
            }
            t.append(" |\n");
        }
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, StringBuilder> e : tables.entrySet()) {
            all.append("#### ").append(e.getKey()).append("\n\n").append(e.getValue()).append('\n');
        }
        System.out.println();
        System.out.println(all);
        Files.createDirectories(Paths.get("target"));
        Files.write(Paths.get("target", "bench-results.md"), all.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static StringBuilder header(Row row) {
        StringBuilder sb = new StringBuilder("| benchmark");
        StringBuilder rule = new StringBuilder("|---");
        for (int c = 0; c < row.configs.size(); c++) {
            sb.append(" | ").append(row.configs.get(c).name).append(" (ns/op)");
            rule.append("|---:");
            if (c > 0) {
                sb.append(" | / no agent");
                rule.append("|---:");
            }
        }
        return sb.append(" |\n").append(rule).append("|\n");
    }

    private static List<Row> rows(String agent) {
        String include = agent + "=include=io.github.gridlock.bench.**";
        List<Row> rows = new ArrayList<>();
        String today = "Today's shapes: locks nested inside one benchmark method (LockBench, ContendedBench)";
        for (String[] b : new String[][] {{"LockBench", "syncUncontended"}, {"LockBench", "lockUncontended"},
            {"LockBench", "syncNested2"}, {"LockBench", "syncNested4"}, {"LockBench", "lockNested2"},
            {"LockBench", "lockNested4"}, {"ContendedBench", "syncContended8"},
            {"ContendedBench", "lockContended8"}}) {
            List<Config> cs = new ArrayList<>();
            cs.add(new Config("no agent", null, b[0], Map.of()));
            cs.add(new Config("agent", agent, b[0], Map.of()));
            cs.add(new Config("agent include=", include, b[0], Map.of()));
            if (b[1].startsWith("lock")) {
                cs.add(new Config("Guava", null, "GuavaBench", Map.of()));
            }
            rows.add(new Row(today, b[1], b[1], cs));
        }
        String shapes = "Real-code shapes: one lock per method invocation (ShapesBench)";
        for (String m : new String[] {"syncRecursive", "syncChain", "syncExecuteAround", "lockRecursive",
            "reentrantLockRecursive", "lockChain", "lockExecuteAround"}) {
            for (String depth : new String[] {"1", "2", "4"}) {
                Map<String, String> jdk = Map.of("depth", depth, "impl", "jdk");
                List<Config> cs = new ArrayList<>();
                cs.add(new Config("no agent", null, "ShapesBench", jdk));
                cs.add(new Config("agent", agent, "ShapesBench", jdk));
                cs.add(new Config("agent include=", include, "ShapesBench", jdk));
                if (!m.startsWith("sync")) {
                    cs.add(new Config("Guava", null, "ShapesBench", Map.of("depth", depth, "impl", "guava")));
                }
                rows.add(new Row(m.startsWith("sync") ? shapes + ", synchronized" : shapes + ", ReentrantLock",
                        m + " depth " + depth, m, cs));
            }
        }
        String jdkTable = "JDK monitors (JdkMonitorBench): jdk=collections (default) against jdk=none";
        for (String m : new String[] {"vectorAddRemove", "synchronizedMapGetPut", "hashtableGet", "stringBufferAppend",
            "vectorUnderUserLock"}) {
            rows.add(new Row(jdkTable, m, m, List.of(new Config("no agent", null, "JdkMonitorBench", Map.of()),
                    new Config("agent", agent, "JdkMonitorBench", Map.of()),
                    new Config("agent jdk=none", agent + "=jdk=none", "JdkMonitorBench", Map.of()))));
        }
        rows.add(new Row("First-time edge: two new ReentrantLocks nested per operation", "lockFirstTimeEdge",
                "lockFirstTimeEdge", List.of(new Config("no agent", null, "LockBench", Map.of()),
                        new Config("agent", agent, "LockBench", Map.of()),
                        new Config("Guava", null, "GuavaBench", Map.of()))));
        return rows;
    }

    private static String fmt(double[] r) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", r[0], r[1]);
    }

    private static double[] run(String[] jmhArgs, String method, Config c) throws Exception {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(new CommandLineOptions(jmhArgs))
                .include(PKG + c.benchClass + "\\." + method + "$");
        for (Map.Entry<String, String> p : c.params.entrySet()) {
            b.param(p.getKey(), p.getValue());
        }
        if (c.jvmArg != null) {
            b.jvmArgsAppend(c.jvmArg);
        }
        Collection<RunResult> results = new Runner(b.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException(method + " " + c.params + " matched " + results.size() + " benchmarks");
        }
        Result<?> p = results.iterator().next().getPrimaryResult();
        return new double[] {p.getScore(), p.getScoreError()};
    }
}
