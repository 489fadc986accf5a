package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.EdgeInfo;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.ThreadDump;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sarif=FILE}: SARIF 2.1.0. One result per finding; locations are the first frame of each edge's (or
 * deadlocked thread's) stack, as a source path relative to the source root ({@code %SRCROOT%}), derived from the
 * package and the file name in the stack frame.
 */
public final class SarifReport {
    private SarifReport() {
    }

    public static String toSarif(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n")
                .append("  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {")
                .append("\"name\": \"gridlock-agent\",")
                .append(" \"rules\": [\n");
        Finding.Kind[] kinds = Finding.Kind.values();
        for (int k = 0; k < kinds.length; k++) {
            sb.append("      {\"id\": ").append(Json.q(kinds[k].name())).append(", \"shortDescription\": {\"text\": ")
                    .append(Json.q(description(kinds[k]))).append("}, \"defaultConfiguration\": {\"level\": ")
                    .append(Json.q(defaultLevel(kinds[k]))).append("}}").append(k + 1 < kinds.length ? ",\n" : "\n");
        }
        sb.append("    ]}},\n")
                .append("    \"results\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            List<StackTraceElement> frames = new ArrayList<>();
            if (f.kind.isCycle()) {
                for (EdgeInfo e : f.edges) {
                    if (!e.stack.isEmpty()) {
                        frames.add(e.stack.get(0));
                    }
                }
            } else {
                for (ThreadDump t : f.threads) {
                    if (t.deadlocked && !t.stack.isEmpty()) {
                        frames.add(t.stack.get(0));
                    }
                }
            }
            sb.append(i == 0 ? "\n" : ",\n").append("      {\"ruleId\": ").append(Json.q(f.kind.name()))
                    .append(", \"ruleIndex\": ").append(f.kind.ordinal())
                    .append(", \"level\": ").append(Json.q(f.timed ? "warning" : defaultLevel(f.kind)))
                    .append(", \"message\": {\"text\": ").append(Json.q(f.summary())).append("},\n")
                    .append("       \"locations\": [");
            for (int k = 0; k < frames.size(); k++) {
                sb.append(k == 0 ? "" : ", ");
                location(sb, frames.get(k));
            }
            sb.append(']');
            if (f.filter != null) {
                sb.append(", \"properties\": {\"filter\": ").append(Json.q(f.filter)).append('}');
            }
            sb.append('}');
        }
        sb.append(findings.isEmpty() ? "" : "\n    ").append("]\n  }]\n}\n");
        return sb.toString();
    }

    private static String description(Finding.Kind kind) {
        switch (kind) {
            case LOCK_ORDER_CYCLE:
                return "Locks acquired in inconsistent order (potential deadlock)";
            case SEQUENTIAL_LOCK_ORDER_CYCLE:
                return "Locks acquired in inconsistent order, seen only in sequence (a deadlock once called"
                        + " concurrently)";
            case STALL:
                return "A thread holding a lock waits with a timeout for a thread that needs the lock: stalled until"
                        + " the timeout";
            default:
                return "Threads deadlocked during the run";
        }
    }

    private static String defaultLevel(Finding.Kind kind) {
        return kind == Finding.Kind.SEQUENTIAL_LOCK_ORDER_CYCLE || kind == Finding.Kind.STALL ? "warning" : "error";
    }

    private static void location(StringBuilder sb, StackTraceElement frame) {
        String cls = frame.getClassName();
        int dot = cls.lastIndexOf('.');
        String dir = dot < 0 ? "" : cls.substring(0, dot).replace('.', '/') + "/";
        String file = frame.getFileName() != null ? frame.getFileName() : cls.substring(dot + 1) + ".java";
        sb.append("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ").append(Json.q(dir + file))
                .append(", \"uriBaseId\": \"%SRCROOT%\"}");
        if (frame.getLineNumber() > 0) {
            sb.append(", \"region\": {\"startLine\": ").append(frame.getLineNumber()).append('}');
        }
        sb.append("}, \"logicalLocations\": [{\"fullyQualifiedName\": ")
                .append(Json.q(cls + "." + frame.getMethodName())).append(", \"kind\": \"function\"}]}");
    }
}
