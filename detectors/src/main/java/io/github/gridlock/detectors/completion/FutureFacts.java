package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.CalleeCall;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.Step;
import io.github.gridlock.detectors.analysis.SummaryPart;
import org.apache.bcel.Const;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a method returns the Future of work it submits ({@code Future<?> async(Runnable r) { return
 * pool.submit(r); }}), directly or through such a helper: its callers then hold that Future and may drop it.
 */
final class FutureFacts {
    static final FutureFacts NONE = new FutureFacts(false);

    static final SummaryPart<FutureFacts> PART = new SummaryPart<>() {
        @Override
        public Builder<FutureFacts> builder(MethodFacts facts) {
            return new FutureBuilder();
        }

        @Override
        public FutureFacts empty() {
            return NONE;
        }

        /**
         * A method whose declared return type no Future can be returned as (void, a primitive, {@code String}, a
         * collection...) returns no Future: its facts are {@link #NONE} without building them.
         */
        @Override
        public boolean appliesTo(edu.umd.cs.findbugs.classfile.MethodDescriptor method) {
            String signature = method.getSignature();
            String returned = signature.substring(signature.indexOf(')') + 1);
            if (returned.startsWith("[")) {
                return true;
            }
            return returned.startsWith("L") && mayHoldFuture(returned.substring(1, returned.length() - 1).replace('/', '.'));
        }
    };

    /** The JDK's Future types and the classes its executors return them as: a type one of them fits is a Future's. */
    private static final List<String> FUTURE_INTERFACES = List.of("java.util.concurrent.Future", "java.util.concurrent.CompletionStage");
    private static final List<String> FUTURE_CLASSES = List.of("java.util.concurrent.CompletableFuture",
            "java.util.concurrent.ScheduledFuture", "java.util.concurrent.FutureTask", "java.util.concurrent.ForkJoinTask");

    /** Whether a value of declared type {@code type} can be a Future: a Future type itself, or one a Future fits. */
    private static boolean mayHoldFuture(String type) {
        for (String future : FUTURE_INTERFACES) {
            if (ConcurrencyApi.isSubtype(type, future)) {
                return true;
            }
        }
        for (String future : FUTURE_CLASSES) {
            if (ConcurrencyApi.isSubtype(future, type)) {
                return true;
            }
        }
        return false;
    }

    private final boolean returnsSubmitted;

    private FutureFacts(boolean returnsSubmitted) {
        this.returnsSubmitted = returnsSubmitted;
    }

    /** True when some return of the method returns the Future of work it (or a helper) submitted. */
    boolean returnsSubmittedFuture() {
        return returnsSubmitted;
    }

    private static final class FutureBuilder implements SummaryPart.Builder<FutureFacts> {
        private final Set<Integer> submits = new HashSet<>();
        private final List<AccessPath> returned = new ArrayList<>();

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            if (step.opcode() == Const.ARETURN) {
                returned.add(step.frame().getTopValue());
                return;
            }
            if (step.call() == null) {
                return;
            }
            ConcurrencyApi.Entry api = step.api();
            if (api != null) {
                if (api.futureUse() == ConcurrencyApi.FutureUse.RETURNS) {
                    submits.add(step.pc());
                }
                return;
            }
            for (CalleeCall c : step.effects().callees()) {
                if (c.isMonomorphic() && c.via() == null
                        && GridlockAnalysis.current().summaries().part(c.target(), PART).returnsSubmittedFuture()) {
                    submits.add(step.pc());
                }
            }
        }

        @Override
        public FutureFacts build() {
            for (AccessPath p : returned) {
                if (p.kind() == AccessPath.Kind.RESULT && submits.contains(p.index())) {
                    return new FutureFacts(true);
                }
            }
            return NONE;
        }
    }
}
