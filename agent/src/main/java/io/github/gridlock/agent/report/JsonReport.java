package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.EdgeInfo;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.ThreadDump;
import java.util.List;

/** {@code report=FILE}: every finding of the run, written at JVM exit. */
public final class JsonReport {
    private JsonReport() {
    }

    public static String toJson(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"tool\": \"gridlock-agent\",\n  \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"type\": ").append(Json.q(f.kind.name()))
                    .append(", \"sequence\": ").append(f.sequence).append(", \"timeMillis\": ").append(f.timeMillis)
                    .append(", \"timed\": ").append(f.timed).append(",\n      \"message\": ")
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

    private static void stack(StringBuilder sb, List<StackTraceElement> stack) {
        sb.append('[');
        for (int i = 0; i < stack.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Json.q(stack.get(i).toString()));
        }
        sb.append(']');
    }
}
