package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.EdgeInfo;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.Stats;
import io.github.gridlock.agent.runtime.ThreadDump;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@code report=FILE}: every finding of the run, written at JVM exit. */
public final class JsonReport {
    private JsonReport() {
    }

    public static String toJson(List<Finding> findings) {
        return toJson(findings, null);
    }

    /** With {@code stats}, a "summary" object: locks and edges seen, findings by kind, cycles each filter stopped. */
    public static String toJson(List<Finding> findings, Stats stats) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"tool\": \"gridlock-agent\",\n");
        if (stats != null) {
            summary(sb, findings, stats);
        }
        sb.append("  \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"type\": ").append(Json.q(f.kind.name()))
                    .append(", \"sequence\": ").append(f.sequence).append(", \"timeMillis\": ").append(f.timeMillis)
                    .append(", \"timed\": ").append(f.timed).append(", \"filter\": ").append(Json.q(f.filter))
                    .append(", \"test\": ").append(Json.q(f.test))
                    .append(",\n      \"message\": ")
                    .append(Json.q(f.summary())).append(",\n      \"locks\": [");
            for (int k = 0; k < f.locks.size(); k++) {
                sb.append(k == 0 ? "" : ", ").append(Json.q(f.locks.get(k)));
            }
            sb.append("],\n      \"edges\": [");
            for (int k = 0; k < f.edges.size(); k++) {
                EdgeInfo e = f.edges.get(k);
                sb.append(k == 0 ? "\n" : ",\n").append("        {\"from\": ").append(Json.q(e.from))
                        .append(", \"to\": ").append(Json.q(e.to)).append(", \"thread\": ")
                        .append(Json.q(e.threadName)).append(", \"threadId\": ").append(e.threadId)
                        .append(", \"virtual\": ").append(e.virtualThread).append(", \"timed\": ").append(e.timed)
                        .append(", \"stack\": ");
                stack(sb, e.stack);
                sb.append('}');
            }
            sb.append(f.edges.isEmpty() ? "" : "\n      ").append("],\n      \"threads\": [");
            for (int k = 0; k < f.threads.size(); k++) {
                ThreadDump t = f.threads.get(k);
                sb.append(k == 0 ? "\n" : ",\n").append("        {\"name\": ").append(Json.q(t.name))
                        .append(", \"id\": ").append(t.id).append(", \"state\": ").append(Json.q(t.state))
                        .append(", \"deadlocked\": ").append(t.deadlocked).append(", \"waitingFor\": ")
                        .append(Json.q(t.waitingFor)).append(", \"lockOwner\": ").append(Json.q(t.lockOwner))
                        .append(", \"held\": [");
                for (int h = 0; h < t.held.size(); h++) {
                    sb.append(h == 0 ? "" : ", ").append(Json.q(t.held.get(h)));
                }
                sb.append("], \"stack\": ");
                stack(sb, t.stack);
                sb.append('}');
            }
            sb.append(f.threads.isEmpty() ? "" : "\n      ").append("]}");
        }
        sb.append(findings.isEmpty() ? "" : "\n  ").append("]\n}\n");
        return sb.toString();
    }

    private static void summary(StringBuilder sb, List<Finding> findings, Stats stats) {
        sb.append("  \"summary\": {\"locks\": ").append(stats.locks).append(", \"edges\": ").append(stats.edges)
                .append(", \"findings\": {");
        Map<Finding.Kind, Integer> byKind = countByKind(findings);
        int i = 0;
        for (Map.Entry<Finding.Kind, Integer> e : byKind.entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(Json.q(e.getKey().name())).append(": ").append(e.getValue());
        }
        sb.append("}, \"filtered\": {");
        i = 0;
        for (Map.Entry<String, Integer> e : stats.filtered.entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(Json.q(e.getKey())).append(": ").append(e.getValue());
        }
        sb.append("}},\n");
    }

    /** Every kind, in declaration order, with its count (0 included). */
    static Map<Finding.Kind, Integer> countByKind(List<Finding> findings) {
        Map<Finding.Kind, Integer> r = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind k : Finding.Kind.values()) {
            r.put(k, 0);
        }
        for (Finding f : findings) {
            r.merge(f.kind, 1, Integer::sum);
        }
        return r;
    }

    private static void stack(StringBuilder sb, List<StackTraceElement> stack) {
        sb.append('[');
        for (int i = 0; i < stack.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Json.q(stack.get(i).toString()));
        }
        sb.append(']');
    }
}
