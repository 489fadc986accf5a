package io.github.gridlock.detectors.testing;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.FieldAccesses;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.HeldLockSet;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.ProgramFacts;
import io.github.gridlock.detectors.analysis.SharedFields;
import io.github.gridlock.detectors.analysis.ThreadEntries;
import io.github.gridlock.detectors.analysis.ThreadFacts;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Records, while SpotBugs runs, what the analysis layer says about every method of the classes under
 * {@code io.github.gridlock.detectors.inputs}: per method, the locks held at each source line and the summary;
 * per source line ({@code File.java:12}), the calls it runs, its hand-offs and sync points; and, at the end of
 * the analysis, the whole-program facts (thread entries, locks callers hold, {@code @GuardedBy} bindings).
 * Tests read the static maps afterwards.
 */
public class LayerProbe implements Detector {
    private static final String INPUTS = "io.github.gridlock.detectors.inputs.";

    /** Per method ({@code Class.method}): the facts recorded. */
    public static final Map<String, Recorded> RESULTS = new ConcurrentHashMap<>();
    /** Methods (Class.method + descriptor) whose {@link #RETURNED_VALUES} part was built: only those that return a reference. */
    public static final java.util.Set<String> RETURNED_VALUES_BUILT = ConcurrentHashMap.newKeySet();
    /** A family-style part that applies only to methods returning a reference (see SummaryPart.appliesTo). */
    static final io.github.gridlock.detectors.analysis.SummaryPart<String> RETURNED_VALUES =
            new io.github.gridlock.detectors.analysis.SummaryPart<>() {
                @Override
                public Builder<String> builder(MethodFacts facts) {
                    MethodDescriptor md = facts.descriptor();
                    String name = md.getSlashedClassName().substring(md.getSlashedClassName().lastIndexOf('/') + 1)
                            + "." + md.getName();
                    RETURNED_VALUES_BUILT.add(name + md.getSignature());
                    return new Builder<>() {
                        @Override
                        public void visit(io.github.gridlock.detectors.analysis.Step step) {
                        }

                        @Override
                        public String build() {
                            return name;
                        }
                    };
                }

                @Override
                public String empty() {
                    return "";
                }

                @Override
                public boolean appliesTo(MethodDescriptor method) {
                    String sig = method.getSignature();
                    char returned = sig.charAt(sig.indexOf(')') + 1);
                    return returned == 'L' || returned == '[';
                }
            };
    /** Per source line: what each call there runs, as {@code name held: a, b}. */
    public static final Map<String, List<String>> RUNS = new ConcurrentHashMap<>();
    /** Per source line: the sync points there, by kind. */
    public static final Map<String, List<String>> SYNCS = new ConcurrentHashMap<>();
    /** Per source line of a hand-off: the entries it starts, as {@code name once|concurrent}. */
    public static final Map<String, List<String>> ENTRIES = new ConcurrentHashMap<>();
    /** Per source line: the locks every caller holds around the method that line is in. */
    public static final Map<String, List<String>> CALLERS_HOLD = new ConcurrentHashMap<>();
    /** Per source line of a helper: {@code closed: LOCKS | analysed: LOCKS | unnamed: LOCKS} (FieldFacts.heldAroundEvery*). */
    public static final Map<String, List<String>> AROUND = new ConcurrentHashMap<>();
    /** Per source line of an acquisition: the exits through which it leaks ({@code none}, {@code return}, {@code exception}). */
    public static final Map<String, List<String>> LEAKS = new ConcurrentHashMap<>();
    /**
     * Per source line of an acquisition: the holds/releases of the site on the paths that return normally
     * ({@code 0/2, 1/1}), or {@code inexact} when a loop took its counts past what the analysis counts.
     */
    public static final Map<String, List<String>> AT_RETURN = new ConcurrentHashMap<>();
    /** Per source line of an acquisition: {@code boolean} when the method is a boolean acquire of it, else {@code plain}. */
    public static final Map<String, List<String>> CONTRACT = new ConcurrentHashMap<>();
    /** Per source line of a wait: {@code tested} (a loop a condition can leave), {@code untested} or {@code none}. */
    public static final Map<String, List<String>> WAIT_LOOPS = new ConcurrentHashMap<>();
    /** Per source line of a release reached with nothing of it held: {@code unmatched}. */
    public static final Map<String, List<String>> UNMATCHED = new ConcurrentHashMap<>();
    /** Per source line: the loop its first instruction lies on (the lowest block label of the loop), or {@code none}. */
    public static final Map<String, List<String>> LOOPS = new ConcurrentHashMap<>();
    /** Per source line of a lambda: what it captures, as the user reads it. */
    public static final Map<String, List<String>> CAPTURES = new ConcurrentHashMap<>();
    /** Per source line of a field access: the lock its {@code @GuardedBy} names. */
    public static final Map<String, List<String>> GUARDS = new ConcurrentHashMap<>();
    /** Per source line of a field access: its runners and whether a write may overlap it ({@code RUNNERS / shared}). */
    public static final Map<String, List<String>> THREADS = new ConcurrentHashMap<>();
    /** Per source line of a field access: the parameter whose executor runs its method by contract, or "null". */
    public static final Map<String, List<String>> ARGUMENT_THREADS = new ConcurrentHashMap<>();

    /** What one method looked like to the layer. */
    public static final class Recorded {
        /** Source line -> locks held before the first instruction of that line (as HeldLock.toString without pcs). */
        public final Map<Integer, List<String>> heldAtLine = new TreeMap<>();
        public MethodSummary summary;
        /** The {@link #RETURNED_VALUES} part: the method's name when built, "" (empty) when it does not apply. */
        public String returnedValues;
        /** The effects of every concurrency-API entry {@link io.github.gridlock.detectors.analysis.BytecodeScreen} names. */
        public final java.util.Set<String> screenedEffects = new java.util.TreeSet<>();
        /**
         * Per family part screened by its method's code ({@link #SCREENED_PARTS}): {@code applies} or {@code skipped} (what
         * the screen said), then {@code empty} or {@code found} (what the part's walk finds with the screen bypassed).
         */
        public final Map<String, String> screenedParts = new TreeMap<>();
    }

    /** The parts whose {@code appliesTo(MethodFacts)} screen skips their walk, by name. */
    static final Map<String, io.github.gridlock.detectors.analysis.SummaryPart<?>> SCREENED_PARTS = screenedParts();

    private static Map<String, io.github.gridlock.detectors.analysis.SummaryPart<?>> screenedParts() {
        Map<String, io.github.gridlock.detectors.analysis.SummaryPart<?>> out = new TreeMap<>();
        out.put("OwnThreadChecks", io.github.gridlock.detectors.analysis.OwnThreadChecks.PART);
        try {
            // A family part, package-private where it belongs; the probe reads it as the family's detector does.
            java.lang.reflect.Field f = Class.forName("io.github.gridlock.detectors.sharedstate.CheckThenActs")
                    .getDeclaredField("PART");
            f.setAccessible(true);
            out.put("CheckThenActs", (io.github.gridlock.detectors.analysis.SummaryPart<?>) f.get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The same part with its code screen bypassed: cached apart from it, so both are built. */
    private static final Map<String, io.github.gridlock.detectors.analysis.SummaryPart<?>> UNSCREENED = new TreeMap<>();

    private static <T> io.github.gridlock.detectors.analysis.SummaryPart<T> unscreened(
            io.github.gridlock.detectors.analysis.SummaryPart<T> part) {
        return new io.github.gridlock.detectors.analysis.SummaryPart<>() {
            @Override
            public Builder<T> builder(MethodFacts facts) {
                return part.builder(facts);
            }

            @Override
            public T empty() {
                return part.empty();
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void recordScreens(MethodFacts facts, MethodDescriptor md, Recorded recorded) {
        for (Map.Entry<String, io.github.gridlock.detectors.analysis.SummaryPart<?>> e : SCREENED_PARTS.entrySet()) {
            io.github.gridlock.detectors.analysis.SummaryPart part = e.getValue();
            io.github.gridlock.detectors.analysis.SummaryPart bypass;
            synchronized (UNSCREENED) {
                bypass = UNSCREENED.computeIfAbsent(e.getKey(), k -> unscreened(part));
            }
            Object found = analysis.summaries().part(md, bypass);
            recorded.screenedParts.put(e.getKey(), (part.appliesTo(facts) ? "applies" : "skipped")
                    + (found == part.empty() ? " empty" : " found"));
        }
    }

    private GridlockAnalysis analysis;
    private final Map<MethodDescriptor, String> sourceFiles = new ConcurrentHashMap<>();

    public LayerProbe(BugReporter reporter) {
    }

    public static void clear() {
        RESULTS.clear();
        RUNS.clear();
        SYNCS.clear();
        ENTRIES.clear();
        CALLERS_HOLD.clear();
        AROUND.clear();
        GUARDS.clear();
        THREADS.clear();
        LEAKS.clear();
        AT_RETURN.clear();
        CONTRACT.clear();
        WAIT_LOOPS.clear();
        UNMATCHED.clear();
        LOOPS.clear();
        CAPTURES.clear();
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        String className = classContext.getJavaClass().getClassName();
        if (!className.startsWith(INPUTS)) {
            return;
        }
        analysis = GridlockAnalysis.current();
        String file = classContext.getJavaClass().getSourceFileName();
        for (Map.Entry<Method, MethodSummary> e : analysis.summariesOf(classContext).entrySet()) {
            Method method = e.getKey();
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            Recorded recorded = new Recorded();
            recordHeld(facts, recorded);
            recordLoopsAndCaptures(file, facts);
            recorded.summary = e.getValue();
            sourceFiles.put(e.getValue().method(), file);
            recordCalls(file, e.getValue());
            recordAcquireStates(file, analysis.acquireStates(classContext, method));
            recordWaitLoops(file, facts);
            // As the shared-state family does: SharedFields.confinedTo reads only the parts built while visiting.
            analysis.summaries().part(e.getValue().method(), io.github.gridlock.detectors.analysis.OwnThreadChecks.PART);
            recorded.returnedValues = analysis.summaries().part(e.getValue().method(), RETURNED_VALUES);
            recordScreens(facts, e.getValue().method(), recorded);
            io.github.gridlock.detectors.analysis.BytecodeScreen screen =
                    io.github.gridlock.detectors.analysis.BytecodeScreen.of(classContext, method);
            for (io.github.gridlock.detectors.analysis.ConcurrencyApi.Effect effect
                    : io.github.gridlock.detectors.analysis.ConcurrencyApi.Effect.values()) {
                if (screen.callsApi(a -> a.effect() == effect)) {
                    recorded.screenedEffects.add(effect.name());
                }
            }
            RESULTS.put(className.substring(className.lastIndexOf('.') + 1) + "." + method.getName(), recorded);
        }
    }

    private static void recordHeld(MethodFacts facts, Recorded recorded) {
        try {
            for (Location location : facts.locations()) {
                int line = facts.lineOf(location.getHandle().getPosition());
                if (recorded.heldAtLine.containsKey(line)) {
                    continue;
                }
                HeldLockSet held = facts.heldAt(location);
                if (!held.isValid()) {
                    continue;
                }
                recorded.heldAtLine.put(line, names(held.locks()));
            }
        } catch (edu.umd.cs.findbugs.ba.DataflowAnalysisException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void recordLoopsAndCaptures(String file, MethodFacts facts) {
        try {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (Location location : facts.locations()) {
                int line = facts.lineOf(location.getHandle().getPosition());
                if (seen.add(line)) {
                    java.util.BitSet loop = facts.loopOf(location);
                    add(LOOPS, file + ":" + line, loop.isEmpty() ? "none" : facts.method().getName() + "#" + loop.nextSetBit(0));
                }
                if (location.getHandle().getInstruction() instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
                    AccessPath made = facts.pathsAt(nextLocation(facts, location)).getTopValue();
                    if (made.closure() != null) {
                        add(CAPTURES, file + ":" + line, java.util.Arrays.stream(made.closure().captures())
                                .map(AccessPath::describeForUser).collect(Collectors.joining(", ")));
                    }
                }
            }
        } catch (edu.umd.cs.findbugs.ba.DataflowAnalysisException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The location after {@code location} in bytecode order (where what it pushed is on the stack). */
    private static Location nextLocation(MethodFacts facts, Location location) {
        List<Location> all = facts.locations();
        return all.get(all.indexOf(location) + 1);
    }

    private static void recordCalls(String file, MethodSummary summary) {
        for (CallFacts.CallSite site : summary.calls()) {
            add(RUNS, file + ":" + site.line(), site.callee().getName() + " held: " + String.join(", ", names(site.held())));
        }
        for (ThreadFacts.SyncPoint p : summary.threadFacts().syncPoints()) {
            add(SYNCS, file + ":" + p.line(), p.kind().name());
        }
    }

    private static void recordAcquireStates(String file, AcquireStates states) {
        if (states == null) {
            return;
        }
        for (AcquireStates.Site site : states.sites()) {
            TreeSet<String> kinds = new TreeSet<>();
            for (AcquireStates.Exit exit : states.leakingExits(site)) {
                kinds.add(exit.isExceptional() ? "exception" : "return");
            }
            add(LEAKS, file + ":" + site.line(), kinds.isEmpty() ? "none" : String.join(", ", kinds));
        }
        for (AcquireStates.Site site : states.sites()) {
            TreeSet<String> counts = new TreeSet<>();
            for (AcquireStates.Exit exit : states.exits()) {
                for (AcquireStates.PathState s : exit.isExceptional() ? List.<AcquireStates.PathState>of() : exit.states()) {
                    counts.add(s.held(site) + "/" + s.released(site));
                }
            }
            add(AT_RETURN, file + ":" + site.line(), site.hasExactCounts() ? String.join(", ", counts) : "inexact");
            add(CONTRACT, file + ":" + site.line(), states.isBooleanAcquireOf(site) ? "boolean" : "plain");
        }
        for (AcquireStates.UnmatchedRelease r : states.unmatchedReleases()) {
            add(UNMATCHED, file + ":" + r.line(), "unmatched");
        }
    }

    private static void recordWaitLoops(String file, MethodFacts facts) {
        org.apache.bcel.generic.ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        for (Location location : facts.locations()) {
            if (!(location.getHandle().getInstruction() instanceof org.apache.bcel.generic.InvokeInstruction)) {
                continue;
            }
            io.github.gridlock.detectors.analysis.ConcurrencyApi.Entry api = io.github.gridlock.detectors.analysis.ConcurrencyApi
                    .lookup((org.apache.bcel.generic.InvokeInstruction) location.getHandle().getInstruction(), cpg);
            if (api != null && api.effect() == io.github.gridlock.detectors.analysis.ConcurrencyApi.Effect.WAIT_RELEASING) {
                String loop = facts.inLoopWithConditionalExit(location) ? "tested" : facts.inLoop(location) ? "untested" : "none";
                add(WAIT_LOOPS, file + ":" + facts.lineOf(location.getHandle().getPosition()), loop);
            }
        }
    }

    private static List<String> names(List<HeldLock> held) {
        List<String> names = new ArrayList<>();
        for (HeldLock h : held) {
            names.add(h.lock().describe() + (h.count() > 1 ? " x" + h.count() : "") + (h.isOnSomePathsOnly() ? " ?" : ""));
        }
        return names;
    }

    private static void add(Map<String, List<String>> map, String key, String value) {
        map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    @Override
    public void report() {
        if (analysis == null) {
            return;
        }
        ThreadEntries entries = analysis.threadEntries();
        for (ThreadEntries.Entry entry : entries.entries().values()) {
            for (ProgramFacts.HandoffSite site : entry.sites()) {
                String file = sourceFiles.get(site.creator());
                if (file != null) {
                    add(ENTRIES, file + ":" + site.handoff().line(), entry.method().getName() + " "
                            + (entry.mayRunConcurrentlyWithItself() ? "concurrent" : "once"));
                }
            }
        }
        FieldFacts fields = analysis.fieldFacts();
        for (Map.Entry<MethodDescriptor, String> m : sourceFiles.entrySet()) {
            List<String> held = analysis.fieldFacts().heldByEveryCaller(m.getKey()).stream().map(LockId::describe)
                    .sorted().collect(Collectors.toList());
            MethodSummary summary = analysis.program().summaryOf(m.getKey());
            for (int line : linesOf(summary)) {
                CALLERS_HOLD.put(m.getValue() + ":" + line, held);
                AROUND.put(m.getValue() + ":" + line, List.of(("closed: "
                        + describe(fields.heldAroundEveryCallOfClosed(m.getKey())) + " | analysed: "
                        + describe(fields.heldAroundEveryAnalysedCall(m.getKey())) + " | unnamed: "
                        + describe(fields.heldAroundEveryCallOfClosedOrUnnamed(m.getKey()))).trim()));
            }
        }
        for (XField field : fields.fields()) {
            for (FieldFacts.Use use : fields.usesOf(field)) {
                String file = sourceFiles.get(use.method());
                AccessPath guard = fields.guardFor(field, use.access().base());
                if (file != null && guard != null) {
                    add(GUARDS, file + ":" + use.access().line(), guard.describe());
                }
                if (file != null) {
                    add(THREADS, file + ":" + use.access().line(), threads(analysis.sharedFields(), use));
                    add(ARGUMENT_THREADS, file + ":" + use.access().line(),
                            String.valueOf(analysis.sharedFields().argumentThread(use.method())));
                }
            }
        }
    }

    private static String describe(java.util.Set<LockId> locks) {
        return locks.stream().map(LockId::describe).sorted().collect(Collectors.joining(", "));
    }

    /** {@code lambda$x$0 once, callers / shared}: the runners of the access's method, sorted, and the overlap verdict. */
    private static String threads(SharedFields shared, FieldFacts.Use use) {
        String runners = shared.runnersOf(use.method()).stream().map(SharedFields.Runner::toString).sorted()
                .collect(Collectors.joining(", "));
        return runners + " / " + (shared.overlappingWrites(use, false).isEmpty() ? "unshared" : "shared");
    }

    private static TreeSet<Integer> linesOf(MethodSummary summary) {
        TreeSet<Integer> lines = new TreeSet<>();
        for (FieldAccesses.Access a : summary.fieldAccesses().accesses()) {
            lines.add(a.line());
        }
        return lines;
    }
}
