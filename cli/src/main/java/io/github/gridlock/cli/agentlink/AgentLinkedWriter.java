package io.github.gridlock.cli.agentlink;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.ScanResult;
import io.github.gridlock.cli.report.ReportWriter;
import io.github.gridlock.cli.report.SarifReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code gridlock scan --agent-report FILE}: the report of the wrapped writer, with static and run-time findings in
 * one picture. Text: a section after the report that lists the lock-order findings seen at run time (fix these
 * first), those not seen, and the run-time cycles the static analysis did not find. SARIF: each lock-order result
 * gets {@code properties.seenAtRunTime} (and {@code runtimeFinding} when seen), and the run-time-only cycles come as
 * a second run whose tool is {@code gridlock-agent}. Other formats are written unchanged.
 */
public final class AgentLinkedWriter implements ReportWriter {
    /** The formats this writer annotates. */
    public enum Kind { TEXT, SARIF, OTHER }

    private final ReportWriter inner;
    private final Kind kind;
    private final AgentReport agent;
    private final Path base;

    public AgentLinkedWriter(ReportWriter inner, Kind kind, AgentReport agent, Path base) {
        this.inner = inner;
        this.kind = kind;
        this.agent = agent;
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public void write(ScanResult result, OutputStream out) throws IOException {
        Linkage link = Linkage.of(result.findings(), agent);
        if (kind == Kind.SARIF) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            inner.write(result, buffer);
            writeSarif(JsonParser.parseString(buffer.toString(StandardCharsets.UTF_8)).getAsJsonObject(), link, out);
            return;
        }
        inner.write(result, out);
        if (kind == Kind.TEXT) {
            writeText(result, link, out);
        }
    }

    private void writeText(ScanResult result, Linkage link, OutputStream out) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.println();
        w.println("Run time: agent report " + agent.file() + " (" + agent.cycles().size() + " lock-order cycles, "
                + agent.deadlocks() + " deadlocks)");
        w.println("  seen at run time (" + link.seenAtRunTime().size() + "; fix these first):");
        for (Map.Entry<Finding, RuntimeCycle> e : link.seenAtRunTime().entrySet()) {
            w.println("    " + location(e.getKey()) + "  " + e.getKey().code() + "  seen at run time: "
                    + e.getValue().describe());
        }
        w.println("  not seen at run time (" + link.notSeenAtRunTime().size() + "; no run-time cycle through their"
                + " places: the run did not take these paths, or took them without closing the cycle):");
        for (Finding f : link.notSeenAtRunTime()) {
            w.println("    " + location(f) + "  " + f.code() + "  " + f.message());
        }
        w.println("  run-time cycles the static analysis did not find (" + link.runtimeOnly().size() + "):");
        for (RuntimeCycle c : link.runtimeOnly()) {
            w.println("    " + c.describe() + (c.filter() == null ? "" : " [seen only in sequence: " + c.filter() + "]"));
            for (RuntimeEdge e : c.edges()) {
                Frame site = e.site();
                w.println("      " + e.from() + " -> " + e.to() + " at " + (site == null ? "?" : site.sourcePath() + ":"
                        + site.line() + " (" + site.methodName() + ")"));
            }
        }
        w.flush();
    }

    private String location(Finding f) {
        String file;
        if (f.sourceFile() != null) {
            Path abs = f.sourceFile().toAbsolutePath().normalize();
            file = (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
        } else {
            file = f.sourcePath() != null ? f.sourcePath() : f.className();
        }
        return f.startLine() > 0 ? file + ":" + f.startLine() : file;
    }

    private void writeSarif(JsonObject root, Linkage link, OutputStream out) throws IOException {
        JsonArray runs = root.getAsJsonArray("runs");
        JsonObject run = runs.get(0).getAsJsonObject();
        Map<String, Finding> byFingerprint = new HashMap<>();
        for (Finding f : link.seenAtRunTime().keySet()) {
            byFingerprint.put(f.fingerprint(), f);
        }
        for (Finding f : link.notSeenAtRunTime()) {
            byFingerprint.put(f.fingerprint(), f);
        }
        for (JsonElement e : run.getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            JsonObject fp = r.getAsJsonObject("partialFingerprints");
            Finding f = fp == null || !fp.has(SarifReportWriter.FINGERPRINT_KEY) ? null
                    : byFingerprint.get(fp.get(SarifReportWriter.FINGERPRINT_KEY).getAsString());
            if (f == null) {
                continue;
            }
            JsonObject props = r.has("properties") ? r.getAsJsonObject("properties") : new JsonObject();
            RuntimeCycle c = link.runtimeCycleOf(f);
            props.addProperty("seenAtRunTime", c != null);
            if (c != null) {
                props.addProperty("runtimeFinding", c.kind() + " #" + c.sequence());
            }
            r.add("properties", props);
        }
        JsonObject runProps = run.has("properties") ? run.getAsJsonObject("properties") : new JsonObject();
        runProps.addProperty("agentReport", agent.file().toString());
        run.add("properties", runProps);
        runs.add(runtimeOnlyRun(link));
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root, w);
        w.write('\n');
        w.flush();
    }

    /** The run-time cycles no static finding covers, as the agent's own SARIF would show them. */
    private JsonObject runtimeOnlyRun(Linkage link) {
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "gridlock-agent");
        JsonArray rules = new JsonArray();
        for (String id : new String[] {"LOCK_ORDER_CYCLE", "SEQUENTIAL_LOCK_ORDER_CYCLE"}) {
            JsonObject rule = new JsonObject();
            rule.addProperty("id", id);
            rule.add("shortDescription", text(id.startsWith("SEQUENTIAL")
                    ? "Locks taken in inconsistent order at run time, seen only in sequence"
                    : "Locks taken in inconsistent order at run time (potential deadlock)"));
            rules.add(rule);
        }
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        JsonArray results = new JsonArray();
        for (RuntimeCycle c : link.runtimeOnly()) {
            JsonObject r = new JsonObject();
            r.addProperty("ruleId", c.kind());
            r.addProperty("level", c.kind().startsWith("SEQUENTIAL") ? "warning" : "error");
            r.add("message", text(c.describe() + "; the static analysis did not find this cycle"));
            JsonArray locations = new JsonArray();
            for (RuntimeEdge e : c.edges()) {
                Frame site = e.site();
                if (site == null) {
                    continue;
                }
                JsonObject artifact = new JsonObject();
                artifact.addProperty("uri", site.sourcePath());
                artifact.addProperty("uriBaseId", SarifReportWriter.SRCROOT);
                JsonObject physical = new JsonObject();
                physical.add("artifactLocation", artifact);
                if (site.line() > 0) {
                    JsonObject region = new JsonObject();
                    region.addProperty("startLine", site.line());
                    physical.add("region", region);
                }
                JsonObject location = new JsonObject();
                location.add("physicalLocation", physical);
                location.add("message", text(e.from() + " -> " + e.to()));
                locations.add(location);
            }
            r.add("locations", locations);
            JsonObject props = new JsonObject();
            props.addProperty("staticAnalysis", "not found");
            props.addProperty("agentFinding", c.sequence());
            if (c.filter() != null) {
                props.addProperty("filter", c.filter());
            }
            r.add("properties", props);
            results.add(r);
        }
        JsonObject run = new JsonObject();
        run.add("tool", tool);
        run.add("results", results);
        return run;
    }

    private static JsonObject text(String s) {
        JsonObject o = new JsonObject();
        o.addProperty("text", s);
        return o;
    }
}
