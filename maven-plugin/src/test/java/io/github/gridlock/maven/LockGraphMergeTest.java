package io.github.gridlock.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge on exports in the detector's format (the integration project aggregate-cycle covers exports the
 * detector really wrote): a cycle through two modules' open calls is found; its fixed twin, a cycle inside one
 * module, and a static call that no subclass answers are not.
 */
class LockGraphMergeTest {
    @TempDir
    Path tmp;

    private static final String ACCOUNTS = export(
            "[{\"name\":\"accounts.Accounts\",\"super\":\"java.lang.Object\",\"interfaces\":[],\"interface\":false}]",
            "[{\"id\":\"accounts.Accounts.LEDGER\",\"display\":\"Accounts.LEDGER\"}]",
            "[]",
            "[{\"class\":\"accounts.Accounts\",\"method\":\"credit\",\"signature\":\"()V\",\"acquires\":"
                    + "[{\"lock\":\"accounts.Accounts.LEDGER\"}],\"opens\":[]}]",
            "[" + openCall("accounts.Accounts", "post", 18, "accounts.Accounts.LEDGER", "interface", "api.Listener",
                    "onEvent") + "]");

    private static String audit(boolean holdsJournalAtTheCall) {
        return export(
                "[{\"name\":\"audit.Audit\",\"super\":\"java.lang.Object\",\"interfaces\":[\"api.Listener\"],"
                        + "\"interface\":false}]",
                "[{\"id\":\"audit.Audit.JOURNAL\",\"display\":\"Audit.JOURNAL\"}]",
                "[]",
                "[{\"class\":\"audit.Audit\",\"method\":\"onEvent\",\"signature\":\"()V\",\"acquires\":"
                        + "[{\"lock\":\"audit.Audit.JOURNAL\"}],\"opens\":[]}]",
                holdsJournalAtTheCall ? "[" + openCall("audit.Audit", "flush", 25, "audit.Audit.JOURNAL", "virtual",
                        "accounts.Accounts", "credit") + "]" : "[]");
    }

    @Test
    void aCycleThroughTwoModulesOpenCallsIsFound() throws Exception {
        LockGraphMerge merge = merge(ACCOUNTS, audit(true));
        List<List<LockGraphMerge.Edge>> cycles = merge.crossModuleCycles();
        assertEquals(1, cycles.size());
        List<String> sites = cycles.get(0).stream().flatMap(e -> e.sites.stream()).sorted().collect(Collectors.toList());
        assertEquals(List.of("Accounts.post():18 [accounts] calls Listener.onEvent() which takes it [audit]",
                "Audit.flush():25 [audit] calls Accounts.credit() which takes it [accounts]"), sites);
    }

    @Test
    void theFixedTwinHasNoCycle() throws Exception {
        LockGraphMerge merge = merge(ACCOUNTS, audit(false));
        assertEquals(1, merge.edgeCount(), "only LEDGER -> JOURNAL is left");
        assertEquals(List.of(), merge.crossModuleCycles());
    }

    @Test
    void aCycleInsideOneModuleIsThatModulesFindingNotTheMerges() throws Exception {
        String oneModule = export("[]", "[{\"id\":\"m.A.X\",\"display\":\"A.X\"},{\"id\":\"m.A.Y\",\"display\":\"A.Y\"}]",
                "[" + edge("m.A.X", "m.A.Y", "xy", 3) + "," + edge("m.A.Y", "m.A.X", "yx", 9) + "]", "[]", "[]");
        LockGraphMerge merge = merge(oneModule, audit(true));
        assertEquals(2, merge.edgeCount(), "the module's two edges; audit's call leads nowhere here");
        assertEquals(List.of(), merge.crossModuleCycles());
    }

    @Test
    void aStaticCallReachesOnlyItsOwnClass() throws Exception {
        String staticCaller = ACCOUNTS.replace("\"kind\":\"interface\"", "\"kind\":\"static\"");
        LockGraphMerge merge = merge(staticCaller, audit(true));
        assertEquals(List.of(), merge.crossModuleCycles(), "Listener.onEvent() called statically is not Audit's");
    }

    @Test
    void aFileThatIsNoExportIsRefusedByName() throws Exception {
        Path bad = tmp.resolve("gridlock-locks.json");
        Files.writeString(bad, "{\"format\":\"something-else\"}");
        IOException e = assertThrows(IOException.class, () -> new LockGraphMerge().add("m", bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    private LockGraphMerge merge(String first, String second) throws IOException {
        LockGraphMerge merge = new LockGraphMerge();
        Path a = tmp.resolve("accounts.json");
        Path b = tmp.resolve("audit.json");
        Files.writeString(a, first);
        Files.writeString(b, second);
        merge.add("accounts", a);
        merge.add("audit", b);
        merge.link();
        return merge;
    }

    private static String export(String classes, String locks, String edges, String methods, String openCalls) {
        return "{\"format\":\"gridlock-lock-graph/1\",\"classes\":" + classes + ",\"locks\":" + locks + ",\"edges\":"
                + edges + ",\"methods\":" + methods + ",\"openCalls\":" + openCalls + "}";
    }

    private static String edge(String from, String to, String method, int line) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"onCycle\":true,\"sites\":[{\"class\":\"m.A\","
                + "\"method\":\"" + method + "\",\"signature\":\"()V\",\"file\":\"m/A.java\",\"line\":" + line + "}]}";
    }

    private static String openCall(String cls, String method, int line, String held, String kind, String owner,
            String name) {
        return "{\"class\":\"" + cls + "\",\"method\":\"" + method + "\",\"signature\":\"()V\",\"file\":\"x.java\","
                + "\"line\":" + line + ",\"held\":[{\"lock\":\"" + held + "\",\"shared\":false}],\"kind\":\"" + kind
                + "\",\"owner\":\"" + owner + "\",\"name\":\"" + name + "\",\"targetSignature\":\"()V\"}";
    }
}
