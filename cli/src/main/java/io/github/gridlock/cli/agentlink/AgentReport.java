package io.github.gridlock.cli.agentlink;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock-order cycles of a run of the Gridlock agent, read from its JSON report ({@code report=FILE}, with the
 * stack of every edge) or its SARIF report ({@code sarif=FILE}, with each edge's acquisition frame only).
 */
public final class AgentReport {
    private final Path file;
    private final List<RuntimeCycle> cycles;
    private final int deadlocks;

    private AgentReport(Path file, List<RuntimeCycle> cycles, int deadlocks) {
        this.file = file;
        this.cycles = List.copyOf(cycles);
        this.deadlocks = deadlocks;
    }

    /** Thrown with a message for the user when the file is missing or is not an agent report. */
    public static final class AgentReportException extends Exception {
        private static final long serialVersionUID = 1L;

        AgentReportException(String message) {
            super(message);
        }
    }

    public static AgentReport read(Path file) throws AgentReportException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentReportException(file + ": cannot read the agent report (" + e.getMessage() + ")");
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (root.isJsonObject() && "gridlock-agent".equals(string(root.getAsJsonObject(), "tool"))) {
                return fromJson(file, root.getAsJsonObject());
            }
            if (root.isJsonObject() && root.getAsJsonObject().has("runs")) {
                return fromSarif(file, root.getAsJsonObject());
            }
        } catch (JsonParseException | IllegalStateException | ClassCastException e) {
            throw new AgentReportException(file + ": not a Gridlock agent report (" + e.getMessage() + ")");
        }
        throw new AgentReportException(file + ": not a Gridlock agent report (expected the JSON of the agent's"
                + " report= option or the SARIF of its sarif= option)");
    }

    private static AgentReport fromJson(Path file, JsonObject root) {
        List<RuntimeCycle> cycles = new ArrayList<>();
        int deadlocks = 0;
        for (JsonElement e : array(root, "findings")) {
            JsonObject f = e.getAsJsonObject();
            String kind = string(f, "type");
            if ("DEADLOCK".equals(kind) || "STALL".equals(kind)) { // watchdog findings: no lock-order edges
                deadlocks++;
                continue;
            }
            List<String> locks = strings(array(f, "locks"));
            List<RuntimeEdge> edges = new ArrayList<>();
            for (JsonElement x : array(f, "edges")) {
                JsonObject edge = x.getAsJsonObject();
                List<Frame> frames = new ArrayList<>();
                for (String s : strings(array(edge, "stack"))) {
                    Frame frame = Frame.parse(s);
                    if (frame != null) {
                        frames.add(frame);
                    }
                }
                edges.add(new RuntimeEdge(string(edge, "from"), string(edge, "to"), string(edge, "thread"), frames));
            }
            cycles.add(new RuntimeCycle(kind, f.has("sequence") ? f.get("sequence").getAsInt() : cycles.size() + 1,
                    locks, edges, string(f, "filter")));
        }
        return new AgentReport(file, cycles, deadlocks);
    }

    private static AgentReport fromSarif(Path file, JsonObject root) throws AgentReportException {
        JsonArray runs = array(root, "runs");
        if (runs.size() == 0) {
            throw new AgentReportException(file + ": a SARIF file without runs");
        }
        JsonObject run = runs.get(0).getAsJsonObject();
        String tool = run.getAsJsonObject("tool").getAsJsonObject("driver").get("name").getAsString();
        if (!"gridlock-agent".equals(tool)) {
            throw new AgentReportException(file + ": SARIF of " + tool + ", not of the Gridlock agent");
        }
        List<RuntimeCycle> cycles = new ArrayList<>();
        int deadlocks = 0;
        int sequence = 0;
        for (JsonElement e : array(run, "results")) {
            JsonObject r = e.getAsJsonObject();
            sequence++;
            String kind = string(r, "ruleId");
            if ("DEADLOCK".equals(kind) || "STALL".equals(kind)) { // watchdog findings: no lock-order edges
                deadlocks++;
                continue;
            }
            List<String> locks = locksOfMessage(r.getAsJsonObject("message").get("text").getAsString());
            List<RuntimeEdge> edges = new ArrayList<>();
            int i = 0;
            for (JsonElement l : array(r, "locations")) {
                JsonObject loc = l.getAsJsonObject();
                JsonObject physical = loc.getAsJsonObject("physicalLocation");
                int line = physical.has("region") ? physical.getAsJsonObject("region").get("startLine").getAsInt() : -1;
                String uri = physical.getAsJsonObject("artifactLocation").get("uri").getAsString();
                String qualified = array(loc, "logicalLocations").get(0).getAsJsonObject().get("fullyQualifiedName")
                        .getAsString();
                int dot = qualified.lastIndexOf('.');
                Frame frame = new Frame(qualified.substring(0, dot), qualified.substring(dot + 1),
                        uri.substring(uri.lastIndexOf('/') + 1), line);
                String from = i < locks.size() ? locks.get(i) : "?";
                String to = locks.isEmpty() ? "?" : locks.get((i + 1) % locks.size());
                edges.add(new RuntimeEdge(from, to, null, List.of(frame)));
                i++;
            }
            JsonObject props = r.has("properties") ? r.getAsJsonObject("properties") : new JsonObject();
            cycles.add(new RuntimeCycle(kind, sequence, locks, edges, string(props, "filter")));
        }
        return new AgentReport(file, cycles, deadlocks);
    }

    /** {@code LOCK_ORDER_CYCLE: A -> B -> A (threads t1, t2)} to {@code [A, B]}. */
    private static List<String> locksOfMessage(String message) {
        int start = message.indexOf(": ");
        int end = message.indexOf(" (threads");
        List<String> locks = new ArrayList<>();
        if (start < 0 || end < start) {
            return locks;
        }
        String[] parts = message.substring(start + 2, end).split(" -> ");
        for (int i = 0; i + 1 < parts.length; i++) { // the last repeats the first
            locks.add(parts[i]);
        }
        return locks;
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static List<String> strings(JsonArray a) {
        List<String> r = new ArrayList<>();
        for (JsonElement e : a) {
            r.add(e.getAsString());
        }
        return r;
    }

    public Path file() {
        return file;
    }

    /** The lock-order cycles (concurrent and sequential), in the agent's order. */
    public List<RuntimeCycle> cycles() {
        return cycles;
    }

    public int deadlocks() {
        return deadlocks;
    }
}
