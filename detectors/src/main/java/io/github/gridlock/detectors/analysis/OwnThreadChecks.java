package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.CodeExceptionGen;
import org.apache.bcel.generic.IFEQ;
import org.apache.bcel.generic.IFNE;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.Select;

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
 * by that row's contract the executor is one thread for its life), a final field that holds what a one-thread factory
 * made ({@code Executors.newSingleThreadExecutor()}, {@link FinalFields#holdsOneThreadExecutor}), and a
 * {@code java.util.Timer} (a {@code via=TIMER} row: "a single background thread that is used to execute all of the
 * timer's tasks, sequentially"); and the code that
 * runs only on the "yes" side of such a check ({@code if (executor.inEventLoop()) { doIt(); } else { executor.execute(this::doIt); }},
 * {@link #runnerAt}).
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

        /** Only a check of the own thread or a hand-off of work can give this part anything ({@link ChecksBuilder#visit}). */
        @Override
        public boolean appliesTo(MethodFacts facts) {
            BytecodeScreen screen = BytecodeScreen.of(facts.classContext(), facts.method());
            return screen.callsApi(e -> e.effect() == ConcurrencyApi.Effect.SUBMITS_WORK && !e.isStatic())
                    || screen.callsResource(e -> e.effect() == ConcurrencyApi.Effect.CHECKS_OWN_THREAD);
        }
    };
    static final OwnThreadChecks EMPTY = new OwnThreadChecks(Set.of(), Map.of(), List.of());

    /** How many calls deep a receiver is spelled out ({@code this.ctx.executor()} is one). */
    private static final int MAX_RECEIVER_STEPS = 4;

    /** The classes whose instances are one thread by contract: owners of instance {@code CHECKS_OWN_THREAD} rows. */
    private static final List<String> ONE_THREAD_EXECUTORS = oneThreadExecutors();

    private final Set<String> runners;
    private final Map<Integer, String> posted;
    private final List<Branch> branches;

    /** Code that runs only when a check said "yes, this is that thread": bytecode offsets [start, end). */
    private static final class Branch {
        final int start;
        final int end;
        final String key;

        Branch(int start, int end, String key) {
            this.start = start;
            this.end = end;
            this.key = key;
        }
    }

    private OwnThreadChecks(Set<String> runners, Map<Integer, String> posted, List<Branch> branches) {
        this.runners = Set.copyOf(runners);
        this.posted = Map.copyOf(posted);
        this.branches = List.copyOf(branches);
    }

    /**
     * The key of the one thread the code at {@code pc} runs on because a check just said so: the "yes" side of
     * {@code if (executor.inEventLoop()) { ... }}, or what follows {@code if (!executor.inEventLoop()) { ...; return; }};
     * null elsewhere. Only a side that no jump (nor exception handler) enters from outside counts.
     */
    public String runnerAt(int pc) {
        for (Branch b : branches) {
            if (pc >= b.start && pc < b.end) {
                return b.key;
            }
        }
        return null;
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
            if (e.effect() == ConcurrencyApi.Effect.CHECKS_OWN_THREAD && !e.isStatic() && e.callback() == null) {
                out.add(e.owner());
            }
        }
        return List.copyOf(out);
    }

    /** The callback contracts: instance {@code CHECKS_OWN_THREAD} rows with {@code callback=} (see {@link #argumentThread}). */
    private static List<ConcurrencyApi.Entry> argumentContracts() {
        List<ConcurrencyApi.Entry> out = new ArrayList<>();
        for (ConcurrencyApi.Entry e : ConcurrencyApi.entries()) {
            if (e.effect() == ConcurrencyApi.Effect.CHECKS_OWN_THREAD && !e.isStatic() && e.callback() != null) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    private static final List<ConcurrencyApi.Entry> ARGUMENT_CONTRACTS = argumentContracts();

    /**
     * The thread a method runs on because a framework says so: one parameter of the method, whose executor alone calls
     * it. A method of this kind works on one object at a time (a channel's context), and two calls that work on the
     * same one run on its one thread; two calls on two of them may run at once.
     */
    public static final class ArgumentThread {
        private final int parameter;
        private final String key;

        ArgumentThread(int parameter, String key) {
            this.parameter = parameter;
            this.key = key;
        }

        /** The parameter (0-based, {@code this} not counted) whose executor runs the method. */
        public int parameter() {
            return parameter;
        }

        /** Names the contract ({@code argument:io.netty.channel.ChannelHandlerContext}): equal keys, the same kind of thread. */
        public String key() {
            return key;
        }

        @Override
        public String toString() {
            return key + "#" + parameter;
        }
    }

    /**
     * The parameter whose executor runs {@code method} by a callback contract, or null: an instance method (not a
     * lambda body) of a class that implements the {@code callback=} type of an instance {@code CHECKS_OWN_THREAD} row
     * and takes the row's owner as a parameter (Netty: a method of a {@code ChannelHandler} that takes a
     * {@code ChannelHandlerContext} runs on {@code ctx.executor()}). The first such parameter counts.
     */
    public static ArgumentThread argumentThread(edu.umd.cs.findbugs.classfile.MethodDescriptor method) {
        if (ARGUMENT_CONTRACTS.isEmpty() || method.isStatic() || method.getName().startsWith("lambda$")
                || method.getName().startsWith("<")) {
            return null;
        }
        String cls = method.getSlashedClassName().replace('/', '.');
        org.apache.bcel.generic.Type[] params = org.apache.bcel.generic.Type.getArgumentTypes(method.getSignature());
        for (ConcurrencyApi.Entry e : ARGUMENT_CONTRACTS) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof org.apache.bcel.generic.ObjectType
                        && e.owner().equals(((org.apache.bcel.generic.ObjectType) params[i]).getClassName())
                        && ConcurrencyApi.isSubtype(cls, e.callback())) {
                    return new ArgumentThread(i, "argument:" + e.owner());
                }
            }
        }
        return null;
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
        private final List<Branch> branches = new ArrayList<>();
        /** How the value each no-argument getter-like call returned is spelled, by the call's pc. */
        private final Map<Integer, String> results = new HashMap<>();
        private final FinalFields finalFields = new FinalFields();

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
                    && (work.via() == ConcurrencyApi.Via.TIMER || isOneThreadExecutor(call.getClassName(cpg))
                            || holdsOneThreadExecutor(step.receiver()))) {
                String executor = spell(step.receiver(), 0);
                if (executor != null) {
                    posted.put(step.pc(), key(executor));
                }
            }
            ConcurrencyApi.Entry api = ConcurrencyApi.lookupResource(call, cpg);
            if (api == null || api.effect() != ConcurrencyApi.Effect.CHECKS_OWN_THREAD) {
                return;
            }
            String receiver = api.isStatic() ? null : spell(step.receiver(), 0);
            String runner = api.isStatic() ? staticKey(api.ownThread()) : receiver == null ? null : key(receiver);
            if (runner == null) {
                return;
            }
            InstructionHandle check = step.location().getHandle();
            if (throwsWhenFalse(check)) {
                found.add(runner);
                return;
            }
            int[] side = yesSide(check);
            if (side != null && enteredOnlyThroughCheck(check, side[0], side[1])) {
                branches.add(new Branch(side[0], side[1], runner));
            }
        }

        /**
         * The offsets [start, end) of the code that runs only when the check at {@code call} said yes: between an
         * {@code ifeq} and its forward target ({@code if (check) { ... }}); or, after an {@code ifne} whose "no" side
         * returns or throws before any branch ({@code if (!check) { post; return; }}), from its target to the end of
         * the method. Null for any other shape.
         */
        private int[] yesSide(InstructionHandle call) {
            InstructionHandle next = call.getNext();
            if (next == null) {
                return null;
            }
            Instruction ins = next.getInstruction();
            int here = next.getPosition();
            if (ins instanceof IFEQ) {
                int target = ((IFEQ) ins).getTarget().getPosition();
                return target > here ? new int[] {here + ins.getLength(), target} : null;
            }
            if (ins instanceof IFNE && leavesBeforeBranching(next.getNext())) {
                int target = ((IFNE) ins).getTarget().getPosition();
                return target > here ? new int[] {target, Integer.MAX_VALUE} : null;
            }
            return null;
        }

        private static boolean leavesBeforeBranching(InstructionHandle from) {
            for (InstructionHandle h = from; h != null; h = h.getNext()) {
                Instruction ins = h.getInstruction();
                if (ins instanceof ATHROW || ins instanceof ReturnInstruction) {
                    return true;
                }
                if (ins instanceof BranchInstruction) {
                    return false;
                }
            }
            return false;
        }

        /**
         * No jump from outside [start, end) lands inside it (but the check's own), and no exception handler inside it
         * covers code outside it: the side runs only after the check said yes.
         */
        private boolean enteredOnlyThroughCheck(InstructionHandle call, int start, int end) {
            InstructionHandle own = call.getNext();
            for (InstructionHandle h = facts.methodGen().getInstructionList().getStart(); h != null; h = h.getNext()) {
                int at = h.getPosition();
                if (h == own || at >= start && at < end || !(h.getInstruction() instanceof BranchInstruction)) {
                    continue;
                }
                BranchInstruction b = (BranchInstruction) h.getInstruction();
                if (lands(b.getTarget(), start, end)) {
                    return false;
                }
                if (b instanceof Select) {
                    for (InstructionHandle t : ((Select) b).getTargets()) {
                        if (lands(t, start, end)) {
                            return false;
                        }
                    }
                }
            }
            for (CodeExceptionGen handler : facts.methodGen().getExceptionHandlers()) {
                if (lands(handler.getHandlerPC(), start, end) && (handler.getStartPC().getPosition() < start
                        || handler.getEndPC().getPosition() >= end)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean lands(InstructionHandle target, int start, int end) {
            return target != null && target.getPosition() >= start && target.getPosition() < end;
        }

        private String key(String receiver) {
            return topLevel(facts.descriptor().getSlashedClassName().replace('/', '.')) + ":" + receiver;
        }

        /** A field (of any object: the field decides, as the keys do) that holds a one-thread executor. */
        private boolean holdsOneThreadExecutor(AccessPath receiver) {
            if (receiver == null
                    || receiver.kind() != AccessPath.Kind.FIELD && receiver.kind() != AccessPath.Kind.STATIC_FIELD) {
                return false;
            }
            return finalFields.holdsOneThreadExecutor(receiver.owner(), receiver.name(),
                    receiver.kind() == AccessPath.Kind.STATIC_FIELD);
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
            return found.isEmpty() && posted.isEmpty() && branches.isEmpty() ? EMPTY
                    : new OwnThreadChecks(found, posted, branches);
        }
    }

    static String topLevel(String dotted) {
        int i = dotted.indexOf('$');
        return i < 0 ? dotted : dotted.substring(0, i);
    }
}
