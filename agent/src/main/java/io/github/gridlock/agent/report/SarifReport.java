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
                .append("\"name\": \"gridlock-agent\", \"informationUri\": \"https://github.com/gridlock/gridlock\",")
                .append(" \"rules\": [\n      {\"id\": \"LOCK_ORDER_CYCLE\", \"shortDescription\": {\"text\": ")
                .append(Json.q("Locks acquired in inconsistent order (potential deadlock)"))
                .append("}, \"defaultConfiguration\": {\"level\": \"error\"}},\n")
                .append("      {\"id\": \"DEADLOCK\", \"shortDescription\": {\"text\": ")
                .append(Json.q("Threads deadlocked during the run"))
                .append("}, \"defaultConfiguration\": {\"level\": \"error\"}}\n    ]}},\n")
                .append("    \"results\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            List<StackTraceElement> frames = new ArrayList<>();
            if (f.kind == Finding.Kind.LOCK_ORDER_CYCLE) {
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
                    .append(", \"ruleIndex\": ").append(f.kind == Finding.Kind.LOCK_ORDER_CYCLE ? 0 : 1)
                    .append(", \"level\": ").append(Json.q(f.timed ? "warning" : "error"))
                    .append(", \"message\": {\"text\": ").append(Json.q(f.summary())).append("},\n")
                    .append("       \"locations\": [");
            for (int k = 0; k < frames.size(); k++) {
                sb.append(k == 0 ? "" : ", ");
                location(sb, frames.get(k));
            }
            sb.append("]}");
        }
        sb.append(findings.isEmpty() ? "" : "\n    ").append("]\n  }]\n}\n");
        return sb.toString();
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
