package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.LockHooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** JVM shutdown hook: prints what is still queued, then writes the JSON and SARIF reports if asked for. */
public final class ExitHook implements Runnable {
    private final String jsonPath;
    private final String sarifPath;

    public ExitHook(String jsonPath, String sarifPath) {
        this.jsonPath = jsonPath;
        this.sarifPath = sarifPath;
    }

    @Override
    public void run() {
        LockHooks.markAgentThread();
        LockHooks.flushReports();
        List<Finding> findings = LockHooks.findings();
        write(jsonPath, JsonReport.toJson(findings));
        write(sarifPath, SarifReport.toSarif(findings));
    }

    private static void write(String file, String content) {
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            Path p = Paths.get(file).toAbsolutePath();
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            System.err.println("[gridlock] cannot write " + file + ": " + e);
        }
    }
}
