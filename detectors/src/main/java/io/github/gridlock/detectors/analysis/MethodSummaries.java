package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes and caches method summaries: the driver that walks a method's code once, builds a {@link Step} per
 * location (with what each call runs resolved once by {@link CallResolver}), and feeds every summary part's
 * builder. The layer's own parts make up {@link MethodSummary}; a family's parts ({@link #part}) are built by
 * the same driver and cached on their own.
 *
 * <p>A summary is computed the first time any detector asks for it and reused for the rest of the analysis.
 * Recursion in the call graph is cut: a method that is (indirectly) asked for its own summary while computing
 * it sees an empty summary for that call, and call chains deeper than {@link #MAX_DEPTH} are not followed; both
 * only lose findings.
 */
public final class MethodSummaries implements CalleeEffects {
    static final int MAX_DEPTH = 40;
    /**
     * How many classes' method descriptors are remembered: a summary's call chain runs through up to {@link #MAX_DEPTH}
     * methods, and each class forgotten on the way costs a descriptor for every one of its methods when it is asked again.
     */
    private static final int RECENT_CLASSES = 256;
    /** Longest call chain through which a callee's blocking call is charged to its caller. */
    public static final int MAX_BLOCKING_DEPTH = BlockingFacts.MAX_BLOCKING_DEPTH;

    private final Map<MethodDescriptor, MethodSummary> summaries = new HashMap<>();
    private final Map<SummaryPart<?>, Map<MethodDescriptor, Object>> familyParts = new HashMap<>();
    private final Set<Object> inProgress = new HashSet<>();
    private final Set<ClassDescriptor> visitedClasses = new HashSet<>();
    /** The methods of the last few classes (see {@link #methodsOf}), least recently used first. */
    private final Map<ClassDescriptor, ClassMethods> recentClasses =
            new java.util.LinkedHashMap<ClassDescriptor, ClassMethods>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ClassDescriptor, ClassMethods> eldest) {
                    return size() > RECENT_CLASSES;
                }
            };
    private final CallGraph callGraph;
    private final Getters getters;
    private final AnalysisFailures failures;
    private final CallResolver resolver;
    private final QueueCapacity queues;
    private int depth;

    MethodSummaries(CallGraph callGraph, Getters getters, AnalysisFailures failures) {
        this.callGraph = callGraph;
        this.getters = getters;
        this.failures = failures;
        this.resolver = new CallResolver(this, callGraph);
        this.queues = new QueueCapacity(failures);
    }

    QueueCapacity queues() {
        return queues;
    }

    Getters getters() {
        return getters;
    }

    /** The summary of an analysed method; an empty one if it has no code or cannot be analysed. */
    public MethodSummary summaryOf(MethodDescriptor method) {
        MethodSummary cached = summaries.get(method);
        if (cached != null) {
            return cached;
        }
        if (!enter(method)) {
            return MethodSummary.EMPTY;
        }
        try {
            MethodSummary summary = compute(method);
            summaries.put(method, summary);
            return summary;
        } finally {
            leave(method);
        }
    }

    /**
     * A detector family's own summary part of {@code method}, built by the same driver as the layer's parts
     * and cached per part; {@link SummaryPart#empty()} when the method has no code or cannot be analysed.
     */
    @SuppressWarnings("unchecked")
    public <T> T part(MethodDescriptor method, SummaryPart<T> part) {
        if (!part.appliesTo(method)) {
            return part.empty();
        }
        Map<MethodDescriptor, Object> cache = familyParts.computeIfAbsent(part, p -> new HashMap<>());
        Object cached = cache.get(method);
        if (cached != null) {
            return (T) cached;
        }
        List<Object> key = List.of(part, method);
        if (!enter(key)) {
            return part.empty();
        }
        try {
            MethodFacts facts = factsOf(method);
            T built = part.empty();
            if (facts != null && part.appliesTo(facts)) {
                try {
                    List<SummaryPart.Builder<?>> builders = List.of(part.builder(facts));
                    walk(facts, builders);
                    built = (T) builders.get(0).build();
                } catch (DataflowAnalysisException | RuntimeException e) {
                    failures.methodFailed(method, e);
                }
            }
            cache.put(method, built);
            return built;
        } finally {
            leave(key);
        }
    }

    /**
     * The part of {@code method} if some detector already built it (through {@link #part}), else {@code part.empty()}:
     * for questions asked in {@code Detector.report()}, which must not analyse code again (a class SpotBugs could not
     * analyse would be reported a second time, as Gridlock's failure).
     */
    @SuppressWarnings("unchecked")
    public <T> T builtPart(MethodDescriptor method, SummaryPart<T> part) {
        Map<MethodDescriptor, Object> cache = familyParts.get(part);
        Object cached = cache == null ? null : cache.get(method);
        return cached == null ? part.empty() : (T) cached;
    }

    private boolean enter(Object key) {
        if (depth >= MAX_DEPTH || !inProgress.add(key)) {
            return false;
        }
        depth++;
        return true;
    }

    private void leave(Object key) {
        depth--;
        inProgress.remove(key);
    }

    /** Number of summaries computed so far (for tests and benchmarks). */
    public int size() {
        return summaries.size();
    }

    @Override
    public MethodSummary summaryForCall(InvokeInstruction call, ConstantPoolGen cpg) {
        List<MethodDescriptor> targets = callGraph.targets(call, cpg);
        return targets.size() == 1 ? summaryOf(targets.get(0)) : null;
    }

    /**
     * The locks every target returns holding or releases for its caller. Every target's summary is computed even once
     * the answer is known to be empty, so that which summaries exist does not depend on the order of the targets.
     */
    @Override
    public LockEffects lockEffectsOf(InvokeInstruction call, ConstantPoolGen cpg) {
        List<MethodDescriptor> targets = callGraph.targets(call, cpg);
        if (targets.isEmpty()) {
            return null;
        }
        Set<LockId> holding = null;
        Set<LockId> releasing = null;
        for (MethodDescriptor t : targets) {
            MethodSummary s = summaryOf(t);
            if (holding == null) {
                holding = s.returnsHolding();
                releasing = s.releasesCallersLocks();
            } else {
                holding = common(holding, s.returnsHolding());
                releasing = common(releasing, s.releasesCallersLocks());
            }
        }
        return holding.isEmpty() && releasing.isEmpty() ? LockEffects.NONE : new LockEffects(holding, releasing);
    }

    /** The locks of {@code a} also in {@code b}, in {@code a}'s order; {@code a} itself when that is all of it. */
    private static Set<LockId> common(Set<LockId> a, Set<LockId> b) {
        if (a.isEmpty() || b.containsAll(a)) {
            return a;
        }
        Set<LockId> out = new java.util.LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    /** The facts of one method, computed with this analysis' callee effects; null when there is no code. */
    public MethodFacts factsOf(ClassContext classContext, Method method) {
        return factsOf(classContext, method, false);
    }

    /**
     * As {@link #factsOf(ClassContext, Method)}; with {@code forSummaryOnly}, facts that are not cached are computed
     * on a CFG SpotBugs has not pruned ({@link MethodFacts#computeForSummary}) and not cached either.
     */
    private MethodFacts factsOf(ClassContext classContext, Method method, boolean forSummaryOnly) {
        MethodDescriptor md = descriptor(classContext, method);
        Object cached = classContext.getMethodAnalysis(MethodFacts.class, md);
        if (cached instanceof MethodFacts) {
            return (MethodFacts) cached;
        }
        if (method.getCode() == null) {
            return null;
        }
        try {
            if (forSummaryOnly) {
                return MethodFacts.computeForSummary(classContext, method, getters, this);
            }
            MethodFacts facts = MethodFacts.compute(classContext, method, getters, this);
            if (facts != null) {
                classContext.putMethodAnalysis(MethodFacts.class, md, facts);
            }
            return facts;
        } catch (CFGBuilderException | DataflowAnalysisException | RuntimeException e) {
            failures.methodFailed(classContext.getJavaClass().getClassName(), method, e);
            return null;
        }
    }

    /**
     * As {@link #descriptorOf}, remembered for the methods of the last few classes: detectors ask for the facts and
     * summary of every method one after another, and SpotBugs' descriptor factory builds and interns a new key each time.
     */
    MethodDescriptor descriptor(ClassContext classContext, Method method) {
        return methodsOf(classContext).descriptors.computeIfAbsent(method, m -> descriptorOf(classContext, m));
    }

    /** The method of the class that {@code md} names, or null. */
    private Method methodOf(ClassContext classContext, MethodDescriptor md) {
        ClassMethods known = methodsOf(classContext);
        if (known.byDescriptor == null) {
            known.byDescriptor = new HashMap<>();
            for (Method m : known.read.getMethods()) {
                known.byDescriptor.putIfAbsent(descriptor(classContext, m), m);
            }
        }
        return known.byDescriptor.get(md);
    }

    /** What is remembered of the class's methods, afresh when SpotBugs has read its class file again. */
    private ClassMethods methodsOf(ClassContext classContext) {
        ClassMethods known = recentClasses.get(classContext.getClassDescriptor());
        if (known == null || known.read != classContext.getJavaClass()) {
            known = new ClassMethods(classContext.getJavaClass());
            recentClasses.put(classContext.getClassDescriptor(), known);
        }
        return known;
    }

    /** A class file's methods by descriptor and the other way round, each filled when first asked. */
    private static final class ClassMethods {
        final org.apache.bcel.classfile.JavaClass read;
        final Map<Method, MethodDescriptor> descriptors = new java.util.IdentityHashMap<>();
        Map<MethodDescriptor, Method> byDescriptor;

        ClassMethods(org.apache.bcel.classfile.JavaClass read) {
            this.read = read;
        }
    }

    static MethodDescriptor descriptorOf(ClassContext classContext, Method method) {
        return DescriptorFactory.instance().getMethodDescriptor(classContext.getClassDescriptor().getClassName(),
                method.getName(), method.getSignature(), method.isStatic());
    }

    private MethodFacts factsOf(MethodDescriptor md) {
        return factsOf(md, false);
    }

    private MethodFacts factsOf(MethodDescriptor md, boolean forSummaryOnly) {
        ClassDescriptor visited = visitedClass(md);
        keepCached(visited);
        ClassContext classContext;
        try {
            classContext = Global.getAnalysisCache().getClassAnalysis(ClassContext.class, md.getClassDescriptor());
        } catch (CheckedAnalysisException | RuntimeException e) {
            failures.classFailed(md.getClassDescriptor().getDottedClassName(), e);
            return null;
        }
        try {
            Method m = methodOf(classContext, md);
            return m == null ? null : factsOf(classContext, m, forSummaryOnly);
        } finally {
            keepCached(visited);
        }
    }

    /**
     * Whether SpotBugs has begun visiting {@code cls}. A callee in a class it has not reached is summarised before
     * its class is visited, and SpotBugs keeps too few class contexts for that method's CFG and dataflows to
     * survive until then: they would be built twice, and the summary is all that is wanted of them now.
     */
    private boolean visitedOrBeingVisited(ClassDescriptor cls) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        ClassDescriptor current = context == null ? null : context.getClassBeingAnalyzed();
        if (current != null) {
            visitedClasses.add(current);
        }
        return current == null || visitedClasses.contains(cls);
    }

    /**
     * The class SpotBugs is visiting, when {@code callee} lies in another one; else null. Summarising a callee
     * opens its class's {@link ClassContext}, and SpotBugs caches only the ten most recently used: a call chain
     * through ten other classes would drop the visited class's context, with every CFG and dataflow of its
     * methods, and the detectors that visit the class after this one would build them all again.
     */
    private static ClassDescriptor visitedClass(MethodDescriptor callee) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        ClassDescriptor visited = context == null ? null : context.getClassBeingAnalyzed();
        return visited == null || visited.equals(callee.getClassDescriptor()) ? null : visited;
    }

    /** Marks the visited class's context as just used, so that SpotBugs' cache keeps it (see {@link #visitedClass}). */
    private void keepCached(ClassDescriptor visited) {
        if (visited == null) {
            return;
        }
        try {
            Global.getAnalysisCache().getClassAnalysis(ClassContext.class, visited);
        } catch (CheckedAnalysisException | RuntimeException e) {
            failures.classFailed(visited.getDottedClassName(), e);
        }
    }

    private MethodSummary compute(MethodDescriptor md) {
        MethodFacts facts = factsOf(md, !visitedOrBeingVisited(md.getClassDescriptor()));
        if (facts == null) {
            return MethodSummary.EMPTY;
        }
        List<SummaryPart.Builder<?>> builders = List.of(CallFacts.PART.builder(facts), LockFacts.PART.builder(facts),
                BlockingFacts.PART.builder(facts), ThreadFacts.PART.builder(facts), FieldAccesses.PART.builder(facts));
        try {
            walk(facts, builders);
        } catch (DataflowAnalysisException | RuntimeException e) {
            failures.methodFailed(md, e);
            return MethodSummary.EMPTY;
        }
        return new MethodSummary(md, (CallFacts) builders.get(0).build(), (LockFacts) builders.get(1).build(),
                (BlockingFacts) builders.get(2).build(), (ThreadFacts) builders.get(3).build(),
                (FieldAccesses) builders.get(4).build());
    }

    /** The driver: every reachable location in bytecode order, one {@link Step} shared by all builders. */
    private void walk(MethodFacts facts, List<SummaryPart.Builder<?>> builders) throws DataflowAnalysisException {
        // Indexed loops: an iterator per location and builder list was a sixth of the walk's allocation.
        SummaryPart.Builder<?>[] each = builders.toArray(new SummaryPart.Builder<?>[0]);
        List<Location> locations = facts.locations();
        for (int i = 0, n = locations.size(); i < n; i++) {
            Location location = locations.get(i);
            if (!facts.analysedIn(location.getBasicBlock())) {
                continue;
            }
            Step step = new Step(facts, location, resolver);
            for (SummaryPart.Builder<?> b : each) {
                b.visit(step);
            }
        }
    }

    /** For tests: the methods that could not be analysed. */
    List<String> failedMethods() {
        return new ArrayList<>(failures.failed());
    }
}
