package io.github.gridlock.cli.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import edu.umd.cs.findbugs.BugPattern;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.Problem;
import io.github.gridlock.cli.engine.ScanResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per bug code with the plugin's help text and a {@code helpUri} to
 * its page, results whose locations are relative to the project root ({@code uriBaseId} {@code %SRCROOT%}), with
 * every other site of a finding (the other edges of a lock-order cycle) as {@code relatedLocations}, levels from
 * SpotBugs priorities, and a stable partial fingerprint. Every {@code uriBaseId} used is declared in
 * {@code originalUriBaseIds}.
 */
public final class SarifReportWriter implements ReportWriter {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The SARIF uriBaseId of the project root (the repository checkout on CI). */
    public static final String SRCROOT = "%SRCROOT%";
    /** The uriBaseId of locations whose source file was not found on disk: relative to some source root. */
    public static final String SOURCEPATH = "SOURCEPATH";
    /** The partialFingerprints key; see {@link Finding#fingerprint()}. */
    public static final String FINGERPRINT_KEY = "gridlockFingerprint/v1";

    private final Path projectRoot;
    private final String version;
    private final DocsLinks docs;
    /** The uriBaseIds the results of the report being written use; each gets its originalUriBaseIds entry. */
    private final java.util.Set<String> usedBases = new java.util.TreeSet<>();

    public SarifReportWriter(Path projectRoot, String version) {
        this(projectRoot, version, DocsLinks.none());
    }

    public SarifReportWriter(Path projectRoot, String version, DocsLinks docs) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.version = version;
        this.docs = docs;
    }

    @Override
    public void write(ScanResult result, OutputStream out) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("$schema", SCHEMA);
        root.addProperty("version", "2.1.0");
        JsonObject run = new JsonObject();
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "Gridlock");
        driver.addProperty("version", version);
        driver.addProperty("semanticVersion", version);
        // Gridlock has no public home yet: the tool is described where its pages are published, if anywhere.
        docs.publishedAt().ifPresent(uri -> driver.addProperty("informationUri", uri));
        JsonArray rules = new JsonArray();
        List<String> ruleIds = new ArrayList<>();
        for (Map.Entry<String, BugPattern> e : result.patterns().entrySet()) {
            JsonObject rule = rule(e.getValue());
            docs.uri(e.getKey()).ifPresent(uri -> rule.addProperty("helpUri", uri));
            rules.add(rule);
            ruleIds.add(e.getKey());
        }
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        run.add("tool", tool);

        usedBases.clear();
        JsonArray results = new JsonArray();
        for (Finding f : result.findings()) {
            results.add(result(f, ruleIds.indexOf(f.code())));
        }
        run.add("originalUriBaseIds", originalUriBaseIds());
        run.add("results", results);

        JsonObject invocation = new JsonObject();
        invocation.addProperty("executionSuccessful", !result.hasProblems(Problem.Kind.FAILURE)
                && result.analysisRan());
        JsonArray notifications = new JsonArray();
        for (Problem p : result.problems()) {
            JsonObject n = new JsonObject();
            n.addProperty("level", p.kind() == Problem.Kind.FAILURE ? "error"
                    : p.kind() == Problem.Kind.WARNING ? "note" : "warning");
            n.add("message", text(p.toString()));
            notifications.add(n);
        }
        for (io.github.gridlock.cli.engine.AnalysisFailure f : result.analysisFailures()) {
            JsonObject n = new JsonObject();
            n.addProperty("level", "warning");
            n.add("message", text("cannot analyse " + f));
            notifications.add(n);
        }
        invocation.add("toolExecutionNotifications", notifications);
        JsonArray invocations = new JsonArray();
        invocations.add(invocation);
        run.add("invocations", invocations);
        run.addProperty("columnKind", "utf16CodeUnits");

        JsonArray runs = new JsonArray();
        runs.add(run);
        root.add("runs", runs);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root, w);
        w.write('\n');
        w.flush();
    }

    private static JsonObject rule(BugPattern p) {
        JsonObject rule = new JsonObject();
        rule.addProperty("id", p.getType());
        rule.addProperty("name", camel(p.getType()));
        rule.add("shortDescription", text(p.getShortDescription()));
        String details = HtmlText.toText(p.getDetailText());
        rule.add("fullDescription", text(firstParagraph(details, p.getShortDescription())));
        JsonObject help = new JsonObject();
        help.addProperty("text", details.isEmpty() ? p.getShortDescription() : details);
        help.addProperty("markdown", HtmlText.toMarkdown(p.getDetailText()));
        rule.add("help", help);
        JsonObject config = new JsonObject();
        config.addProperty("level", "warning");
        rule.add("defaultConfiguration", config);
        JsonObject props = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add("concurrency");
        tags.add(p.getCategory());
        if (p.getCWEid() > 0) {
            tags.add("external/cwe/cwe-" + p.getCWEid());
        }
        props.add("tags", tags);
        props.addProperty("precision", "high");
        rule.add("properties", props);
        return rule;
    }

    private JsonObject result(Finding f, int ruleIndex) {
        JsonObject r = new JsonObject();
        r.addProperty("ruleId", f.code());
        if (ruleIndex >= 0) {
            r.addProperty("ruleIndex", ruleIndex);
        }
        r.addProperty("level", level(f.priority()));
        r.add("message", text(f.message()));
        JsonObject location = new JsonObject();
        location.add("physicalLocation", physicalLocation(f.sourceFile(), f.sourcePath(), f.className(), f.startLine(),
                f.endLine()));
        JsonArray logical = new JsonArray();
        JsonObject method = new JsonObject();
        method.addProperty("fullyQualifiedName",
                f.methodName().isEmpty() ? f.className() : f.className() + "." + f.methodName());
        method.addProperty("kind", f.methodName().isEmpty() ? "type" : "function");
        logical.add(method);
        location.add("logicalLocations", logical);
        JsonArray locations = new JsonArray();
        locations.add(location);
        r.add("locations", locations);
        if (!f.otherSites().isEmpty()) {
            JsonArray related = new JsonArray();
            int id = 1;
            for (Finding.Site site : f.otherSites()) {
                JsonObject other = new JsonObject();
                other.addProperty("id", id++);
                other.add("physicalLocation", physicalLocation(site.sourceFile(), site.sourcePath(), site.className(),
                        site.startLine(), site.endLine()));
                other.add("message", text(site.description()));
                related.add(other);
            }
            r.add("relatedLocations", related);
        }
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(FINGERPRINT_KEY, f.fingerprint());
        r.add("partialFingerprints", fingerprints);
        JsonObject props = new JsonObject();
        props.addProperty("priority", f.priorityName());
        props.addProperty("rank", f.rank());
        props.addProperty("className", f.className());
        props.addProperty("methodName", f.methodName());
        props.addProperty("methodSignature", f.methodSignature());
        r.add("properties", props);
        return r;
    }

    private JsonObject physicalLocation(Path sourceFile, String sourcePath, String className, int startLine,
            int endLine) {
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifactLocation(sourceFile, sourcePath, className));
        if (startLine > 0) {
            JsonObject region = new JsonObject();
            region.addProperty("startLine", startLine);
            if (endLine >= startLine) {
                region.addProperty("endLine", endLine);
            }
            physical.add("region", region);
        }
        return physical;
    }

    private JsonObject artifactLocation(Path sourceFile, String sourcePath, String className) {
        JsonObject a = new JsonObject();
        Path file = sourceFile == null ? null : sourceFile.toAbsolutePath().normalize();
        if (file != null && file.startsWith(projectRoot)) {
            a.addProperty("uri", projectRoot.relativize(file).toString().replace('\\', '/'));
            a.addProperty("uriBaseId", SRCROOT);
            usedBases.add(SRCROOT);
        } else if (file != null) {
            a.addProperty("uri", file.toUri().toString());
        } else {
            a.addProperty("uri", sourcePath != null ? sourcePath : className.replace('.', '/') + ".java");
            a.addProperty("uriBaseId", SOURCEPATH);
            usedBases.add(SOURCEPATH);
        }
        return a;
    }

    /**
     * The project root always (code scanning resolves %SRCROOT% paths against the checkout); SOURCEPATH when a
     * result uses it. SOURCEPATH has no URI: the file was found under no source root the scan knew, so where it
     * lies is not known (SARIF's way to say so is an entry with a description and no uri).
     */
    private JsonObject originalUriBaseIds() {
        JsonObject bases = new JsonObject();
        JsonObject srcroot = new JsonObject();
        srcroot.addProperty("uri", directoryUri(projectRoot));
        srcroot.add("description", text("The project root: the folder the scan ran in, or --project-root."));
        bases.add(SRCROOT, srcroot);
        if (usedBases.contains(SOURCEPATH)) {
            JsonObject sourcepath = new JsonObject();
            sourcepath.add("description", text("A source root the scan was not given: these paths are relative to "
                    + "the package root of their source files. Pass --source-path so that they resolve."));
            bases.add(SOURCEPATH, sourcepath);
        }
        return bases;
    }

    /** SpotBugs priority to SARIF level: high is an error, medium a warning, low a note. */
    public static String level(int priority) {
        switch (priority) {
        case 1:
            return "error";
        case 2:
            return "warning";
        default:
            return "note";
        }
    }

    private static String directoryUri(Path dir) {
        String uri = dir.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static JsonObject text(String s) {
        JsonObject o = new JsonObject();
        o.addProperty("text", s == null ? "" : s);
        return o;
    }

    private static String firstParagraph(String text, String fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        int end = text.indexOf("\n\n");
        return end < 0 ? text : text.substring(0, end);
    }

    private static String camel(String code) {
        StringBuilder sb = new StringBuilder();
        for (String part : code.toLowerCase(java.util.Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
