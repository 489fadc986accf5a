package io.github.gridlock.detectors.analysis;

import io.github.gridlock.detectors.testing.LayerProbe;
import io.github.gridlock.detectors.testing.SpotBugsProbeRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit tests of the shared analysis layer, run inside the real SpotBugs engine over the classes in
 * {@code io.github.gridlock.detectors.inputs}. Held-lock expectations sit in the input source at the
 * line they describe ({@code // held: a, b}).
 */
class AnalysisLayerTest {
    private static final Path INPUTS = Paths.get("src/test/java/io/github/gridlock/detectors/inputs");
    private static final Pattern HELD = Pattern.compile("^[^/]*;\\s*//\\s*held:(.*)$");

    private static edu.umd.cs.findbugs.BugCollectionBugReporter reporter;

    private static final Pattern MARKER = Pattern.compile("//\\s*(runs|sync|entry|callers hold|around|guard|leaks|at return|contract|loop|captures|threads|argument thread):(.*)$");

    @BeforeAll
    static void analyseInputs() throws Exception {
        LayerProbe.clear();
        reporter = SpotBugsProbeRunner.analyze(Paths.get("target/test-classes/io/github/gridlock/detectors/inputs"));
        assertTrue(LayerProbe.RESULTS.size() > 10, "the probe saw the input methods: " + LayerProbe.RESULTS.keySet());
    }

    @Test
    void heldLocksMatchTheMarkersAtEveryLine() throws IOException {
        Map<Integer, List<String>> expected = markers(INPUTS.resolve("LockShapes.java"));
        assertTrue(expected.size() >= 15, "markers read: " + expected.size());
        Map<Integer, List<String>> actual = new TreeMap<>();
        LayerProbe.RESULTS.forEach((method, recorded) -> {
            if (method.startsWith("LockShapes.")) {
                actual.putAll(recorded.heldAtLine);
            }
        });
        List<String> wrong = new ArrayList<>();
        expected.forEach((line, locks) -> {
            if (!locks.equals(actual.get(line))) {
                wrong.add("line " + line + ": expected " + locks + " but the analysis says " + actual.get(line));
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void bytecodeScreenNamesTheApiCallsOfAMethodAndNothingElse() {
        assertEquals(Set.of("ACQUIRE", "RELEASE"), LayerProbe.RESULTS.get("LockShapes.reentrantLock").screenedEffects);
        assertEquals(Set.of(), LayerProbe.RESULTS.get("LockShapes.nested").screenedEffects, "monitorenter is no call");
    }

    @Test
    void beginAndEndComposeAtTheirCaller() {
        assertEquals(Set.of("this.rl"), describe(summary("LockShapes.begin").returnsHolding()));
        assertEquals(Set.of("this.rl"), describe(summary("LockShapes.end").releasesCallersLocks()));
        assertTrue(summary("LockShapes.reentrantLock").returnsHolding().isEmpty());
        assertTrue(summary("LockShapes.reentrantLock").releasesCallersLocks().isEmpty());
    }

    @Test
    void summariesCarryAcquisitionsThroughCalls() {
        MethodSummary nested = summary("LockShapes.nested");
        assertEquals(2, nested.acquisitions().size());
        LockFacts.Acquisition inner = nested.acquisitions().get(1);
        assertEquals("LockShapes.LOCK_B", inner.lock().describe());
        assertEquals(List.of("LockShapes.LOCK_A"),
                inner.heldBefore().stream().map(h -> h.lock().describe()).collect(Collectors.toList()));
        assertEquals(Set.of("LockShapes.LOCK_A", "LockShapes.LOCK_B"), describe(summary("LockShapes.callsNested").mayAcquire()));
    }

    @Test
    void parameterLocksAreNamedByPosition() {
        assertEquals(Set.of("param#0", "param#1"), describe(summary("LockShapes.parameterLocks").mayAcquire()));
    }

    @Test
    void blockingIsSeenThroughCallees() {
        assertNotNull(summary("LockShapes.sleeper").blocksThrough());
        String through = summary("LockShapes.blocksInCallee").blocksThrough();
        assertNotNull(through);
        assertTrue(through.contains("sleeper") && through.contains("Thread.sleep"), through);
    }

    @Test
    void interfaceCallsReachEveryAnalysedImplementation() {
        assertEquals(Set.of("Dispatch.LEFT", "Dispatch.RIGHT"), describe(summary("Dispatch.runAny").mayAcquire()));
    }

    @Test
    void threadStartsPropagateToCallersInTheirTerms() {
        assertEquals(Set.of(AccessPath.field(AccessPath.THIS, "io.github.gridlock.detectors.inputs.Dispatch", "worker")),
                summary("Dispatch.launch").startsThreads());
    }

    @Test
    void hugeMethodsAreSkippedQuietlyLikeSpotBugsDoes() {
        assertTrue(LayerProbe.RESULTS.keySet().stream().noneMatch(k -> k.equals("HugeMethod.huge")),
                "no facts for a method SpotBugs declines to analyse");
        assertTrue(LayerProbe.RESULTS.containsKey("HugeMethod.<init>"), "the rest of the class is analysed");
        assertTrue(reporter.getQueuedErrors().isEmpty(), "no analysis error logged: " + reporter.getQueuedErrors());
    }

    @Test
    void aPartThatDoesNotApplyToAMethodIsEmptyWithoutBeingBuilt() {
        int references = 0;
        int others = 0;
        for (Map.Entry<String, LayerProbe.Recorded> e : LayerProbe.RESULTS.entrySet()) {
            String sig = e.getValue().summary.method().getSignature();
            char returned = sig.charAt(sig.indexOf(')') + 1);
            boolean reference = returned == 'L' || returned == '[';
            if (reference) {
                references++;
                assertEquals(e.getKey(), e.getValue().returnedValues, "built for " + e.getKey() + sig);
            } else {
                others++;
                assertEquals("", e.getValue().returnedValues, "empty for " + e.getKey() + sig);
            }
            assertEquals(reference, LayerProbe.RETURNED_VALUES_BUILT.contains(e.getKey() + sig), e.getKey() + sig);
        }
        assertTrue(references > 3 && others > 3, references + " reference-returning, " + others + " other methods probed");
    }

    /**
     * A part's code screen ({@code SummaryPart.appliesTo(MethodFacts)}) never skips a method whose walk finds something;
     * and the probed inputs hold methods of each kind, so that a screen that skipped everything, or nothing, would show.
     */
    @Test
    void aCodeScreenSkipsOnlyMethodsWhosePartIsEmpty() {
        Map<String, Integer> seen = new java.util.TreeMap<>();
        for (Map.Entry<String, LayerProbe.Recorded> e : LayerProbe.RESULTS.entrySet()) {
            for (Map.Entry<String, String> p : e.getValue().screenedParts.entrySet()) {
                assertNotEquals("skipped found", p.getValue(), p.getKey() + " skipped " + e.getKey() + ", whose walk finds something");
                seen.merge(p.getKey() + " " + p.getValue(), 1, Integer::sum);
            }
        }
        for (String part : new String[] {"OwnThreadChecks", "CheckThenActs"}) {
            assertTrue(seen.getOrDefault(part + " skipped empty", 0) > 3, part + ": " + seen);
            assertTrue(seen.getOrDefault(part + " applies found", 0) > 0, part + ": " + seen);
        }
    }

    @Test
    void recursionTerminates() {
        assertNotNull(summary("Dispatch.recursive"));
    }

    @Test
    void lambdasAndExecuteAroundRunUnderTheHelpersLocks() throws IOException {
        assertMarkers("Lambdas.java", "runs", LayerProbe.RUNS, 7);
        assertEquals(Set.of("this.lock", "this.index"), describe(summary("Lambdas.executeAround").mayAcquire()));
        assertTrue(describe(summary("Lambdas.captured").mayAcquire()).contains("param#0"),
                "a lambda's captured parameter is the caller's parameter: " + summary("Lambdas.captured").mayAcquire());
        assertTrue(summary("Lambdas.notRunHere").calls().isEmpty(), "a lambda that is only created runs nothing");
        assertEquals("underLock", summary("Lambdas.executeAround").calls().stream()
                .filter(c -> c.callee().getName().startsWith("lambda$")).findFirst().orElseThrow().via().getName());
    }

    @Test
    void handOffsMakeThreadEntriesWithTheirMultiplicity() throws IOException {
        assertMarkers("Entries.java", "entry", LayerProbe.ENTRIES, 11);
        assertMarkers("Entries.java", "sync", LayerProbe.SYNCS, 4);
        assertTrue(LayerProbe.ENTRIES.keySet().stream().noneMatch(k -> k.startsWith("Entries.java:")
                && LayerProbe.ENTRIES.get(k).stream().anyMatch(v -> v.startsWith("lambda$notHandedOff"))),
                "a lambda that is never handed off is no entry");
    }

    @Test
    void loopsAreTheCyclesAroundALine() throws IOException {
        List<String> lines = Files.readAllLines(INPUTS.resolve("Entries.java"), StandardCharsets.UTF_8);
        Map<String, Set<String>> idsByName = new TreeMap<>();
        Pattern loop = Pattern.compile("//\\s*loop:\\s*(\\w+)");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = loop.matcher(lines.get(i));
            if (m.find()) {
                List<String> got = LayerProbe.LOOPS.getOrDefault("Entries.java:" + (i + 1), List.of());
                assertEquals(1, got.size(), "line " + (i + 1) + ": " + got);
                idsByName.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(got.get(0));
            }
        }
        assertEquals(Set.of("none", "outer", "second"), idsByName.keySet());
        assertEquals(Set.of("none"), idsByName.get("none"));
        assertEquals(1, idsByName.get("outer").size(), "a nested loop is part of the loop around it: " + idsByName);
        assertEquals(1, idsByName.get("second").size());
        assertTrue(!idsByName.get("outer").equals(idsByName.get("second")) && !idsByName.get("outer").contains("none"),
                "two loops, two ids: " + idsByName);
    }

    @Test
    void arraysAllocatedHereAreFreshObjects() throws IOException {
        assertMarkers("Entries.java", "captures", LayerProbe.CAPTURES, 1);
    }

    @Test
    void fieldFactsKnowTheLocksCallersHoldAndTheGuards() throws IOException {
        assertMarkers("Fields.java", "callers hold", LayerProbe.CALLERS_HOLD, 4);
        assertMarkers("Fields.java", "guard", LayerProbe.GUARDS, 5);
        assertMarkers("Fields.java", "around", LayerProbe.AROUND, 6);
    }

    @Test
    void sharedFieldsKnowWhichThreadsRunEachAccessAndWhichWritesOverlapIt() throws IOException {
        assertMarkers("Sharing.java", "threads", LayerProbe.THREADS, 32);
    }

    @Test
    void callbackContractsNameTheArgumentWhoseExecutorRunsAMethod() throws IOException {
        assertMarkers("ArgumentThreads.java", "argument thread", LayerProbe.ARGUMENT_THREADS, 5);
    }

    @Test
    void acquisitionsAreFollowedToEveryExitWithTheirReleases() throws IOException {
        assertMarkers("Releases.java", "leaks", LayerProbe.LEAKS, 20);
        List<String> lines = Files.readAllLines(INPUTS.resolve("Releases.java"), StandardCharsets.UTF_8);
        Set<String> expected = new java.util.TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().endsWith("// unmatched")) {
                expected.add("Releases.java:" + (i + 1));
            }
        }
        assertEquals(5, expected.size());
        assertEquals(expected, LayerProbe.UNMATCHED.keySet().stream().filter(k -> k.startsWith("Releases.java:"))
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

    @Test
    void pathValuesMakeFlagsLoopsAndStampsExact() throws IOException {
        assertMarkers("Releases.java", "at return", LayerProbe.AT_RETURN, 8);
    }

    @Test
    void aBooleanAcquireReturnsTrueExactlyWhenItHolds() throws IOException {
        assertMarkers("Releases.java", "contract", LayerProbe.CONTRACT, 4);
    }

    @Test
    void waitsKnowWhetherTheirLoopRetestsSomething() throws IOException {
        assertMarkers("Waits.java", "loop", LayerProbe.WAIT_LOOPS, 8);
    }

    /**
     * Each {@code // KEY: value} marker of the input file must match what the probe recorded at that line: a
     * recorded value equal to the marker's, or (for {@code NAME rest} values) one whose name starts with the
     * marker's name and whose rest is equal. A marker with an empty value wants an empty record.
     */
    private static void assertMarkers(String file, String key, Map<String, List<String>> recorded, int atLeast)
            throws IOException {
        List<String> lines = Files.readAllLines(INPUTS.resolve(file), StandardCharsets.UTF_8);
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (lines.get(i).trim().startsWith("*") || !m.find() || !m.group(1).equals(key)) {
                continue;
            }
            seen++;
            String want = m.group(2).trim();
            List<String> got = recorded.getOrDefault(file + ":" + (i + 1), List.of());
            boolean ok = key.equals("callers hold") || key.equals("around") ? String.join(", ", got).equals(want)
                    : key.equals("threads") ? !got.isEmpty() && got.stream().allMatch(v -> sameThreads(want, v))
                    : got.stream().anyMatch(v -> matches(want, v));
            if (!ok) {
                wrong.add(file + ":" + (i + 1) + ": " + key + " expected '" + want + "' but the layer says " + got);
            }
        }
        assertTrue(seen >= atLeast, "markers '" + key + "' read in " + file + ": " + seen);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static boolean matches(String want, String got) {
        if (want.equals(got)) {
            return true;
        }
        int sp = want.indexOf(' ');
        int gsp = got.indexOf(' ');
        if (sp < 0 || gsp < 0) {
            return false;
        }
        return got.substring(0, gsp).startsWith(want.substring(0, sp)) && got.substring(gsp).equals(want.substring(sp));
    }

    /**
     * {@code lambda$run once, callers / shared} against a recorded value: the same verdict, and runners that
     * match one for one (each marker name a prefix of the recorded name, the same multiplicity).
     */
    private static boolean sameThreads(String want, String got) {
        String[] w = want.split(" / ");
        String[] g = got.split(" / ");
        if (w.length != 2 || g.length != 2 || !w[1].trim().equals(g[1].trim())) {
            return false;
        }
        List<String> wr = Arrays.asList(w[0].trim().split(",\\s*"));
        List<String> gr = Arrays.asList(g[0].trim().split(",\\s*"));
        if (wr.size() != gr.size()) {
            return false;
        }
        List<String> left = new ArrayList<>(gr);
        for (String r : wr) {
            String match = left.stream().filter(x -> r.equals(x) || matches(r, x)).findFirst().orElse(null);
            if (match == null) {
                return false;
            }
            left.remove(match);
        }
        return true;
    }

    private static MethodSummary summary(String method) {
        LayerProbe.Recorded recorded = LayerProbe.RESULTS.get(method);
        assertNotNull(recorded, "no facts recorded for " + method);
        return recorded.summary;
    }

    private static Set<String> describe(Set<LockId> locks) {
        Set<String> out = new HashSet<>();
        for (LockId l : locks) {
            out.add(l.describe());
        }
        return out;
    }

    private static Map<Integer, List<String>> markers(Path source) throws IOException {
        Map<Integer, List<String>> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = HELD.matcher(lines.get(i));
            if (m.find()) {
                String text = m.group(1).trim();
                out.put(i + 1, text.isEmpty() ? List.of()
                        : Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.toList()));
            }
        }
        return out;
    }
}
