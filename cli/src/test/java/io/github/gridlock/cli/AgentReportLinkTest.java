package io.github.gridlock.cli;

import static io.github.gridlock.cli.Fixtures.gridlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gridlock.cli.Fixtures.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridlock scan --agent-report}: the sample programs run under the real agent, then are scanned; the cycle both
 * see is marked seen at run time, the one only the scan finds is not, and the one only the agent saw is listed.
 */
class AgentReportLinkTest {
    @TempDir
    static Path tmp;
    static Path classes;
    static Path src;
    static Path agentJson;
    static Path agentSarif;
    static String source;

    private static int lineOf(String marker) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("// " + marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(marker);
    }

    @BeforeAll
    static void runTheSamplesUnderTheAgent() throws Exception {
        String agent = System.getProperty("gridlock.agent.jar");
        assumeTrue(agent != null && agent.endsWith(".jar") && Files.isRegularFile(Paths.get(agent)),
                "the agent jar is built by 'mvn verify' (gridlock.agent.jar=" + agent + "); skipping");
        try (InputStream in = AgentReportLinkTest.class.getResourceAsStream("/agentlink/LinkSamples.java")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path project = tmp.resolve("project");
        classes = Fixtures.compile(project, Map.of("linked/LinkSamples.java", source));
        src = project.resolve("src");
        agentJson = tmp.resolve("agent.json");
        agentSarif = tmp.resolve("agent.sarif");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=quiet,report=" + agentJson + ",sarif=" + agentSarif, "-cp",
                classes.toString(), "linked.LinkSamples"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("done 4"), out);
        String json = Files.readString(agentJson);
        assertEquals(2, json.split("\"type\": \"LOCK_ORDER_CYCLE\"", -1).length - 1, json);
    }

    private static Run scan(Path agentReport, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "-q", "--plugin", Fixtures.plugin().toString(), "--only",
                "GL_LOCK_ORDER_INVERSION", "--fail-on", "none", "-s", src.toString(), classes.toString(),
                "--agent-report", agentReport.toString()));
        args.addAll(List.of(extra));
        return gridlock(args.toArray(new String[0]));
    }

    /** The lines of one part of the run-time section: from its heading up to the next heading. */
    private static String part(String out, String heading) {
        int at = out.indexOf("  " + heading);
        assertTrue(at >= 0, heading + " missing\n" + out);
        int next = out.indexOf("\n  ", out.indexOf('\n', at) + 1);
        while (next >= 0 && out.startsWith("\n    ", next)) {
            next = out.indexOf("\n  ", next + 1);
        }
        return out.substring(at, next < 0 ? out.length() : next);
    }

    @Test
    void textMarksTheCycleBothSawListsTheAgentOnlyOneAndTheStaticOnlyOne() {
        Run run = scan(agentJson);
        assertEquals(0, run.exitCode, run::toString);
        int transfer = lineOf("TRANSFER_INNER");
        int audit = lineOf("AUDIT_INNER");
        int left = lineOf("LEFT_INNER");
        int right = lineOf("RIGHT_INNER");
        // the scan itself: two cycles
        String report = run.out.substring(0, run.out.indexOf("Run time: agent report"));
        assertEquals(2, report.lines().filter(l -> l.contains(".java:") && l.contains("GL_LOCK_ORDER_INVERSION"))
                .count(), run::toString);
        String seen = part(run.out, "seen at run time (1");
        assertTrue(seen.contains("LinkSamples.java:" + Math.min(transfer, audit) + "  GL_LOCK_ORDER_INVERSION  seen at"
                + " run time: LOCK_ORDER_CYCLE #"), seen);
        assertTrue(seen.contains("accountsLock") && seen.contains("auditLock"), seen);
        String notSeen = part(run.out, "not seen at run time (1");
        assertTrue(notSeen.contains("LinkSamples.java:" + Math.min(left, right) + "  GL_LOCK_ORDER_INVERSION"), notSeen);
        String agentOnly = part(run.out, "run-time cycles the static analysis did not find (1)");
        assertTrue(agentOnly.contains("LinkSamples.cacheLock") && agentOnly.contains("LinkSamples.indexLock"), agentOnly);
        assertTrue(agentOnly.contains("linked/LinkSamples.java:"), agentOnly);
        assertFalse(agentOnly.contains("accountsLock"), agentOnly);
    }

    @Test
    void sarifCarriesSeenAtRunTimeAndASecondRunForTheAgentOnlyCycle() {
        Run run = scan(agentJson, "--format", "sarif");
        assertEquals(0, run.exitCode, run::toString);
        JsonObject sarif = JsonParser.parseString(run.out).getAsJsonObject();
        JsonArray runs = sarif.getAsJsonArray("runs");
        assertEquals(2, runs.size(), run.out);
        int seen = 0;
        int notSeen = 0;
        for (JsonElement e : runs.get(0).getAsJsonObject().getAsJsonArray("results")) {
            JsonObject props = e.getAsJsonObject().getAsJsonObject("properties");
            if (props.get("seenAtRunTime").getAsBoolean()) {
                seen++;
                assertTrue(props.get("runtimeFinding").getAsString().startsWith("LOCK_ORDER_CYCLE #"), props.toString());
                assertTrue(e.toString().contains("accountsLock"), e.toString());
            } else {
                notSeen++;
                assertTrue(e.toString().contains("leftLock"), e.toString());
            }
        }
        assertEquals(1, seen, run.out);
        assertEquals(1, notSeen, run.out);
        JsonObject agentRun = runs.get(1).getAsJsonObject();
        assertEquals("gridlock-agent", agentRun.getAsJsonObject("tool").getAsJsonObject("driver").get("name")
                .getAsString());
        JsonArray only = agentRun.getAsJsonArray("results");
        assertEquals(1, only.size(), run.out);
        assertTrue(only.get(0).toString().contains("cacheLock"), only.toString());
        assertEquals("linked/LinkSamples.java", only.get(0).getAsJsonObject().getAsJsonArray("locations").get(0)
                .getAsJsonObject().getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation").get("uri")
                .getAsString());
    }

    @Test
    void theAgentsSarifWorksAsWell() {
        Run run = scan(agentSarif);
        assertEquals(0, run.exitCode, run::toString);
        assertTrue(part(run.out, "seen at run time (1").contains("seen at run time: LOCK_ORDER_CYCLE #"), run::toString);
        assertTrue(part(run.out, "run-time cycles the static analysis did not find (1)").contains("cacheLock"),
                run::toString);
    }

    @Test
    void aFileThatIsNoAgentReportIsAnInputError() throws IOException {
        Path bogus = Files.writeString(tmp.resolve("bogus.json"), "{\"tool\": \"something else\", \"findings\": []}");
        Run run = scan(bogus);
        assertEquals(ExitCodes.INPUT_ERROR, run.exitCode, run::toString);
        assertTrue(run.err.contains("gridlock: --agent-report: " + bogus + ": not a Gridlock agent report"), run::toString);
        Run missing = scan(tmp.resolve("missing.json"));
        assertEquals(ExitCodes.INPUT_ERROR, missing.exitCode, missing::toString);
        assertTrue(missing.err.contains("cannot read the agent report"), missing::toString);
    }
}
