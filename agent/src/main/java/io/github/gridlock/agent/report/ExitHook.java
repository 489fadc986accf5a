package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.AgentErrors;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.runtime.Stats;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JVM shutdown hook: writes the JSON and SARIF reports if asked for, then prints what is still queued and the
 * one-line summary (unless {@code summary} is null): so a run that found nothing still shows the agent was there.
 * The printing never holds up the JVM's exit (see {@link #print}).
 */
public final class ExitHook implements Runnable {
    /** How long the exit hook waits for stderr (see {@link #print}). */
    private static final long PRINT_WAIT_MILLIS = 2000;
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
        List<Finding> findings = LockHooks.findings();
        Stats stats = LockHooks.stats();
        List<String> problems = new ArrayList<>();
        String json = write(jsonPath, JsonReport.toJson(findings, stats), problems);
        String sarif = write(sarifPath, SarifReport.toSarif(findings), problems);
        write(htmlPath, HtmlReport.toHtml(findings, stats), problems);
        Map<String, Integer> errors = AgentErrors.counts();
        print(() -> {
            LockHooks.flushReports();
            for (String p : problems) {
                System.err.println(p);
            }
            if (summary != null) {
                summary.println(summaryLine(findings, stats, json, sarif, errors));
                summary.flush();
            }
        }, json);
    }

    /**
     * Prints on a thread of its own, waited for at most {@link #PRINT_WAIT_MILLIS}: the program may hold the stream's
     * monitor for ever (its threads still run during shutdown), and the JVM must exit all the same. If the printing
     * does not finish, one line goes straight to file descriptor 2, past the stream's lock.
     */
    private static void print(Runnable printing, String json) {
        Thread t = new Thread(() -> {
            LockHooks.markAgentThread();
            printing.run();
        }, "gridlock-exit-printer");
        t.setDaemon(true);
        t.start();
        try {
            t.join(PRINT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            String line = "[gridlock] stderr is held by the program at exit: findings and the summary were not"
                    + " printed" + (json != null ? "; they are in " + json : "") + System.lineSeparator();
            try {
                FileOutputStream fd2 = new FileOutputStream(FileDescriptor.err);
                fd2.write(line.getBytes(StandardCharsets.UTF_8));
                fd2.flush();
            } catch (IOException | RuntimeException e) {
                return; // neither stream nor descriptor takes it: nothing is left to say it with
            }
        }
    }

    /** {@code [gridlock] summary: 6 locks, 4 edges; 1 LOCK_ORDER_CYCLE, ...; filters stopped: ...; report: ...}. */
    static String summaryLine(List<Finding> findings, Stats stats, String json, String sarif,
            Map<String, Integer> errors) {
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
        if (!errors.isEmpty()) {
            sb.append("; internal errors (the program was not affected):");
            for (Map.Entry<String, Integer> e : errors.entrySet()) {
                sb.append(' ').append(e.getKey()).append(' ').append(e.getValue());
            }
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

    /**
     * Writes the file; returns its absolute path, "(not written)" after a failure (and says why in {@code problems}),
     * null if none was asked for.
     */
    private static String write(String file, String content, List<String> problems) {
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
            problems.add("[gridlock] cannot write " + file + ": " + e);
            return p + " (not written)";
        }
    }
}
