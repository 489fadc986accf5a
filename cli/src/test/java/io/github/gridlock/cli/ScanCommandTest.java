package io.github.gridlock.cli;

import static io.github.gridlock.cli.Fixtures.gridlock;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.SortedBugCollection;
import io.github.gridlock.cli.Fixtures.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridlock scan} end to end, in-process. Findings come from SpotBugs' core RU_INVOKE_RUN (with --with-core)
 * so these tests do not depend on which Gridlock detectors exist yet; the Gridlock plugin is loaded in every run.
 */
class ScanCommandTest {
    @TempDir
    static Path tmp;
    static Path project;
    static Path classes;
    static Path src;
    static String plugin;

    @BeforeAll
    static void compileFixtures() throws IOException {
        project = tmp.resolve("project");
        classes = Fixtures.compile(project, Map.of(
                "fixture/RunDirect.java", Fixtures.RUN_DIRECT,
                "fixture/Other.java", "package fixture;\npublic class Other { public int x() { return 1; } }\n"));
        src = project.resolve("src");
        plugin = Fixtures.plugin().toString();
    }

    private static Run scanCore(String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "-q", "--plugin", plugin, "--with-core", "--only",
                "RU_INVOKE_RUN", "-s", src.toString()));
        args.addAll(List.of(extra));
        return gridlock(args.toArray(new String[0]));
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.toString(), run.err, not(containsString("\tat ")));
        assertThat(run.toString(), run.err, not(containsString("Exception in thread")));
    }

    private static void assertRunDirectReported(Run run) {
        assertThat(run.toString(), run.out, containsString("RunDirect.java:" + Fixtures.RUN_DIRECT_LINE
                + "  RU_INVOKE_RUN  "));
    }

    @Test
    void helpListsOptionsAndExitCodes() {
        Run run = gridlock("scan", "--help");
        assertEquals(0, run.exitCode, run::toString);
        for (String option : List.of("--aux-classpath", "--format", "--output", "--fail-on", "--min-priority",
                "--only", "--exclude", "--baseline", "--source-path", "--with-core", "--docs-url", "--lock-graph-scope",
                "--version")) {
            assertThat(run.out, containsString(option));
        }
        assertThat(run.out, containsString("Exit codes"));
        assertThat(run.out, containsString("3   analysis error"));
    }

    @Test
    void helpSaysWhichCodesShipAndWhichAreComing() throws Exception {
        java.util.Set<String> shipped = SampleCode.registeredCodes();
        java.util.Set<String> pending = SampleCode.pendingCodes();
        for (Run run : List.of(gridlock("scan", "--help"), gridlock("--help"))) {
            assertEquals(0, run.exitCode, run::toString);
            int shipping = run.out.indexOf("Bug codes this build reports:");
            int coming = run.out.indexOf("Coming, not built yet");
            assertTrue(shipping >= 0, run::toString);
            // With no code pending there is no "coming" section at all, nor a word of it before the codes.
            assertEquals(pending.isEmpty(), coming < 0, run::toString);
            if (pending.isEmpty()) {
                assertThat(run.out.substring(0, shipping), not(containsString("coming")));
            }
            if (coming < 0) {
                coming = run.out.length();
            }
            assertTrue(coming > shipping, run::toString);
            String shippedPart = run.out.substring(shipping, coming);
            String comingPart = run.out.substring(coming);
            for (String code : shipped) {
                assertEquals(1, count(run.out, code + " "), () -> code + " once, with its description:\n" + run.out);
                assertThat(shippedPart, containsString(code));
                assertThat(comingPart, not(containsString(code)));
            }
            for (String code : pending) {
                assertThat(comingPart, containsString(code));
                assertThat(shippedPart, not(containsString(code)));
            }
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @Test
    void versionNamesGridlockAndSpotBugs() {
        Run run = gridlock("--version");
        assertEquals(0, run.exitCode, run::toString);
        assertThat(run.out, startsWith("gridlock 0.1.0-SNAPSHOT (SpotBugs 4.9.8"));
    }

    @Test
    void usageErrorsExitWith2() {
        Run unknownOption = gridlock("scan", "--bogus");
        assertEquals(2, unknownOption.exitCode, unknownOption::toString);
        assertThat(unknownOption.err, containsString("Unknown option: '--bogus'"));

        Run badFormat = gridlock("scan", "--format", "pdf", classes.toString());
        assertEquals(2, badFormat.exitCode, badFormat::toString);
        assertThat(badFormat.err, containsString("--format"));

        Run unknownCode = gridlock("scan", "--plugin", plugin, "--only", "GL_NO_SUCH_CODE", classes.toString());
        assertEquals(2, unknownCode.exitCode, unknownCode::toString);
        assertThat(unknownCode.err, containsString("unknown bug code GL_NO_SUCH_CODE"));

        Run noCommand = gridlock();
        assertEquals(2, noCommand.exitCode, noCommand::toString);
    }

    @Test
    void textReportShowsFileLineCodeMessageAndSummary() {
        Run run = scanCore(classes.toString());
        assertEquals(1, run.exitCode, run::toString);
        assertRunDirectReported(run);
        Matcher summary = Pattern.compile("(?m)^1 finding in 1 file \\(\\d+ classes analysed\\):\\n  RU_INVOKE_RUN  1$")
                .matcher(run.out);
        assertTrue(summary.find(), run::toString);
    }

    @Test
    void coreFindingsAreNotReportedWithoutWithCore() {
        Run run = gridlock("scan", "-q", "--plugin", plugin, classes.toString());
        assertThat(run.toString(), run.out, not(containsString("RU_INVOKE_RUN")));
        // Whatever Gridlock reports here (perhaps GL_RUN_INSTEAD_OF_START), it is a Gridlock code.
        for (String line : run.out.split("\n")) {
            if (line.contains(".java:")) {
                assertThat(line, containsString("  GL_"));
            }
        }
        assertTrue(run.exitCode == 0 || run.exitCode == 1, run::toString);
        assertEquals(run.out.contains(".java:") ? 1 : 0, run.exitCode, run::toString);
    }

    @Test
    void failOnSetsTheThreshold() throws IOException {
        Path xml = tmp.resolve("priority.xml");
        Run asXml = scanCore("--format", "xml", "-o", xml.toString(), classes.toString());
        assertEquals(1, asXml.exitCode, asXml::toString);
        int priority = readXml(xml).get(0).getPriority();

        assertEquals(0, scanCore("--fail-on", "none", classes.toString()).exitCode);
        assertEquals(1, scanCore("--fail-on", "low", classes.toString()).exitCode);
        assertEquals(priority <= 2 ? 1 : 0, scanCore("--fail-on", "medium", classes.toString()).exitCode);
        assertEquals(priority <= 1 ? 1 : 0, scanCore("--fail-on", "high", classes.toString()).exitCode);
    }

    @Test
    void minPriorityLowShowsWhatTheDefaultThresholdHides() throws IOException {
        Path readRead = Fixtures.compile(tmp.resolve("read-read"), Map.of("fixture/ReadReadCycle.java",
                Fixtures.READ_READ_CYCLE));
        List<String> args = List.of("scan", "-q", "--plugin", plugin, "--only", "GL_LOCK_ORDER_INVERSION",
                "-s", tmp.resolve("read-read/src").toString(), "--format", "sarif", readRead.toString());

        Run byDefault = gridlock(args.toArray(new String[0]));
        assertEquals(0, byDefault.exitCode, byDefault::toString);
        assertEquals(0, sarifResults(byDefault.out).size(), byDefault::toString);

        List<String> low = new ArrayList<>(args);
        low.addAll(1, List.of("--min-priority", "low"));
        Run withLow = gridlock(low.toArray(new String[0]));
        assertEquals(1, withLow.exitCode, "--fail-on low (the default) fails on a reported low finding");
        JsonArray results = sarifResults(withLow.out);
        assertEquals(1, results.size(), withLow::toString);
        assertEquals("note", results.get(0).getAsJsonObject().get("level").getAsString(), "low priority is a note");

        low.addAll(1, List.of("--fail-on", "medium"));
        assertEquals(0, gridlock(low.toArray(new String[0])).exitCode, "a low finding is below --fail-on medium");

        Run high = gridlock("scan", "-q", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN",
                "--min-priority", "high", classes.toString());
        assertThat("RU_INVOKE_RUN is a medium finding", high.out, containsString("No findings"));
        Run bad = gridlock("scan", "--min-priority", "urgent", classes.toString());
        assertEquals(2, bad.exitCode, bad::toString);
        assertThat(bad.err, containsString("--min-priority"));
    }

    private static JsonArray sarifResults(String sarif) {
        return JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject()
                .getAsJsonArray("results");
    }

    @Test
    void aLineAfterTheReportSaysWhyTheExitCodeIsOne() {
        Run run = gridlock("scan", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN", "-s", src.toString(),
                classes.toString());
        assertEquals(1, run.exitCode, run::toString);
        assertThat(run.err, containsString("gridlock: exit code 1: 1 finding at or above --fail-on low"));

        Run passing = gridlock("scan", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN", "--fail-on",
                "none", classes.toString());
        assertEquals(0, passing.exitCode, passing::toString);
        assertThat(passing.err, not(containsString("exit code")));
    }

    @Test
    void countsAgreeWithTheirNouns() throws IOException {
        Path one = Fixtures.compile(tmp.resolve("one-class"), Map.of("fixture/RunDirect.java", Fixtures.RUN_DIRECT));
        Run run = gridlock("scan", "-q", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN", one.toString());
        assertThat(run.out, containsString("1 finding in 1 file (1 class analysed):"));
        Run none = gridlock("scan", "-q", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN", "--exclude",
                writeFilter("RU_INVOKE_RUN").toString(), one.toString());
        assertThat(none.out, containsString("No findings (1 class analysed)."));
    }

    private static Path writeFilter(String pattern) throws IOException {
        Path filter = Files.createTempFile(tmp, "filter", ".xml");
        Files.writeString(filter, "<FindBugsFilter><Match><Bug pattern=\"" + pattern + "\"/></Match></FindBugsFilter>");
        return filter;
    }

    @Test
    void excludeFilterRemovesMatchingFindings() throws IOException {
        Path filter = tmp.resolve("exclude.xml");
        Files.writeString(filter, "<FindBugsFilter><Match><Bug pattern=\"RU_INVOKE_RUN\"/>"
                + "<Class name=\"fixture.RunDirect\"/></Match></FindBugsFilter>");
        Run run = scanCore("--exclude", filter.toString(), classes.toString());
        assertEquals(0, run.exitCode, run::toString);
        assertThat(run.out, not(containsString("RU_INVOKE_RUN")));

        Path broken = tmp.resolve("broken-filter.xml");
        Files.writeString(broken, "<FindBugsFilter><Match>");
        Run bad = scanCore("--exclude", broken.toString(), classes.toString());
        assertEquals(2, bad.exitCode, bad::toString);
        assertThat(bad.err, containsString(broken + ": not a valid SpotBugs filter file"));
        assertNoStackTrace(bad);
    }

    @Test
    void sarifIsValidForCodeScanning() throws IOException {
        Path sarif = tmp.resolve("out/report.sarif");
        Run run = scanCore("--format", "sarif", "-o", sarif.toString(), "--project-root", project.toString(),
                classes.toString());
        assertEquals(1, run.exitCode, run::toString);
        JsonObject root = JsonParser.parseString(Files.readString(sarif)).getAsJsonObject();
        assertEquals("2.1.0", root.get("version").getAsString());
        assertThat(root.get("$schema").getAsString(), containsString("sarif-2.1.0"));
        JsonObject runObj = root.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonObject driver = runObj.getAsJsonObject("tool").getAsJsonObject("driver");
        assertEquals("Gridlock", driver.get("name").getAsString());

        JsonArray rules = driver.getAsJsonArray("rules");
        int ruIndex = -1;
        for (int i = 0; i < rules.size(); i++) {
            JsonObject rule = rules.get(i).getAsJsonObject();
            String id = rule.get("id").getAsString();
            assertFalse(rule.getAsJsonObject("shortDescription").get("text").getAsString().isBlank(), id);
            assertFalse(rule.getAsJsonObject("fullDescription").get("text").getAsString().isBlank(), id);
            assertFalse(rule.getAsJsonObject("help").get("text").getAsString().isBlank(), id);
            assertThat(rule.getAsJsonObject("help").get("text").getAsString(), not(containsString("<p>")));
            if (id.equals("RU_INVOKE_RUN")) {
                ruIndex = i;
            }
        }
        assertTrue(ruIndex >= 0, "a rule per reported code");
        List<String> ruleIds = new ArrayList<>();
        rules.forEach(r -> ruleIds.add(r.getAsJsonObject().get("id").getAsString()));
        List<String> sorted = new ArrayList<>(ruleIds);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, ruleIds, "rules in a stable order");
        try {
            for (edu.umd.cs.findbugs.BugPattern p : io.github.gridlock.cli.engine.PluginRegistry
                    .load(Path.of(plugin)).getBugPatterns()) {
                assertTrue(ruleIds.contains(p.getType()), "no rule for " + p.getType());
            }
        } catch (io.github.gridlock.cli.engine.PluginRegistry.PluginLoadException e) {
            throw new AssertionError(e);
        }

        JsonObject base = runObj.getAsJsonObject("originalUriBaseIds").getAsJsonObject("%SRCROOT%");
        assertEquals(project.toUri().toString(), base.get("uri").getAsString());

        JsonArray results = runObj.getAsJsonArray("results");
        assertEquals(1, results.size());
        JsonObject result = results.get(0).getAsJsonObject();
        assertEquals("RU_INVOKE_RUN", result.get("ruleId").getAsString());
        assertEquals(ruIndex, result.get("ruleIndex").getAsInt());
        String priority = result.getAsJsonObject("properties").get("priority").getAsString();
        assertEquals(Map.of("high", "error", "medium", "warning", "low", "note").get(priority),
                result.get("level").getAsString());
        assertFalse(result.getAsJsonObject("message").get("text").getAsString().isBlank());
        JsonObject physical = result.getAsJsonArray("locations").get(0).getAsJsonObject()
                .getAsJsonObject("physicalLocation");
        assertEquals("src/fixture/RunDirect.java", physical.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals("%SRCROOT%", physical.getAsJsonObject("artifactLocation").get("uriBaseId").getAsString());
        assertEquals(Fixtures.RUN_DIRECT_LINE, physical.getAsJsonObject("region").get("startLine").getAsInt());
        String fingerprint = result.getAsJsonObject("partialFingerprints").get("gridlockFingerprint/v1").getAsString();
        assertTrue(fingerprint.matches("[0-9a-f]{32}"), fingerprint);
        JsonObject invocation = runObj.getAsJsonArray("invocations").get(0).getAsJsonObject();
        assertTrue(invocation.get("executionSuccessful").getAsBoolean());
    }

    @Test
    void sarifCarriesEveryEdgeOfACycleAndDeclaresEveryUriBase() throws IOException {
        Path cycleProject = tmp.resolve("cycle");
        Path cycleClasses = Fixtures.compile(cycleProject, Map.of("fixture/LockCycle.java", Fixtures.LOCK_CYCLE));
        Run run = gridlock("scan", "-q", "--plugin", plugin, "--only", "GL_LOCK_ORDER_INVERSION", "--format", "sarif",
                "--project-root", cycleProject.toString(), "-s", cycleProject.resolve("src").toString(),
                cycleClasses.toString());
        assertEquals(1, run.exitCode, run::toString);
        JsonObject runObj = JsonParser.parseString(run.out).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject();
        JsonArray results = runObj.getAsJsonArray("results");
        assertEquals(1, results.size(), run::toString);
        JsonObject result = results.get(0).getAsJsonObject();
        assertEquals(Fixtures.LOCK_CYCLE_FIRST_EDGE, result.getAsJsonArray("locations").get(0).getAsJsonObject()
                .getAsJsonObject("physicalLocation").getAsJsonObject("region").get("startLine").getAsInt());
        JsonArray related = result.getAsJsonArray("relatedLocations");
        assertEquals(1, related.size(), "the cycle's other edge");
        JsonObject other = related.get(0).getAsJsonObject();
        JsonObject otherPhysical = other.getAsJsonObject("physicalLocation");
        assertEquals("src/fixture/LockCycle.java", otherPhysical.getAsJsonObject("artifactLocation").get("uri")
                .getAsString());
        assertEquals(Fixtures.LOCK_CYCLE_SECOND_EDGE, otherPhysical.getAsJsonObject("region").get("startLine")
                .getAsInt());
        assertThat(other.getAsJsonObject("message").get("text").getAsString(),
                containsString("LockCycle.java:" + Fixtures.LOCK_CYCLE_SECOND_EDGE));
        assertUriBasesDeclared(runObj);

        // Without source roots the paths are package paths under SOURCEPATH, which must be declared too.
        Run noSources = gridlock("scan", "-q", "--plugin", plugin, "--only", "GL_LOCK_ORDER_INVERSION", "--format",
                "sarif", cycleClasses.toString());
        JsonObject noSourcesRun = JsonParser.parseString(noSources.out).getAsJsonObject().getAsJsonArray("runs")
                .get(0).getAsJsonObject();
        assertThat(noSources.out, containsString("\"SOURCEPATH\""));
        assertUriBasesDeclared(noSourcesRun);
    }

    /** Every uriBaseId a location uses is a key of run.originalUriBaseIds. */
    private static void assertUriBasesDeclared(JsonObject runObj) {
        java.util.Set<String> declared = runObj.getAsJsonObject("originalUriBaseIds").keySet();
        Matcher used = Pattern.compile("\"uriBaseId\":\\s*\"([^\"]+)\"").matcher(runObj.getAsJsonArray("results")
                .toString());
        int count = 0;
        while (used.find()) {
            count++;
            assertTrue(declared.contains(used.group(1)), used.group(1) + " is not in originalUriBaseIds " + declared);
        }
        assertTrue(count > 0, "no uriBaseId used at all");
    }

    @Test
    void eachGridlockRuleLinksItsPage() throws IOException {
        Run run = scanCore("--format", "sarif", classes.toString());
        JsonArray rules = JsonParser.parseString(run.out).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject().getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        int linked = 0;
        for (JsonElement e : rules) {
            JsonObject rule = e.getAsJsonObject();
            String id = rule.get("id").getAsString();
            if (id.startsWith("GL_")) {
                Path page = Path.of(java.net.URI.create(rule.get("helpUri").getAsString()));
                assertEquals(id + ".md", page.getFileName().toString());
                assertTrue(Files.isRegularFile(page), page + " does not exist");
                linked++;
            }
        }
        assertTrue(linked >= 5, "every Gridlock rule has its page: " + linked);

        Run published = scanCore("--format", "sarif", "--docs-url", "https://docs.example.com/gridlock/patterns",
                classes.toString());
        assertThat(published.out, containsString(
                "\"helpUri\": \"https://docs.example.com/gridlock/patterns/GL_LOCK_ORDER_INVERSION.md\""));
    }

    @Test
    void theTextSummaryLinksEachCodeToItsPage() throws IOException {
        Path cycleProject = tmp.resolve("cycle-text");
        Path cycleClasses = Fixtures.compile(cycleProject, Map.of("fixture/LockCycle.java", Fixtures.LOCK_CYCLE));
        Run run = gridlock("scan", "-q", "--plugin", plugin, "--only", "GL_LOCK_ORDER_INVERSION",
                cycleClasses.toString());
        Matcher line = Pattern.compile("(?m)^  GL_LOCK_ORDER_INVERSION  1  (\\S+)$").matcher(run.out);
        assertTrue(line.find(), run::toString);
        Path page = Path.of(line.group(1));
        assertTrue(Files.isRegularFile(page.isAbsolute() ? page : Path.of("").toAbsolutePath().resolve(page)),
                page + " does not exist");
        assertThat(page.toString(), containsString("GL_LOCK_ORDER_INVERSION.md"));
    }

    @Test
    void xmlIsSpotBugsOwnFormat() throws IOException {
        Path xml = tmp.resolve("report.xml");
        Run run = scanCore("--format", "xml", "-o", xml.toString(), classes.toString());
        assertEquals(1, run.exitCode, run::toString);
        assertThat(Files.readString(xml), containsString("<BugCollection"));
        List<BugInstance> bugs = readXml(xml);
        assertEquals(1, bugs.size());
        assertEquals("RU_INVOKE_RUN", bugs.get(0).getType());
        assertEquals(Fixtures.RUN_DIRECT_LINE, bugs.get(0).getPrimarySourceLineAnnotation().getStartLine());
    }

    private static List<BugInstance> readXml(Path xml) throws IOException {
        SortedBugCollection collection = new SortedBugCollection();
        try {
            collection.readXML(xml.toFile());
        } catch (org.dom4j.DocumentException e) {
            throw new AssertionError("SpotBugs cannot read its own format back: " + e, e);
        }
        return new ArrayList<>(collection.getCollection());
    }

    @Test
    void baselineReportsOnlyNewFindingsAndIgnoresMovedLines() throws IOException {
        Path sarif = tmp.resolve("baseline.sarif");
        Path xml = tmp.resolve("baseline.xml");
        assertEquals(1, scanCore("--format", "sarif", "-o", sarif.toString(), classes.toString()).exitCode);
        assertEquals(1, scanCore("--format", "xml", "-o", xml.toString(), classes.toString()).exitCode);

        Run same = scanCore("--baseline", sarif.toString(), classes.toString());
        assertEquals(0, same.exitCode, same::toString);
        assertThat(same.out, containsString("No findings"));

        // The known finding moves down 4 lines; a new one appears in a new method.
        String changed = String.join("\n",
                "package fixture;",
                "",
                "public class RunDirect {",
                "    // moved",
                "    // moved",
                "    // moved",
                "    // moved",
                "    public void go() {",
                "        Thread t = new Thread(() -> { });",
                "        t.run();",
                "    }",
                "",
                "    public void again() {",
                "        Thread u = new Thread(() -> { });",
                "        u.run();",
                "    }",
                "}",
                "");
        Path project2 = tmp.resolve("project2");
        Path classes2 = Fixtures.compile(project2, Map.of("fixture/RunDirect.java", changed));
        for (Path base : List.of(sarif, xml)) {
            Run run = gridlock("scan", "-q", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN",
                    "-s", project2.resolve("src").toString(), "--baseline", base.toString(), classes2.toString());
            assertEquals(1, run.exitCode, run::toString);
            assertThat(run.toString(), run.out, containsString("RunDirect.java:15  RU_INVOKE_RUN  "));
            assertThat(run.toString(), run.out, not(containsString("RunDirect.java:10")));
            assertThat(run.out, containsString("1 finding in 1 file"));
        }

        Path text = tmp.resolve("not-a-baseline.txt");
        Files.writeString(text, "RunDirect.java:6  RU_INVOKE_RUN  x\n");
        Run bad = scanCore("--baseline", text.toString(), classes.toString());
        assertEquals(2, bad.exitCode, bad::toString);
        assertThat(bad.err, containsString(text + ": not a SARIF or SpotBugs XML report"));
    }

    @Test
    void aMovedLockOrderCycleStaysKnown() throws IOException {
        Path before = Fixtures.compile(tmp.resolve("cycle-before"), Map.of("fixture/LockCycle.java",
                Fixtures.LOCK_CYCLE));
        // The same class, every line four lines further down: the messages name other lines.
        Path after = Fixtures.compile(tmp.resolve("cycle-after"), Map.of("fixture/LockCycle.java",
                Fixtures.LOCK_CYCLE.replace("public class LockCycle {", "// moved\n// moved\n// moved\n// moved\n"
                        + "public class LockCycle {")));
        for (String format : List.of("sarif", "xml")) {
            Path base = tmp.resolve("cycle-baseline." + format);
            Run first = gridlock("scan", "-q", "--plugin", plugin, "--only", "GL_LOCK_ORDER_INVERSION", "--format",
                    format, "-o", base.toString(), before.toString());
            assertEquals(1, first.exitCode, first::toString);
            Run moved = gridlock("scan", "-q", "--plugin", plugin, "--only", "GL_LOCK_ORDER_INVERSION", "--baseline",
                    base.toString(), after.toString());
            assertEquals(0, moved.exitCode, format + " baseline: " + moved);
            assertThat(moved.out, containsString("No findings"));
        }
        Run unmoved = gridlock("scan", "-q", "--plugin", plugin, "--only", "GL_LOCK_ORDER_INVERSION", after.toString());
        assertThat("the message does name the moved line", unmoved.out,
                containsString("(line " + (Fixtures.LOCK_CYCLE_FIRST_EDGE + 4) + ")"));
    }

    @Test
    void missingPathIsNamedAndTheRestIsScanned() {
        Path missing = tmp.resolve("no-such.jar");
        Run run = scanCore(missing.toString(), classes.toString());
        assertEquals(ExitCodes.PARTIAL, run.exitCode, run::toString);
        assertThat(run.err, containsString(missing + ": no such file or directory"));
        assertRunDirectReported(run);
        assertNoStackTrace(run);
    }

    @Test
    void corruptJarIsNamedAndTheRestIsScanned() throws IOException {
        Path bad = tmp.resolve("corrupt.jar");
        Files.write(bad, "this is not a zip file at all".getBytes());
        Run run = scanCore(bad.toString(), classes.toString());
        assertEquals(ExitCodes.PARTIAL, run.exitCode, run::toString);
        assertThat(run.err, containsString(bad + ": not a readable jar or zip file"));
        assertRunDirectReported(run);
        assertNoStackTrace(run);
    }

    @Test
    void corruptClassFilesAreNamedAndTheirNeighboursScanned() throws IOException {
        Path dir = tmp.resolve("corrupt-classes");
        Files.createDirectories(dir.resolve("fixture"));
        Files.copy(classes.resolve("fixture/RunDirect.class"), dir.resolve("fixture/RunDirect.class"));
        Files.write(dir.resolve("fixture/Garbage.class"), "hello, not a class".getBytes());
        byte[] other = Files.readAllBytes(classes.resolve("fixture/Other.class"));
        Files.write(dir.resolve("fixture/Truncated.class"), java.util.Arrays.copyOf(other, 40));
        Run run = scanCore(dir.toString());
        assertEquals(ExitCodes.PARTIAL, run.exitCode, run::toString);
        assertThat(run.err, containsString(dir.resolve("fixture/Garbage.class") + ": corrupt class file"));
        assertThat(run.err, containsString(dir.resolve("fixture/Truncated.class") + ": corrupt class file"));
        assertRunDirectReported(run);
        assertNoStackTrace(run);

        // The same inside a jar: the entry is named with its jar.
        Path jar = Fixtures.jar(dir, tmp.resolve("corrupt-classes.jar"));
        Run inJar = scanCore(jar.toString());
        assertEquals(ExitCodes.PARTIAL, inJar.exitCode, inJar::toString);
        assertThat(inJar.err, containsString(jar + "!/fixture/Garbage.class: corrupt class file"));
        assertRunDirectReported(inJar);
        assertNoStackTrace(inJar);
    }

    @Test
    void classesForANewerJavaAreNamedAndSkipped() throws IOException {
        int tooNew = io.github.gridlock.cli.engine.EngineTestAccess.highestSupportedMajor() + 1;
        Path dir = tmp.resolve("too-new");
        Files.createDirectories(dir.resolve("fixture"));
        Files.copy(classes.resolve("fixture/RunDirect.class"), dir.resolve("fixture/RunDirect.class"));
        Files.write(dir.resolve("fixture/Other.class"),
                Fixtures.withMajorVersion(Files.readAllBytes(classes.resolve("fixture/Other.class")), tooNew));
        Path jar = Fixtures.jar(dir, tmp.resolve("too-new.jar"));
        Run run = scanCore(jar.toString());
        assertEquals(ExitCodes.PARTIAL, run.exitCode, run::toString);
        assertThat(run.err, containsString(jar + "!/fixture/Other.class: compiled for Java " + (tooNew - 44)
                + " (class file version " + tooNew + "), newer than this engine supports"));
        assertRunDirectReported(run);
        assertNoStackTrace(run);
    }

    @Test
    void missingOrCorruptAuxClasspathEntryIsNamedAndTheScanGoesOn() {
        Path missing = tmp.resolve("lib/missing-lib.jar");
        Run run = scanCore("--aux-classpath", missing.toString(), classes.toString());
        assertEquals(ExitCodes.PARTIAL, run.exitCode, run::toString);
        assertThat(run.err, containsString(missing + ": aux classpath entry not found"));
        assertRunDirectReported(run);
        assertNoStackTrace(run);

        Path corrupt = tmp.resolve("lib/corrupt-lib.jar");
        try {
            Files.createDirectories(corrupt.getParent());
            Files.writeString(corrupt, "not a jar");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run withCorrupt = scanCore("--aux-classpath", corrupt.toString(), classes.toString());
        assertEquals(ExitCodes.PARTIAL, withCorrupt.exitCode, withCorrupt::toString);
        assertThat(withCorrupt.err, containsString(corrupt + ": aux classpath entry is not a readable jar or zip file"));
        assertRunDirectReported(withCorrupt);
    }

    @Test
    void aJarThatIsNoPluginIsAnAnalysisError() throws IOException {
        Path notPlugin = Fixtures.jar(classes, tmp.resolve("not-a-plugin.jar"));
        Run run = gridlock("scan", "-q", "--plugin", notPlugin.toString(), classes.toString());
        assertEquals(3, run.exitCode, run::toString);
        assertThat(run.err, containsString(notPlugin.toAbsolutePath() + ": cannot load as a SpotBugs plugin"));
        assertNoStackTrace(run);
    }

    @Test
    void aMissingPluginIsAnAnalysisError() {
        Path missing = tmp.resolve("plugins/gridlock-detectors-none.jar");
        Run run = gridlock("scan", "-q", "--plugin", missing.toString(), classes.toString());
        assertEquals(3, run.exitCode, run::toString);
        assertThat(run.err, containsString(missing.toAbsolutePath() + ": plugin not found"));
        assertNoStackTrace(run);
    }

    @Test
    void missingSourcePathEntryIsNamedAndTheScanGoesOn() {
        Path missing = tmp.resolve("no-src");
        Run run = gridlock("scan", "-q", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN",
                "-s", missing.toString(), classes.toString());
        assertEquals(ExitCodes.FINDINGS, run.exitCode, "a missing source folder loses no finding: " + run);
        assertThat(run.err, containsString("warning: " + missing + ": source path entry not found"));
        // without sources the package path is shown
        assertThat(run.out, containsString("fixture/RunDirect.java:" + Fixtures.RUN_DIRECT_LINE + "  RU_INVOKE_RUN  "));
    }

    @Test
    void aMavenProjectFolderIsScannedWithItsSources() throws IOException {
        Path module = tmp.resolve("maven-module");
        Path moduleClasses = Fixtures.compile(module.resolve("target-build"), Map.of(
                "fixture/RunDirect.java", Fixtures.RUN_DIRECT));
        Files.createDirectories(module.resolve("target"));
        Files.move(moduleClasses, module.resolve("target/classes"));
        Files.createDirectories(module.resolve("src/main/java/fixture"));
        Files.copy(module.resolve("target-build/src/fixture/RunDirect.java"),
                module.resolve("src/main/java/fixture/RunDirect.java"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Run run = gridlock("scan", "-q", "--plugin", plugin, "--with-core", "--only", "RU_INVOKE_RUN",
                module.toString());
        assertEquals(1, run.exitCode, run::toString);
        assertThat(run.out, containsString(module.resolve("src/main/java/fixture/RunDirect.java") + ":"
                + Fixtures.RUN_DIRECT_LINE + "  RU_INVOKE_RUN  "));

        Path unbuilt = tmp.resolve("unbuilt-module");
        Files.createDirectories(unbuilt);
        Files.writeString(unbuilt.resolve("pom.xml"), "<project/>");
        Run notBuilt = gridlock("scan", "-q", "--plugin", plugin, unbuilt.toString());
        assertEquals(2, notBuilt.exitCode, notBuilt::toString);
        assertThat(notBuilt.err, containsString(unbuilt + ": a Maven project folder without target/classes"));
    }

    @Test
    void noPathScansTheBundledSampleCode() {
        Run run = gridlock("scan", "--plugin", plugin);
        assertThat(run.err, containsString("no PATH given: scanning the bundled sample code"));
        assertThat(run.err, containsString("gridlock-sample-code"));
        boolean findings = run.out.contains(".java:");
        assertEquals(findings ? 1 : 0, run.exitCode, run::toString);
        assertThat(run.out, containsString(findings ? "finding" : "No findings"));
        if (findings) {
            assertThat("the README's first command exits 1, and says why", run.err,
                    containsString("exit code 1: the bundled sample code contains these hazards on purpose"));
        }
    }

    private static String wholeSampleGraph;

    /** The samples' whole lock-order graph, drawn once for the tests that read it (a scan of every sample). */
    private static synchronized String wholeSampleGraph() throws IOException {
        if (wholeSampleGraph == null) {
            Path dot = tmp.resolve("locks.dot");
            Run run = gridlock("scan", "-q", "--plugin", plugin, "--lock-graph", dot.toString());
            assertEquals(1, run.exitCode, run::toString);
            wholeSampleGraph = Files.readString(dot);
        }
        return wholeSampleGraph;
    }

    @Test
    void lockGraphIsWrittenWithCycleEdgesHighlighted() throws IOException {
        String graph = wholeSampleGraph();
        assertThat(graph, containsString("digraph lockorder"));
        assertThat(graph, containsString("MutexPairDeadlock.mutexA"));
        assertThat("the mutexA/mutexB cycle is drawn red", graph, containsString("color=red"));
        Matcher edge = DOT_EDGE.matcher(graph);
        boolean chainInTooltip = false;
        while (edge.find()) {
            assertThat("an edge label is one short site, the chain is in the tooltip", edge.group(3),
                    not(containsString(" via ")));
            assertTrue(edge.group(3).length() <= 40, edge.group(3));
            assertThat(edge.group(4), containsString(edge.group(3).replaceAll(" \\+\\d+$", "")));
            chainInTooltip |= edge.group(4).contains(" via ");
        }
        assertTrue(chainInTooltip, "some sample edges are made through calls: their chains are in tooltips");
    }

    /** {@code n1 -> n2 [label="put():25", tooltip="...", ...]}: from, to, label, tooltip, attributes. */
    private static final Pattern DOT_EDGE = Pattern.compile(
            "(?m)^  n(\\d+) -> n(\\d+) \\[label=\"([^\"]*)\", tooltip=\"((?:[^\"\\\\]|\\\\.)*)\"(.*)\\];$");
    private static final Pattern DOT_NODE = Pattern.compile("(?m)^  n(\\d+) \\[label=\"([^\"]*)\"");

    @Test
    void lockGraphScopeCyclesDrawsTheCyclesAndTheirNeighboursOnly() throws IOException {
        Path cycles = tmp.resolve("cycles.dot");
        gridlock("scan", "-q", "--plugin", plugin, "--lock-graph", cycles.toString(), "--lock-graph-scope", "cycles");
        String whole = wholeSampleGraph();
        Map<String, String> labels = new java.util.HashMap<>();
        for (Matcher m = DOT_NODE.matcher(whole); m.find();) {
            labels.put(m.group(1), m.group(2));
        }
        java.util.Set<String> onCycle = new java.util.TreeSet<>();
        List<String[]> edges = new ArrayList<>();
        for (Matcher m = DOT_EDGE.matcher(whole); m.find();) {
            edges.add(new String[] {labels.get(m.group(1)), labels.get(m.group(2))});
            if (m.group(5).contains("color=red")) {
                onCycle.add(labels.get(m.group(1)));
                onCycle.add(labels.get(m.group(2)));
            }
        }
        java.util.Set<String> expected = new java.util.TreeSet<>(onCycle);
        for (String[] e : edges) {
            if (onCycle.contains(e[0]) || onCycle.contains(e[1])) {
                expected.add(e[0]);
                expected.add(e[1]);
            }
        }
        java.util.Set<String> drawn = new java.util.TreeSet<>();
        for (Matcher m = DOT_NODE.matcher(Files.readString(cycles)); m.find();) {
            drawn.add(m.group(2));
        }
        assertEquals(expected, drawn);
        assertTrue(drawn.size() < labels.size(), "the samples have locks far from any cycle: " + labels.size()
                + " locks, " + drawn.size() + " drawn");
    }

    @Test
    void aPartialScanOutranksFindingsAndNothingToAnalyseOutranksPartial() {
        // findings (1) + a missing input => partial (4)
        Run run = scanCore(tmp.resolve("gone").toString(), classes.toString());
        assertEquals(ExitCodes.PARTIAL, run.exitCode, run::toString);
        assertThat(run.err, containsString("gridlock: partial scan: 1 problem (above); the report covers everything"
                + " else; exit code 4."));
        // only missing inputs => nothing analysed (2)
        Run nothing = scanCore(tmp.resolve("gone").toString(), tmp.resolve("gone-too").toString());
        assertEquals(ExitCodes.INPUT_ERROR, nothing.exitCode, nothing::toString);
        assertThat(nothing.err, containsString("the report covers only what could be analysed; exit code 2"));
    }

    @Test
    void aSourceFolderIsToldWhereTheCompiledClassesAre() throws Exception {
        Path sources = Files.createDirectories(tmp.resolve("src/main/java/demo"));
        Files.writeString(sources.resolve("Demo.java"), "package demo; class Demo {}");
        Files.writeString(sources.resolve("Other.java"), "package demo; class Other {}");
        Run run = scanCore(tmp.resolve("src/main/java").toString());
        assertEquals(ExitCodes.INPUT_ERROR, run.exitCode, run::toString);
        assertThat(run.err, containsString("contains no .class files: nothing to analyse; it holds 2 Java source files"));
        assertThat(run.err, containsString("scan the class folder (target/classes with Maven"));
    }

    @Test
    void aFolderWithoutClassesSaysNothingWasAnalysedNotZeroProblems() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-classes"));
        Run run = scanCore(empty.toString());
        assertEquals(ExitCodes.INPUT_ERROR, run.exitCode, run::toString);
        assertThat(run.err, containsString("contains no .class files: nothing to analyse"));
        assertThat(run.err, not(containsString("Java source")));
        assertThat(run.err, containsString("gridlock: nothing was analysed (see the warning above); exit code 2."));
        assertThat(run.err, not(containsString("0 problems")));
    }

    static String firstLine(JsonElement e) {
        return e.toString().split("\n")[0];
    }
}
