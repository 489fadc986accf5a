package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.Method;

/**
 * The entry point of the shared layer: one instance per SpotBugs analysis, kept as a database in
 * the analysis cache (never in a static field: IDEs run many analyses in one JVM, and state must not
 * leak from one project into the next). Detectors ask it for facts and summaries; it reports nothing.
 */
public final class GridlockAnalysis {
    private final CallGraph callGraph = new CallGraph();
    private final Getters getters = new Getters();
    private final MethodSummaries summaries = new MethodSummaries(callGraph, getters);

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

    public CallGraph callGraph() {
        return callGraph;
    }

    public MethodSummaries summaries() {
        return summaries;
    }

    /** Facts of a method being visited; null when it has no code or cannot be analysed. */
    public MethodFacts facts(ClassContext classContext, Method method) {
        return summaries.factsOf(classContext, method);
    }

    public MethodSummary summary(ClassContext classContext, Method method) {
        return summaries.summaryOf(MethodSummaries.descriptorOf(classContext, method));
    }

    /** Summaries of every method with code in the class, in declaration order. */
    public java.util.Map<Method, MethodSummary> summariesOf(ClassContext classContext) {
        java.util.Map<Method, MethodSummary> out = new java.util.LinkedHashMap<>();
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
