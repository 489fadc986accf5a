package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.Step;
import io.github.gridlock.detectors.analysis.SummaryPart;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls of a method that the analysis cannot follow because no analysed method is their target: calls into
 * the other modules of a build (on the aux classpath), and interface calls whose implementations live elsewhere.
 * Within one module they end the analysis' view; {@link LockGraphExport} writes them out, with the locks held at
 * each, so that a merge of several modules' exports can follow them into the module that has their code.
 * JDK methods are left out: no module of a build implements them.
 */
final class OpenCalls {
    /** One call with no analysed target. */
    static final class Call {
        final String owner;
        final String name;
        final String signature;
        final String kind;
        final int line;
        /** The locks held for certain at the call, outermost first, with {@code shared} (a read hold) per lock. */
        final List<GlobalLock> held;
        final List<Boolean> shared;

        Call(String owner, String name, String signature, String kind, int line, List<GlobalLock> held,
                List<Boolean> shared) {
            this.owner = owner;
            this.name = name;
            this.signature = signature;
            this.kind = kind;
            this.line = line;
            this.held = held;
            this.shared = shared;
        }
    }

    static final SummaryPart<List<Call>> PART = new SummaryPart<>() {
        @Override
        public Builder<List<Call>> builder(MethodFacts facts) {
            return new CallBuilder(facts.descriptor());
        }

        @Override
        public List<Call> empty() {
            return List.of();
        }
    };

    private OpenCalls() {
    }

    private static final class CallBuilder implements SummaryPart.Builder<List<Call>> {
        private final MethodDescriptor method;
        private final List<Call> calls = new ArrayList<>();

        CallBuilder(MethodDescriptor method) {
            this.method = method;
        }

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            InvokeInstruction call = step.call();
            String kind = kindOf(call);
            if (kind == null || step.api() != null || !step.effects().callees().isEmpty()) {
                return;
            }
            String owner = call.getClassName(step.cpg());
            if (owner.startsWith("[") || isJdk(owner)) {
                return;
            }
            List<GlobalLock> held = new ArrayList<>();
            List<Boolean> shared = new ArrayList<>();
            for (HeldLock h : step.held().locks()) {
                GlobalLock g = h.isOnSomePathsOnly() ? null : GlobalLock.of(h.lock(), method);
                if (g != null && !held.contains(g)) {
                    held.add(g);
                    shared.add(h.lock().kind().isShared());
                }
            }
            calls.add(new Call(owner, call.getMethodName(step.cpg()), call.getSignature(step.cpg()), kind, step.line(),
                    held, shared));
        }

        @Override
        public List<Call> build() {
            return List.copyOf(calls);
        }
    }

    private static String kindOf(InvokeInstruction call) {
        if (call instanceof INVOKEINTERFACE) {
            return "interface";
        }
        if (call instanceof INVOKEVIRTUAL) {
            return "virtual";
        }
        if (call instanceof INVOKESTATIC) {
            return "static";
        }
        if (call instanceof INVOKESPECIAL) {
            return "special";
        }
        return null;
    }

    static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                || cls.startsWith("com.sun.");
    }
}
