package io.github.gridlock.detectors.lifecycle;

import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodSummaries;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.PathSetAnalysis;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.List;

/**
 * Which threads may have been started on some path to each point: by {@code start()} here, by a
 * called method that starts them (a helper, or a constructor that calls {@code start()}), or because
 * the code runs on them ({@code run()} of a Thread subclass runs on {@code this}).
 */
final class StartedThreadsAnalysis extends PathSetAnalysis {
    private final MethodSummaries summaries;
    private final boolean runsOnThis;

    StartedThreadsAnalysis(MethodFacts facts, MethodSummaries summaries, boolean runsOnThis) throws CFGBuilderException {
        super(facts);
        this.summaries = summaries;
        this.runsOnThis = runsOnThis;
    }

    @Override
    protected void initial(PathSet entry) {
        if (runsOnThis) {
            entry.add(AccessPath.THIS);
        }
    }

    @Override
    protected void gen(Location location, AccessPathFrame frame, PathSet fact) throws DataflowAnalysisException {
        if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return;
        }
        InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        AccessPath receiver = frame.receiver(call, cpg);
        ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
        if (api != null) {
            if (api.effect() == ConcurrencyApi.Effect.STARTS_THREAD) {
                fact.add(receiver);
            }
            return;
        }
        MethodSummary callee = summaries.summaryForCall(call, cpg);
        if (callee == null) {
            return;
        }
        AccessPath[] args = frame.arguments(call, cpg);
        List<AccessPath> reassigned = new ArrayList<>();
        for (AccessPath a : callee.assigns()) {
            reassigned.add(a.substitute(receiver, args));
        }
        killUnder(fact, reassigned);
        for (AccessPath started : callee.startsThreads()) {
            fact.add(started.substitute(receiver, args));
        }
    }
}
