package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodSummaries;
import io.github.gridlock.detectors.analysis.Step;
import io.github.gridlock.detectors.analysis.SummaryPart;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The waiters a method signals on some path ({@code countDown()}, {@code complete}, {@code completeExceptionally},
 * ...), in its own terms ({@code this.future}, a parameter): a family summary part, cached per method. With
 * {@link #signalsWithin} a caller asks whether a call it makes signals one of its waiters, the callee itself or one
 * level further down (a catch handler's {@code handleError(e)} that completes the future exceptionally, or retries).
 */
final class SignalledWaiters {
    static final SummaryPart<SignalledWaiters> PART = new SummaryPart<>() {
        @Override
        public Builder<SignalledWaiters> builder(MethodFacts facts) {
            Set<AccessPath> waiters = new LinkedHashSet<>();
            return new Builder<>() {
                @Override
                public void visit(Step step) throws DataflowAnalysisException {
                    ConcurrencyApi.Entry api = step.api();
                    if (api != null && CompletionSignalDetector.isSignal(api)) {
                        AccessPath receiver = step.receiver();
                        if (receiver != null && receiver.isStable()) {
                            waiters.add(receiver);
                        }
                    }
                }

                @Override
                public SignalledWaiters build() {
                    return new SignalledWaiters(Set.copyOf(waiters));
                }
            };
        }

        @Override
        public SignalledWaiters empty() {
            return NONE;
        }
    };

    private static final SignalledWaiters NONE = new SignalledWaiters(Set.of());

    private final Set<AccessPath> waiters;

    private SignalledWaiters(Set<AccessPath> waiters) {
        this.waiters = waiters;
    }

    /**
     * True when {@code method} signals {@code waiter} (in its terms) on some path, itself or through the analysed
     * methods it calls, up to {@code depth} methods deep (1: the method itself).
     */
    static boolean signalsWithin(MethodSummaries summaries, MethodDescriptor method, AccessPath waiter, int depth) {
        if (summaries.part(method, PART).waiters.contains(waiter)) {
            return true;
        }
        if (depth <= 1) {
            return false;
        }
        for (CallFacts.CallSite site : summaries.summaryOf(method).calls()) {
            AccessPath inCallee = site.invocation().inTargetTerms(waiter);
            if (inCallee != null && signalsWithin(summaries, site.callee(), inCallee, depth - 1)) {
                return true;
            }
        }
        return false;
    }
}
