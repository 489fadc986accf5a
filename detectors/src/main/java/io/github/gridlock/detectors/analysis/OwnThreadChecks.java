package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.IFNE;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-thread runners a method asserts it runs on, and the work it posts to one: a
 * {@link ConcurrencyApi.Effect#CHECKS_OWN_THREAD} call ({@code executor.inEventLoop()},
 * {@code SwingUtilities.isEventDispatchThread()}) whose "no" throws straight away ({@code assert executor.inEventLoop();},
 * {@code if (!executor.inEventLoop()) throw ...}): such a method runs only on that executor's one thread, whoever calls
 * it; and work handed to an executor that is one thread by contract, so that what it runs runs there, one task after
 * the other: an executor whose type has an instance {@code CHECKS_OWN_THREAD} row ({@code ctx.executor().execute(task)}:
 * by that row's contract the executor is one thread for its life), and a {@code java.util.Timer} (a {@code via=TIMER}
 * row: "a single background thread that is used to execute all of the timer's tasks, sequentially").
 *
 * <p>A runner is named by a key: {@code static:NAME} for a static check, else the receiver as the code spells it,
 * in its top-level class's terms ({@code io.netty.Pool:this.executor}, {@code io.netty.Task:this.ctx.executor()}): a
 * nested class's {@code this$0} hop is dropped, so an inner class and its outer class name the outer's executor
 * alike, and a local holding the executor is spelled as the value it holds. The key names a field or getter, not an
 * object: two objects of one class with different executors get the same key (an approximation; a race needs the same
 * field of the same object, normally reached from that object's own executor). An executor reached through a
 * parameter or computed otherwise has no key.
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
    static final OwnThreadChecks EMPTY = new OwnThreadChecks(Set.of(), Map.of());

    /** How many calls deep a receiver is spelled out ({@code this.ctx.executor()} is one). */
    private static final int MAX_RECEIVER_STEPS = 4;

    /** The classes whose instances are one thread by contract: owners of instance {@code CHECKS_OWN_THREAD} rows. */
    private static final List<String> ONE_THREAD_EXECUTORS = oneThreadExecutors();

    private final Set<String> runners;
    private final Map<Integer, String> posted;

    private OwnThreadChecks(Set<String> runners, Map<Integer, String> posted) {
        this.runners = Set.copyOf(runners);
        this.posted = Map.copyOf(posted);
    }

    /** The keys of the one-thread runners this method asserts it runs on; empty when it asserts none. */
    public Set<String> runners() {
        return runners;
    }

    /**
     * The key of the one-thread executor that the work handed off at {@code pc} is posted to
     * ({@code ctx.executor().execute(task)}), or null when it goes elsewhere or the executor has no key.
     */
    public String postedTo(int pc) {
        return posted.get(pc);
    }

    /** The key of a static check's thread ({@code runner=} of its row). */
    static String staticKey(String runner) {
        return "static:" + runner;
    }

    private static List<String> oneThreadExecutors() {
        List<String> out = new ArrayList<>();
        for (ConcurrencyApi.Entry e : ConcurrencyApi.entries()) {
            if (e.effect() == ConcurrencyApi.Effect.CHECKS_OWN_THREAD && !e.isStatic()) {
                out.add(e.owner());
            }
        }
        return List.copyOf(out);
    }

    private static boolean isOneThreadExecutor(String dottedClass) {
        for (String owner : ONE_THREAD_EXECUTORS) {
            if (ConcurrencyApi.isSubtype(dottedClass, owner)) {
                return true;
            }
        }
        return false;
    }

    private static final class ChecksBuilder implements SummaryPart.Builder<OwnThreadChecks> {
        private final MethodFacts facts;
        private final Set<String> found = new LinkedHashSet<>();
        private final Map<Integer, String> posted = new HashMap<>();
        /** How the value each no-argument getter-like call returned is spelled, by the call's pc. */
        private final Map<Integer, String> results = new HashMap<>();

        ChecksBuilder(MethodFacts facts) {
            this.facts = facts;
        }

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            InvokeInstruction call = step.call();
            if (call == null) {
                return;
            }
            ConstantPoolGen cpg = step.cpg();
            spellResult(step, call, cpg);
            ConcurrencyApi.Entry work = step.api();
            if (work != null && work.effect() == ConcurrencyApi.Effect.SUBMITS_WORK && !work.isStatic()
                    && (work.via() == ConcurrencyApi.Via.TIMER || isOneThreadExecutor(call.getClassName(cpg)))) {
                String executor = spell(step.receiver(), 0);
                if (executor != null) {
                    posted.put(step.pc(), key(executor));
                }
            }
            ConcurrencyApi.Entry api = ConcurrencyApi.lookupResource(call, cpg);
            if (api == null || api.effect() != ConcurrencyApi.Effect.CHECKS_OWN_THREAD
                    || !throwsWhenFalse(step.location().getHandle())) {
                return;
            }
            if (api.isStatic()) {
                found.add(staticKey(api.ownThread()));
                return;
            }
            String receiver = spell(step.receiver(), 0);
            if (receiver != null) {
                found.add(key(receiver));
            }
        }

        private String key(String receiver) {
            return topLevel(facts.descriptor().getSlashedClassName().replace('/', '.')) + ":" + receiver;
        }

        /** The call's result as source-like text, kept for the calls after it that use the value. */
        private void spellResult(Step step, InvokeInstruction call, ConstantPoolGen cpg) throws DataflowAnalysisException {
            short op = call.getOpcode();
            String spelled = null;
            if ((op == Const.INVOKEVIRTUAL || op == Const.INVOKEINTERFACE) && call.getSignature(cpg).startsWith("()")) {
                String base = spell(step.receiver(), 1);
                spelled = base == null ? null : base + "." + call.getMethodName(cpg) + "()";
            } else if (op == Const.INVOKESTATIC && call.getMethodName(cpg).startsWith("access$")) {
                String field = fieldReadBy(step, call);
                AccessPath[] args = field == null ? new AccessPath[0] : step.arguments();
                String base = args.length == 1 ? spell(args[0], 1) : null;
                spelled = base == null ? null : base + "." + field;
            }
            if (spelled != null) {
                results.put(step.pc(), spelled);
            }
        }

        /** A value's path as source-like text ({@code this.ctx.executor()}), or null when it has no stable spelling. */
        private String spell(AccessPath p, int steps) {
            if (p == null || steps > MAX_RECEIVER_STEPS) {
                return null;
            }
            switch (p.kind()) {
                case THIS:
                    return "this";
                case STATIC_FIELD:
                    return p.owner() + "." + p.name();
                case FIELD: {
                    String base = spell(p.base(), steps + 1);
                    return base == null ? null : p.name().startsWith("this$") ? base : base + "." + p.name();
                }
                case RESULT:
                    return results.get(p.index());
                default:
                    return null;
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
            return found.isEmpty() && posted.isEmpty() ? EMPTY : new OwnThreadChecks(found, posted);
        }
    }

    static String topLevel(String dotted) {
        int i = dotted.indexOf('$');
        return i < 0 ? dotted : dotted.substring(0, i);
    }
}
