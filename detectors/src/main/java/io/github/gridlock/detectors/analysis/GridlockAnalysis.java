package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.Method;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry point of the shared layer: one instance per SpotBugs analysis, kept as a database in
 * the analysis cache (never in a static field: IDEs run many analyses in one JVM, and state must not
 * leak from one project into the next). Detectors ask it for facts and summaries; it reports nothing.
 */
public final class GridlockAnalysis {
    private final AnalysisFailures failures = new AnalysisFailures();
    private final CallGraph callGraph = new CallGraph(failures);
    private final Getters getters = new Getters(failures);
    private final MethodSummaries summaries = new MethodSummaries(callGraph, getters, failures);
    private final ProgramFacts program = new ProgramFacts(summaries);
    private ThreadEntries threadEntries;
    private FieldFacts fieldFacts;
    private SharedFields sharedFields;
    private ValueFacts valueFacts;
    private final ClassFiles.Pools pools = new ClassFiles.Pools();

    /** The instance of the analysis that is running now. */
    public static GridlockAnalysis current() {
        IAnalysisCache cache = Global.getAnalysisCache();
        GridlockAnalysis analysis = cache.getOptionalDatabase(GridlockAnalysis.class);
        if (analysis == null) {
            analysis = new GridlockAnalysis();
            cache.eagerlyPutDatabase(GridlockAnalysis.class, analysis);
        }
        return analysis;
    }

    Getters getters() {
        return getters;
    }

    public CallGraph callGraph() {
        return callGraph;
    }

    public MethodSummaries summaries() {
        return summaries;
    }

    /** Where every failure to analyse a method or class goes (see {@link AnalysisFailures}). */
    public AnalysisFailures failures() {
        return failures;
    }

    /** Whole-program facts: callers, hand-offs, the classes collected so far. */
    public ProgramFacts program() {
        return program;
    }

    /** The thread entries of the program (see {@link ThreadEntries}). */
    public ThreadEntries threadEntries() {
        threadEntries = ThreadEntries.of(program, threadEntries);
        return threadEntries;
    }

    /** Per-field facts of the program (see {@link FieldFacts}). */
    public FieldFacts fieldFacts() {
        fieldFacts = FieldFacts.of(program, getters, fieldFacts);
        return fieldFacts;
    }

    /** Which threads run which code, and which field accesses may overlap (see {@link SharedFields}). */
    public SharedFields sharedFields() {
        sharedFields = SharedFields.of(program, threadEntries(), fieldFacts(), summaries, sharedFields);
        return sharedFields;
    }

    ClassFiles.Pools pools() {
        return pools;
    }

    /** What is known of the values in methods' code (see {@link ValueFacts}); made when first asked. */
    public ValueFacts valueFacts() {
        if (valueFacts == null) {
            valueFacts = new ValueFacts(summaries);
        }
        return valueFacts;
    }

    /** Facts of a method being visited; null when it has no code or cannot be analysed. */
    public MethodFacts facts(ClassContext classContext, Method method) {
        return summaries.factsOf(classContext, method);
    }

    /**
     * Path states per acquisition site of a method (see {@link AcquireStates}); null when it has no code or
     * cannot be analysed.
     */
    public AcquireStates acquireStates(ClassContext classContext, Method method) {
        MethodDescriptor md = summaries.descriptor(classContext, method);
        Object cached = classContext.getMethodAnalysis(AcquireStates.class, md);
        if (cached instanceof AcquireStates) {
            return (AcquireStates) cached;
        }
        MethodFacts facts = facts(classContext, method);
        if (facts == null) {
            return null;
        }
        try {
            AcquireStates states = AcquireStates.analyze(facts, getters, summaries);
            classContext.putMethodAnalysis(AcquireStates.class, md, states);
            return states;
        } catch (edu.umd.cs.findbugs.ba.CFGBuilderException | edu.umd.cs.findbugs.ba.DataflowAnalysisException
                | RuntimeException e) {
            failures.methodFailed(classContext.getJavaClass().getClassName(), method, e);
            return null;
        }
    }

    public MethodSummary summary(ClassContext classContext, Method method) {
        return summaries.summaryOf(summaries.descriptor(classContext, method));
    }

    /** Summaries of every method with code in the class, in declaration order; the class joins {@link #program()}. */
    public Map<Method, MethodSummary> summariesOf(ClassContext classContext) {
        program.collect(classContext);
        Map<Method, MethodSummary> out = new LinkedHashMap<>();
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() != null) {
                MethodSummary summary = summary(classContext, method);
                if (summary.method() != null) {
                    out.put(method, summary);
                }
            }
        }
        return out;
    }

    public MethodSummary summary(MethodDescriptor method) {
        return summaries.summaryOf(method);
    }
}
