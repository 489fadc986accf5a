package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.IFNE;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one-thread runners a method asserts it runs on: a {@link ConcurrencyApi.Effect#CHECKS_OWN_THREAD} call
 * ({@code executor.inEventLoop()}, {@code SwingUtilities.isEventDispatchThread()}) whose "no" throws straight away
 * ({@code assert executor.inEventLoop();}, {@code if (!executor.inEventLoop()) throw ...}). Such a method runs only
 * on that executor's one thread, whoever calls it.
 *
 * <p>A runner is named by a key: {@code static:NAME} for a static check, else the receiver as the code spells it,
 * in its top-level class's terms ({@code io.netty.Pool:this.executor}, {@code io.netty.Task:this.executor()}): a
 * nested class's {@code this$0} hop is dropped, so an inner class and its outer class name the outer's executor
 * alike. The key names a field or getter, not an object: two objects of one class with different executors get the
 * same key (an approximation; a race needs the same field of the same object, normally reached from that object's
 * own executor).
 */
public final class OwnThreadChecks {
    public static final SummaryPart<OwnThreadChecks> PART = new SummaryPart<>() {
        @Override
        public Builder<OwnThreadChecks> builder(MethodFacts facts) {
            return new ChecksBuilder(facts);
        }

        @Override
        public OwnThreadChecks empty() {
            return EMPTY;
        }
    };
    static final OwnThreadChecks EMPTY = new OwnThreadChecks(Set.of());

    /** How many instructions back a receiver is spelled out ({@code this.ctx.executor()} is three). */
    private static final int MAX_RECEIVER_STEPS = 4;

    private final Set<String> runners;

    private OwnThreadChecks(Set<String> runners) {
        this.runners = Set.copyOf(runners);
    }

    /** The keys of the one-thread runners this method asserts it runs on; empty when it asserts none. */
    public Set<String> runners() {
        return runners;
    }

    /** The key of a static check's thread ({@code runner=} of its row). */
    static String staticKey(String runner) {
        return "static:" + runner;
    }

    private static final class ChecksBuilder implements SummaryPart.Builder<OwnThreadChecks> {
        private final MethodFacts facts;
        private final Set<String> found = new LinkedHashSet<>();

        ChecksBuilder(MethodFacts facts) {
            this.facts = facts;
        }

        @Override
        public void visit(Step step) {
            InvokeInstruction call = step.call();
            if (call == null) {
                return;
            }
            ConcurrencyApi.Entry api = ConcurrencyApi.lookupResource(call, step.cpg());
            if (api == null || api.effect() != ConcurrencyApi.Effect.CHECKS_OWN_THREAD
                    || !throwsWhenFalse(step.location().getHandle())) {
                return;
            }
            if (api.isStatic()) {
                found.add(staticKey(api.ownThread()));
                return;
            }
            String receiver = spell(step, step.location().getHandle().getPrev(), 0);
            if (receiver != null) {
                found.add(topLevel(facts.descriptor().getSlashedClassName().replace('/', '.')) + ":" + receiver);
            }
        }

        /** The call's result goes to an {@code ifne} whose fall-through (the "no") throws before any branch or return. */
        private static boolean throwsWhenFalse(InstructionHandle call) {
            InstructionHandle next = call.getNext();
            if (next == null || !(next.getInstruction() instanceof IFNE)) {
                return false;
            }
            for (InstructionHandle h = next.getNext(); h != null; h = h.getNext()) {
                Instruction ins = h.getInstruction();
                if (ins instanceof ATHROW) {
                    return true;
                }
                if (ins instanceof BranchInstruction || ins instanceof ReturnInstruction) {
                    return false;
                }
            }
            return false;
        }

        /** The receiver pushed by the instructions ending at {@code h}, as source-like text, or null. */
        private String spell(Step step, InstructionHandle h, int steps) {
            ConstantPoolGen cpg = step.cpg();
            if (h == null || steps > MAX_RECEIVER_STEPS) {
                return null;
            }
            Instruction ins = h.getInstruction();
            short op = ins.getOpcode();
            if (op == Const.ALOAD_0 && !facts.descriptor().isStatic()) {
                return "this";
            }
            if (op == Const.GETSTATIC) {
                FieldInstruction f = (FieldInstruction) ins;
                return f.getReferenceType(cpg) + "." + f.getFieldName(cpg);
            }
            if (op == Const.GETFIELD) {
                String base = spell(step, h.getPrev(), steps + 1);
                String name = ((FieldInstruction) ins).getFieldName(cpg);
                return base == null ? null : name.startsWith("this$") ? base : base + "." + name;
            }
            if ((op == Const.INVOKEVIRTUAL || op == Const.INVOKEINTERFACE)
                    && ((InvokeInstruction) ins).getSignature(cpg).startsWith("()")) {
                String base = spell(step, h.getPrev(), steps + 1);
                return base == null ? null : base + "." + ((InvokeInstruction) ins).getMethodName(cpg) + "()";
            }
            if (op == Const.INVOKESTATIC && ((InvokeInstruction) ins).getMethodName(cpg).startsWith("access$")) {
                String field = fieldReadBy(step, (InvokeInstruction) ins);
                String base = field == null ? null : spell(step, h.getPrev(), steps + 1);
                return base == null ? null : base + "." + field;
            }
            return null;
        }

        /**
         * The field a one-argument {@code access$NNN(outer)} bridge reads (how code compiled for Java 8 reads the
         * outer class's private {@code executor} from an inner class), or null.
         */
        private static String fieldReadBy(Step step, InvokeInstruction call) {
            ConstantPoolGen cpg = step.cpg();
            if (call.getArgumentTypes(cpg).length != 1) {
                return null;
            }
            MethodSummary bridge = step.summaryOf(DescriptorFactory.instance().getMethodDescriptor(
                    call.getClassName(cpg).replace('.', '/'), call.getMethodName(cpg), call.getSignature(cpg), true));
            List<FieldAccesses.Access> accesses = bridge == null ? List.of() : bridge.fieldAccesses().accesses();
            if (accesses.size() != 1 || accesses.get(0).isWrite() || accesses.get(0).base() == null
                    || accesses.get(0).base().kind() != AccessPath.Kind.PARAMETER) {
                return null;
            }
            return accesses.get(0).field().getName();
        }

        @Override
        public OwnThreadChecks build() {
            return found.isEmpty() ? EMPTY : new OwnThreadChecks(found);
        }
    }

    static String topLevel(String dotted) {
        int i = dotted.indexOf('$');
        return i < 0 ? dotted : dotted.substring(0, i);
    }
}
