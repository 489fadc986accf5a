package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.runtime.Stats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * JVM shutdown hook: prints what is still queued, writes the JSON and SARIF reports if asked for, then prints the
 * one-line summary (unless {@code summary} is null): so a run that found nothing still shows the agent was there.
 */
public final class ExitHook implements Runnable {
    private final String jsonPath;
    private final String sarifPath;
    private final String htmlPath;
    private final PrintStream summary;

    public ExitHook(String jsonPath, String sarifPath, PrintStream summary) {
        this(jsonPath, sarifPath, null, summary);
    }

    public ExitHook(String jsonPath, String sarifPath, String htmlPath, PrintStream summary) {
        this.jsonPath = jsonPath;
        this.sarifPath = sarifPath;
        this.htmlPath = htmlPath;
        this.summary = summary;
    }

    @Override
    public void run() {
        LockHooks.markAgentThread();
        LockHooks.flushReports();
        List<Finding> findings = LockHooks.findings();
        Stats stats = LockHooks.stats();
        String json = write(jsonPath, JsonReport.toJson(findings, stats));
        String sarif = write(sarifPath, SarifReport.toSarif(findings));
        write(htmlPath, HtmlReport.toHtml(findings, stats));
        if (summary != null) {
            summary.println(summaryLine(findings, stats, json, sarif));
            summary.flush();
        }
    }

    /** {@code [gridlock] summary: 6 locks, 4 edges; 1 LOCK_ORDER_CYCLE, ...; filters stopped: ...; report: ...}. */
    static String summaryLine(List<Finding> findings, Stats stats, String json, String sarif) {
        StringBuilder sb = new StringBuilder("[gridlock] summary: ").append(stats.locks).append(" locks, ")
                .append(stats.edges).append(" lock-order edges; ");
        int i = 0;
        for (Map.Entry<Finding.Kind, Integer> e : JsonReport.countByKind(findings).entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey().name());
        }
        sb.append("; cycles the filters stopped:");
        for (Map.Entry<String, Integer> e : stats.filtered.entrySet()) {
            sb.append(' ').append(e.getKey()).append(' ').append(e.getValue());
        }
        sb.append("; ");
        if (json == null && sarif == null) {
            sb.append("no report file (report=FILE writes one)");
        } else {
            sb.append("report ").append(json == null ? "none" : json).append(", sarif ")
                    .append(sarif == null ? "none" : sarif);
        }
        return sb.toString();
    }

    /**
     * The report file a path option names: {@code %p} stands for this JVM's process id, as in HotSpot's own file
     * options ({@code -XX:ErrorFile=hs_err_pid%p.log}), so that test JVMs forked side by side write files of their own.
     */
    static Path reportFile(String option) {
        return Paths.get(option.replace("%p", Long.toString(ProcessHandle.current().pid()))).toAbsolutePath();
    }

    /** Writes the file; returns its absolute path, "(not written)" after a failure, null if none was asked for. */
    private static String write(String file, String content) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        Path p = reportFile(file);
        try {
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.write(p, content.getBytes(StandardCharsets.UTF_8));
            return p.toString();
        } catch (IOException | RuntimeException e) {
            System.err.println("[gridlock] cannot write " + file + ": " + e);
            return p + " (not written)";
        }
    }
}
