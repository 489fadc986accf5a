package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary part for calls: every analysed method a method runs on its own thread, with the locks held
 * at each (direct calls, and lambdas run for it by execute-around helpers), and the uses it makes of the
 * functional objects it is given as parameters.
 */
public final class CallFacts {
    static final SummaryPart<CallFacts> PART = new SummaryPart<>() {
        @Override
        public Builder<CallFacts> builder(MethodFacts facts) {
            return new CallBuilder();
        }

        @Override
        public CallFacts empty() {
            return EMPTY;
        }
    };
    static final CallFacts EMPTY = new CallFacts(List.of(), List.of());

    /** A call site's run of one analysed method. */
    public static final class CallSite {
        private final CalleeCall call;
        private final int pc;
        private final int line;

        CallSite(CalleeCall call, int pc, int line) {
            this.call = call;
            this.pc = pc;
            this.line = line;
        }

        /**
         * True when the site runs exactly this method (one analysed target, or a known lambda). Facts that
         * make findings on their own (a lock-order edge, a blocking call) follow only such calls: with
         * several possible targets the analysis would be guessing which one runs, and decorator chains
         * ({@code in.read()} in a stream wrapping another) turn such guesses into false cycles.
         */
        public boolean isMonomorphic() {
            return call.isMonomorphic();
        }

        /** See {@link CalleeCall#isOpenWorld()}. */
        public boolean isOpenWorld() {
            return call.isOpenWorld();
        }

        public MethodDescriptor callee() {
            return call.target();
        }

        /** The execute-around helper that runs the callee (a lambda) for this method, or null for a direct call. */
        public MethodDescriptor via() {
            return call.via();
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        /** Locks held when the callee runs, outermost first. */
        public List<HeldLock> held() {
            return call.held();
        }

        /** The callee's receiver in the caller's terms; null for static callees. */
        public AccessPath receiver() {
            return call.receiver();
        }

        public AccessPath[] arguments() {
            return call.arguments();
        }

        /** The call as an {@link Invocation}, to map callee facts into the caller. */
        public Invocation invocation() {
            return call;
        }
    }

    private final List<CallSite> calls;
    private final List<ParameterUse> parameterRuns;

    private CallFacts(List<CallSite> calls, List<ParameterUse> parameterRuns) {
        this.calls = List.copyOf(calls);
        this.parameterRuns = List.copyOf(parameterRuns);
    }

    public List<CallSite> calls() {
        return calls;
    }

    /** Functional parameters the method runs on its own thread (directly or through helpers), with the locks held. */
    public List<ParameterUse> parameterRuns() {
        return parameterRuns;
    }

    private static final class CallBuilder implements SummaryPart.Builder<CallFacts> {
        private final List<CallSite> calls = new ArrayList<>();
        private final List<ParameterUse> runs = new ArrayList<>();

        @Override
        public void visit(Step step) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
            if (step.call() == null) {
                return;
            }
            CallEffects effects = step.effects();
            for (CalleeCall c : effects.callees()) {
                calls.add(new CallSite(c, step.pc(), step.line()));
            }
            for (ParameterUse use : effects.parameterUses()) {
                if (use.otherThread() == null) {
                    runs.add(use);
                }
            }
        }

        @Override
        public CallFacts build() {
            return new CallFacts(calls, runs);
        }
    }
}
