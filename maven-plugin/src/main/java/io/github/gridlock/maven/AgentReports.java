package io.github.gridlock.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where prepare-agent tells the agent to write and check-agent reads: one folder per module, one file per test
 * JVM ({@code agent-PID.json}: the agent puts each JVM's pid in for {@code %p}, so forked test JVMs never write
 * over each other's reports).
 */
final class AgentReports {
    static final String JSON = "agent-%p.json";
    static final String SARIF = "agent-%p.sarif";
    static final String HTML = "agent-%p.html";

    private AgentReports() {
    }

    /** The JSON reports in {@code dir}, sorted by name; empty when the folder does not exist. */
    static List<Path> jsonReports(File dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!dir.isDirectory()) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.toPath(), "agent-*.json")) {
            files.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** Removes the reports an earlier run left, which would otherwise be read as this run's. */
    static int deleteOld(File dir) throws IOException {
        int deleted = 0;
        if (!dir.isDirectory()) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.toPath(), "agent-*.{json,sarif,html}")) {
            for (Path p : files) {
                Files.delete(p);
                deleted++;
            }
        }
        return deleted;
    }
}
