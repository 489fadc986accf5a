package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the layer knows of the values in methods' code, read once per analysis for every family that asks: the branches
 * on parameters and constant arguments of each method ({@link ParamBranches}), the static constants they compare with
 * ({@link StaticConstants}), and which calls return a fresh, unpublished object ({@link FreshResults}). Each is a fact of
 * the bytecode alone, so one table serves every walk (the cycle search, the blocking check, a helper's own reach).
 */
public final class ValueFacts {
    private final MethodSummaries summaries;
    private final Map<MethodDescriptor, ParamBranches> branches = new HashMap<>();
    private final Set<MethodDescriptor> branchesInProgress = new HashSet<>();
    private final StaticConstants constants = new StaticConstants();
    private FreshResults freshResults;

    ValueFacts(MethodSummaries summaries) {
        this.summaries = summaries;
    }

    /** The branches and constant arguments of {@code method}; {@link ParamBranches#NONE} when nothing is known. */
    public ParamBranches branchesOf(MethodDescriptor method) {
        ParamBranches b = branches.get(method);
        if (b == null) {
            if (!branchesInProgress.add(method)) {
                return ParamBranches.NONE; // a helper whose result its own callee tests: nothing known of it yet
            }
            try {
                b = ParamBranches.of(method, constants, this::branchesOf);
            } finally {
                branchesInProgress.remove(method);
            }
            branches.put(method, b);
        }
        return b;
    }

    /**
     * Whether the call at {@code pc} of {@code caller} returns an object that it (or a factory it calls) has just made
     * and not published: every analysed target does, and no code nobody analysed may run there.
     */
    public boolean isFreshResult(MethodDescriptor caller, int pc) {
        if (freshResults == null) {
            freshResults = new FreshResults(this::analysedTargets);
        }
        return freshResults.isFreshResult(caller, pc);
    }

    /** The analysed targets of the direct call at {@code pc}; null when there is none or code nobody analysed may run. */
    private List<MethodDescriptor> analysedTargets(MethodDescriptor caller, int pc) {
        List<MethodDescriptor> out = new ArrayList<>();
        for (CallFacts.CallSite c : summaries.summaryOf(caller).calls()) {
            if (c.pc() == pc && c.via() == null) {
                if (c.isOpenWorld()) {
                    return null;
                }
                out.add(c.callee());
            }
        }
        return out.isEmpty() ? null : out;
    }
}
