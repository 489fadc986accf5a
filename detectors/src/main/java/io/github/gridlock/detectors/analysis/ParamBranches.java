package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.BIPUSH;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.ICONST;
import org.apache.bcel.generic.IINC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.SIPUSH;
import org.apache.bcel.generic.Select;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Branches on a method's own parameters, and the constants a method passes to the methods it calls: which code of
 * a method runs only when a parameter has (or has not) a value ({@code if (cacheMe) lookupStatement(..)} runs only when
 * {@code cacheMe != 0}), and which arguments of each call are constants ({@code prepMinion(lcc, false, ..)}). Together
 * they tell that a call passing a constant cannot reach code that its callee runs only for another value.
 *
 * <p>Read from the bytecode alone, by one pass of a small abstract interpreter over the method's instructions (no
 * CFG or dataflow of SpotBugs is built). The interpreter follows the parameters' entry values through the operand
 * stack and the local variables (a parameter copied to a local, or a local overwritten, is followed as such), and
 * knows tests against a constant that the branch itself makes: {@code ifeq}/{@code ifne} (a boolean or an int against
 * 0), {@code if_icmpeq}/{@code if_icmpne} against a pushed constant, {@code ifnull}/{@code ifnonnull}, a bit test
 * {@code (mode & 128) == 0}, and {@code arg.equals(COMMIT)} or {@code arg == COMMIT} against a static final field (whose
 * value {@link StaticConstants} knows). Facts of several paths are joined as value sets: after
 * {@code if (arg.equals(COMMIT) || arg.equals(ABORT))} the code runs only when {@code arg} is one of the two. Constants
 * passed as arguments: {@code iconst}, {@code bipush}, {@code sipush}, {@code ldc} of an int, {@code aconst_null},
 * {@code new}, a static final field, and an int that two paths set to two constants under opposite facts
 * ({@code boolean wait = (mode & NOWAIT) == 0;}, {@code wait ? -2 : 0}: a {@link Choice}). A {@code jsr}, arithmetic on a parameter other than a bit mask: nothing is
 * known there, which only means no code is cut.
 */
public final class ParamBranches {
    /** How a guard compares: as an int or null ({@code ifeq}, {@code ifnull}), by {@code equals}, or by {@code ==}. */
    enum Relation {
        VALUE, EQUALS, SAME
    }

    /**
     * A known fact about a parameter ({@link #param}, 0-based without {@code this}), or about its bits under a mask:
     * that it is one of some values, or none of them.
     */
    public static final class Guard {
        final int param;
        /** The bits tested ({@code (p & mask)}); -1: the whole value. */
        final int mask;
        final Relation relation;
        final boolean equal;
        final Set<Object> values;

        Guard(int param, boolean equal, Object value) {
            this(param, -1, Relation.VALUE, equal, Set.of(value));
        }

        Guard(int param, int mask, Relation relation, boolean equal, Set<Object> values) {
            this.param = param;
            this.mask = mask;
            this.relation = relation;
            this.equal = equal;
            this.values = values;
        }

        public int param() {
            return param;
        }

        /**
         * Whether the guard holds when the parameter is {@code constant} (an argument value of
         * {@link #argumentAt}); null when it cannot say.
         */
        public Boolean holdsFor(Object constant) {
            Boolean member = constant == null ? null : isOneOf(constant);
            return member == null ? null : member == equal;
        }

        /** Whether {@code constant} is one of {@link #values}; null when not known. */
        private Boolean isOneOf(Object constant) {
            boolean unknown = false;
            for (Object v : values) {
                Boolean same = same(constant, v);
                if (Boolean.TRUE.equals(same)) {
                    return Boolean.TRUE;
                }
                unknown |= same == null;
            }
            return unknown ? null : Boolean.FALSE;
        }

        private Boolean same(Object constant, Object v) {
            if (relation == Relation.VALUE) {
                if (constant instanceof Integer && v instanceof Integer) {
                    int c = mask == -1 ? (Integer) constant : (Integer) constant & mask;
                    return c == (Integer) v;
                }
                if (mask != -1 || !(v == NULL)) {
                    return null;
                }
                // Null or not: a new object and a static field's built constant are not null.
                return constant == NULL ? Boolean.TRUE
                        : constant == NON_NULL || constant instanceof StaticRef && ((StaticRef) constant).value() != null
                                ? Boolean.FALSE : null;
            }
            if (constant == NON_NULL && relation == Relation.SAME) {
                return Boolean.FALSE; // an object the caller just built is in no static field
            }
            if (constant == NULL) {
                // null equals nothing (p.equals(F) throws, F.equals(null) is false); a built constant is not null
                return relation == Relation.EQUALS || ((StaticRef) v).value() != null ? Boolean.FALSE : null;
            }
            if (!(constant instanceof StaticRef) || !(v instanceof StaticRef)) {
                return null;
            }
            return StaticConstants.same(((StaticRef) constant).value(), ((StaticRef) v).value(),
                    relation == Relation.EQUALS);
        }

        /** The same fact about the caller's parameter {@code param}. */
        public Guard on(int callerParam) {
            return new Guard(callerParam, mask, relation, equal, values);
        }

        /** A fact that holds when this one or {@code o} holds; null when none is known but "true". */
        Guard or(Guard o) {
            if (equals(o)) {
                return this;
            }
            if (o.param != param || o.mask != mask || o.relation != relation || o.equal != equal) {
                return null;
            }
            Set<Object> joined = new LinkedHashSet<>(values);
            if (equal) {
                joined.addAll(o.values); // one of these, or one of those
                if (joined.size() > MAX_VALUES) {
                    return null;
                }
            } else {
                joined.retainAll(o.values); // none of the values both paths exclude
                if (joined.isEmpty()) {
                    return null;
                }
            }
            return new Guard(param, mask, relation, equal, Set.copyOf(joined));
        }

        /** The opposite fact. */
        Guard negated() {
            return new Guard(param, mask, relation, !equal, values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Guard && ((Guard) o).param == param && ((Guard) o).mask == mask
                    && ((Guard) o).relation == relation && ((Guard) o).equal == equal && ((Guard) o).values.equals(values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(param, mask, relation, equal, values);
        }

        @Override
        public String toString() {
            String subject = "param#" + param + (mask == -1 ? "" : " & " + mask);
            String op = relation == Relation.EQUALS ? "equals" : relation == Relation.SAME ? "is" : "==";
            return subject + (equal ? " " : " not ") + op + " one of " + values;
        }
    }

    /** Values per guard (one of at most this many). */
    static final int MAX_VALUES = 8;
    /** Guards kept per instruction. */
    static final int MAX_GUARDS = 16;
    /** Merges into one instruction before its facts are given up (a bound on the pass, never reached by javac code). */
    static final int MAX_MERGES = 64;

    /**
     * The facts that hold after one of two ways: every fact one way knows joined with every fact the other knows
     * about the same thing ({@code a == 1} on one path and {@code a == 2} on the other: {@code a} is 1 or 2).
     */
    public static Set<Guard> either(Set<Guard> a, Set<Guard> b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return Set.of();
        }
        Set<Guard> out = new HashSet<>();
        for (Guard x : a) {
            for (Guard y : b) {
                Guard j = x.or(y);
                if (j != null) {
                    out.add(j);
                }
            }
        }
        if (out.size() > MAX_GUARDS) {
            return Set.of();
        }
        return out.isEmpty() ? Set.of() : Collections.unmodifiableSet(out);
    }

    /** The constant {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    /** A reference known not to be null (a {@code new} object), of no other known value. */
    public static final Object NON_NULL = new Object() {
        @Override
        public String toString() {
            return "non-null";
        }
    };

    /** A static field's value ({@code getstatic}), known through {@link StaticConstants} when it is a constant object. */
    public static final class StaticRef {
        private final String owner;
        private final String name;
        private final StaticConstants constants;
        private StaticConstants.Value value;
        private boolean resolved;

        StaticRef(String owner, String name, StaticConstants constants) {
            this.owner = owner;
            this.name = name;
            this.constants = constants;
        }

        StaticConstants.Value value() {
            if (!resolved) {
                value = constants.of(owner, name);
                resolved = true;
            }
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StaticRef && ((StaticRef) o).owner.equals(owner) && ((StaticRef) o).name.equals(name);
        }

        @Override
        public int hashCode() {
            return owner.hashCode() * 31 + name.hashCode();
        }

        @Override
        public String toString() {
            return owner.substring(owner.lastIndexOf('.') + 1) + "." + name;
        }
    }

    /** A stack value that is the method's parameter {@link #index} as it was on entry. */
    private static final class Param {
        final int index;

        Param(int index) {
            this.index = index;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Param && ((Param) o).index == index;
        }

        @Override
        public int hashCode() {
            return index;
        }
    }

    /** {@code param & mask}. */
    private static final class Masked {
        final int param;
        final int mask;

        Masked(int param, int mask) {
            this.param = param;
            this.mask = mask;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Masked && ((Masked) o).param == param && ((Masked) o).mask == mask;
        }

        @Override
        public int hashCode() {
            return param * 31 + mask;
        }
    }

    /** A boolean that is true exactly when {@link #guard} holds ({@code arg.equals(COMMIT)}). */
    private static final class Test {
        final Guard guard;

        Test(Guard guard) {
            this.guard = guard;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Test && ((Test) o).guard.equals(guard);
        }

        @Override
        public int hashCode() {
            return guard.hashCode();
        }
    }

    /** The int or boolean result of a call to one known method (static or private), with the call's arguments. */
    private static final class CallResult {
        final int pc;
        final MethodDescriptor callee;
        final List<Object> args;

        CallResult(int pc, MethodDescriptor callee, List<Object> args) {
            this.pc = pc;
            this.callee = callee;
            this.args = args;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CallResult && ((CallResult) o).pc == pc && ((CallResult) o).args.equals(args);
        }

        @Override
        public int hashCode() {
            return pc * 31 + args.hashCode();
        }
    }

    /**
     * An int that two paths joined with two constants, told apart by a fact on a parameter: {@link #ifTrue} when
     * {@link #guard} holds, else {@link #ifFalse} ({@code boolean wait = (mode & NOWAIT) == 0;}, {@code wait ? -2 : 0}).
     */
    public static final class Choice {
        final Guard guard;
        final int ifTrue;
        final int ifFalse;

        Choice(Guard guard, int ifTrue, int ifFalse) {
            this.guard = guard;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Choice && ((Choice) o).guard.equals(guard) && ((Choice) o).ifTrue == ifTrue
                    && ((Choice) o).ifFalse == ifFalse;
        }

        @Override
        public int hashCode() {
            return Objects.hash(guard, ifTrue, ifFalse);
        }
    }

    /**
     * What a callee's need {@code g} asks of the caller whose call passes {@code arg} ({@link #argumentFor}) for that
     * parameter: null when no value it passes meets it (the call cannot reach what needs it); the same need on the
     * caller's own parameter when it is passed on; the fact that picks a {@link Choice}'s value that meets it; nothing
     * when it is met or not known.
     */
    public static Set<Guard> needsThrough(Guard g, Object arg) {
        if (arg instanceof ParamArg) {
            return Set.of(g.on(((ParamArg) arg).index));
        }
        if (arg instanceof Choice) {
            Choice s = (Choice) arg;
            Boolean whenTrue = g.holdsFor(s.ifTrue);
            Boolean whenFalse = g.holdsFor(s.ifFalse);
            if (Boolean.FALSE.equals(whenTrue) && Boolean.FALSE.equals(whenFalse)) {
                return null;
            }
            if (Boolean.FALSE.equals(whenTrue)) {
                return Set.of(s.guard.negated());
            }
            return Boolean.FALSE.equals(whenFalse) ? Set.of(s.guard) : Set.of();
        }
        return arg != null && Boolean.FALSE.equals(g.holdsFor(arg)) ? null : Set.of();
    }

    public static final ParamBranches NONE = new ParamBranches(Map.of(), Map.of(), Map.of(), Map.of(), Set.of(), Set.of());

    private final Map<Integer, Set<Guard>> guards;
    private final Map<Integer, Object[]> arguments;
    private final Map<Integer, String> invoked;
    private final Map<Integer, String> callbacks;
    /** The facts on the parameters that hold whenever the method returns 0 (false), and whenever it returns another int. */
    private final Set<Guard> whenZero;
    private final Set<Guard> whenNonZero;

    private ParamBranches(Map<Integer, Set<Guard>> guards, Map<Integer, Object[]> arguments, Map<Integer, String> invoked,
            Map<Integer, String> callbacks, Set<Guard> whenZero, Set<Guard> whenNonZero) {
        this.guards = guards;
        this.arguments = arguments;
        this.invoked = invoked;
        this.callbacks = callbacks;
        this.whenZero = whenZero;
        this.whenNonZero = whenNonZero;
    }

    /** The callees' facts, for the results of the calls a method makes ({@code if (noLockWait(timeout))}). */
    public interface Callees {
        /** The facts of {@code method}, or {@link #NONE} (while it is being computed, too: recursion). */
        ParamBranches of(MethodDescriptor method);
    }

    /** Whether the instruction at {@code pc} calls a method {@code name} with {@code signature}, with a known argument. */
    public boolean invokes(int pc, String name, String signature) {
        return matches(invoked.get(pc), name, signature);
    }

    private static boolean matches(String at, String name, String signature) {
        return at != null && at.length() == name.length() + signature.length() && at.startsWith(name) && at.endsWith(signature);
    }

    /** The facts about parameters that hold whenever the instruction at {@code pc} runs. */
    public Set<Guard> guardsAt(int pc) {
        return guards.getOrDefault(pc, Set.of());
    }

    /**
     * Argument {@code arg} of the call at {@code pc}: an {@link Integer}, {@link #NULL}, {@link #NON_NULL} or a
     * {@link StaticRef} for a constant, the caller's parameter index (a {@link ParamArg}) for a parameter passed on as
     * it came, or null.
     */
    public Object argumentAt(int pc, int arg) {
        Object[] args = arguments.get(pc);
        if (args == null || arg >= args.length) {
            return null;
        }
        Object v = args[arg];
        return v instanceof Param ? new ParamArg(((Param) v).index) : v;
    }

    /**
     * The value parameter {@code param} of {@code name signature} gets when the call at {@code pc} runs it: the call's
     * own argument when the call is to that method (one of its targets); for a JDK call that calls back every
     * analysed implementation of an interface (a {@code CALLS_BACK} row of the API table: {@code notifyObservers(arg)}
     * runs {@code update(observable, arg)}), the call's first argument as the callback's second parameter, as
     * {@link CallResolver} hands it, and {@link #NULL} when the call passes none (the table's callback row is
     * {@code Observable}'s: {@code notifyObservers()} is {@code notifyObservers(null)}); null when not known.
     */
    public Object argumentFor(int pc, String name, String signature, int param) {
        if (invokes(pc, name, signature)) {
            return argumentAt(pc, param);
        }
        if (param != 1 || !matches(callbacks.get(pc), name, signature)) {
            return null;
        }
        Object[] args = arguments.get(pc);
        return args.length == 0 ? NULL : argumentAt(pc, 0);
    }

    /** An argument that is the calling method's own parameter, as it came. */
    public static final class ParamArg {
        public final int index;

        ParamArg(int index) {
            this.index = index;
        }
    }

    /**
     * The facts of an analysed method, read from its class's bytecode; {@link #NONE} when its code cannot be read. Not
     * memoised here: the caller keeps them for as long as its analysis runs.
     */
    public static ParamBranches of(MethodDescriptor method) {
        return of(method, new StaticConstants(), m -> NONE);
    }

    /**
     * The same, with the static constants of the caller's analysis run, and the facts of the static and private methods
     * whose int or boolean results the method tests.
     */
    public static ParamBranches of(MethodDescriptor md, StaticConstants constants, Callees callees) {
        JavaClass jc = ClassFiles.load(md.getClassDescriptor().getDottedClassName());
        Method m = jc == null ? null : ClassFiles.method(jc, md.getName(), md.getSignature());
        return m == null || m.getCode() == null ? NONE
                : new Interpreter(m, ClassFiles.readOnlyPool(jc), constants, callees).run();
    }

    /** One forward pass to a fixpoint: per instruction, the abstract operand stack, locals and the guards known. */
    private static final class Interpreter {
        private final Method method;
        private final ConstantPoolGen cpg;
        private final StaticConstants constants;
        private final Callees callees;
        private Set<Guard> whenZero;
        private Set<Guard> whenNonZero;
        private final Map<InstructionHandle, State> states = new HashMap<>();
        private final Map<InstructionHandle, Integer> merges = new HashMap<>();
        private final Map<Integer, Object[]> arguments = new HashMap<>();
        private final Map<Integer, String> invoked = new HashMap<>();
        private final Map<Integer, String> callbacks = new HashMap<>();
        private final List<int[]> handlerRanges = new ArrayList<>();
        private final List<InstructionHandle> handlers = new ArrayList<>();

        Interpreter(Method method, ConstantPoolGen cpg, StaticConstants constants, Callees callees) {
            this.method = method;
            this.cpg = cpg;
            this.constants = constants;
            this.callees = callees;
        }

        ParamBranches run() {
            InstructionList il;
            try {
                il = new InstructionList(method.getCode().getCode());
            } catch (RuntimeException e) {
                return NONE; // unreadable bytecode: SpotBugs reports the method itself
            }
            for (InstructionHandle h : il.getInstructionHandles()) {
                short op = h.getInstruction().getOpcode();
                if (op == Const.JSR || op == Const.JSR_W || op == Const.RET) {
                    return NONE; // subroutines share code between paths: no facts
                }
            }
            Object[] locals = new Object[Math.max(method.getCode().getMaxLocals(), 1)];
            Arrays.fill(locals, UNKNOWN);
            int slot = method.isStatic() ? 0 : 1;
            Type[] params = method.getArgumentTypes();
            for (int p = 0; p < params.length && slot < locals.length; p++) {
                if (params[p].getSize() == 1) {
                    locals[slot] = new Param(p);
                }
                slot += params[p].getSize();
            }
            Map<Integer, InstructionHandle> byPc = new HashMap<>();
            for (InstructionHandle h : il.getInstructionHandles()) {
                byPc.put(h.getPosition(), h);
            }
            Code code = method.getCode();
            for (CodeException ce : code.getExceptionTable()) {
                InstructionHandle handler = byPc.get(ce.getHandlerPC());
                if (handler != null) {
                    handlerRanges.add(new int[] {ce.getStartPC(), ce.getEndPC()});
                    handlers.add(handler);
                }
            }
            Deque<InstructionHandle> work = new ArrayDeque<>();
            merge(il.getStart(), new State(List.of(), List.of(locals), Set.of()), work);
            while (!work.isEmpty()) {
                InstructionHandle h = work.poll();
                step(h, states.get(h), work);
            }
            Map<Integer, Set<Guard>> guards = new HashMap<>();
            for (Map.Entry<InstructionHandle, State> e : states.entrySet()) {
                if (!e.getValue().guards.isEmpty()) {
                    guards.put(e.getKey().getPosition(), e.getValue().guards);
                }
            }
            Set<Guard> zero = whenZero == null ? Set.of() : whenZero;
            Set<Guard> nonZero = whenNonZero == null ? Set.of() : whenNonZero;
            return guards.isEmpty() && arguments.isEmpty() && zero.isEmpty() && nonZero.isEmpty() ? NONE
                    : new ParamBranches(guards, arguments, invoked, callbacks, zero, nonZero);
        }

        private void merge(InstructionHandle at, State in, Deque<InstructionHandle> work) {
            State old = states.get(at);
            State merged = old == null ? in : old.join(in);
            if (old != null && merged.equals(old)) {
                return;
            }
            int n = merges.merge(at, 1, Integer::sum);
            if (n > MAX_MERGES) {
                merged = State.NOTHING_KNOWN;
                if (merged.equals(old)) {
                    return;
                }
            }
            states.put(at, merged);
            work.add(at);
        }

        private void step(InstructionHandle h, State s, Deque<InstructionHandle> work) {
            Instruction i = h.getInstruction();
            int pc = h.getPosition();
            for (int k = 0; k < handlers.size(); k++) {
                int[] range = handlerRanges.get(k);
                if (pc >= range[0] && pc < range[1]) {
                    // What holds where the exception may be thrown holds in its handler.
                    merge(handlers.get(k), new State(List.of(UNKNOWN), s.locals, s.guards), work);
                }
            }
            List<Object> stack = s.stack == null ? null : new ArrayList<>(s.stack);
            List<Object> locals = s.locals;
            if (i instanceof InvokeInstruction && stack != null) {
                recordArguments(pc, (InvokeInstruction) i, stack);
            }
            short op = i.getOpcode();
            if (i instanceof BranchInstruction) {
                branch(h, (BranchInstruction) i, stack, locals, s.guards, work);
                return;
            }
            if (op == Const.IRETURN) {
                returned(stack == null || stack.isEmpty() ? UNKNOWN : stack.get(stack.size() - 1), s.guards);
            }
            if (op == Const.ATHROW || op >= Const.IRETURN && op <= Const.RETURN) {
                return;
            }
            Object result = i instanceof InvokeInstruction && stack != null ? callResult(pc, (InvokeInstruction) i, stack) : null;
            if (i instanceof StoreInstruction || i instanceof IINC) {
                locals = stored(i, stack, locals);
            } else if (result != null) {
                pop(stack, i.consumeStack(cpg));
                stack.add(result);
            } else if (stack != null && !push(i, stack, locals)) {
                pop(stack, i.consumeStack(cpg));
                for (int k = 0; k < i.produceStack(cpg); k++) {
                    stack.add(UNKNOWN);
                }
            }
            if (h.getNext() != null) {
                merge(h.getNext(), new State(stack, locals, s.guards), work);
            }
        }

        /** Joins what holds at a return of {@code value} into the facts for zero and non-zero results. */
        private void returned(Object value, Set<Guard> at) {
            Set<Guard> zero = at;
            Set<Guard> nonZero = at;
            if (value instanceof Integer) {
                zero = (Integer) value == 0 ? at : null;
                nonZero = (Integer) value == 0 ? null : at;
            } else if (value instanceof Choice) {
                Choice sel = (Choice) value;
                zero = sel.ifTrue == 0 && sel.ifFalse == 0 ? at : sel.ifTrue == 0 ? with(at, sel.guard)
                        : sel.ifFalse == 0 ? with(at, sel.guard.negated()) : null;
                nonZero = sel.ifTrue != 0 && sel.ifFalse != 0 ? at : sel.ifTrue != 0 ? with(at, sel.guard)
                        : sel.ifFalse != 0 ? with(at, sel.guard.negated()) : null;
            }
            if (zero != null) {
                whenZero = whenZero == null ? zero : either(whenZero, zero);
            }
            if (nonZero != null) {
                whenNonZero = whenNonZero == null ? nonZero : either(whenNonZero, nonZero);
            }
        }

        /** The result of a static or private call returning an int or boolean: a {@link CallResult}; else null. */
        private Object callResult(int pc, InvokeInstruction call, List<Object> stack) {
            short op = call.getOpcode();
            Type ret = call.getReturnType(cpg);
            boolean intLike = ret == Type.INT || ret == Type.BOOLEAN;
            if (!intLike || !(op == Const.INVOKESTATIC || op == Const.INVOKESPECIAL && !"<init>".equals(call.getMethodName(cpg)))) {
                return null;
            }
            Type[] types = call.getArgumentTypes(cpg);
            Object[] args = new Object[types.length];
            int depth = stack.size();
            for (int a = types.length - 1; a >= 0; a--) {
                depth -= types[a].getSize();
                if (depth < 0) {
                    return null;
                }
                args[a] = types[a].getSize() == 1 ? stack.get(depth) : UNKNOWN;
            }
            String owner = call.getReferenceType(cpg).getSignature();
            if (!owner.startsWith("L")) {
                return null;
            }
            MethodDescriptor md = DescriptorFactory.instance().getMethodDescriptor(owner.substring(1, owner.length() - 1),
                    call.getMethodName(cpg), call.getSignature(cpg), op == Const.INVOKESTATIC);
            return new CallResult(pc, md, Arrays.asList(args));
        }

        /** What the callee's facts for a zero (or non-zero) result say of this method's parameters. */
        private Set<Guard> resultFacts(CallResult r, boolean zero) {
            ParamBranches callee = callees.of(r.callee);
            Set<Guard> facts = zero ? callee.whenZero : callee.whenNonZero;
            Set<Guard> out = new HashSet<>();
            for (Guard g : facts) {
                Object arg = g.param < r.args.size() ? r.args.get(g.param) : UNKNOWN;
                Set<Guard> mine = needsThrough(g, arg instanceof Param ? new ParamArg(((Param) arg).index)
                        : arg == UNKNOWN || arg instanceof Masked || arg instanceof Test || arg instanceof CallResult ? null : arg);
                if (mine != null) {
                    out.addAll(mine);
                }
            }
            return out;
        }

        /** The locals after a store (the stored value, when one word) or an {@code iinc} (not known). */
        private List<Object> stored(Instruction i, List<Object> stack, List<Object> locals) {
            int index = i instanceof IINC ? ((IINC) i).getIndex() : ((StoreInstruction) i).getIndex();
            int words = i instanceof IINC ? 1 : i.consumeStack(cpg);
            Object value = UNKNOWN;
            if (i instanceof StoreInstruction && stack != null) {
                if (words == 1 && !stack.isEmpty()) {
                    value = stack.get(stack.size() - 1);
                }
                pop(stack, words);
            }
            if (locals == null) {
                return null;
            }
            List<Object> out = new ArrayList<>(locals);
            if (index < out.size()) {
                out.set(index, value);
            }
            if (words == 2 && index + 1 < out.size()) {
                out.set(index + 1, UNKNOWN);
            }
            return Collections.unmodifiableList(out);
        }

        /** The instructions whose pushed value is known; false for every other instruction. */
        private boolean push(Instruction i, List<Object> stack, List<Object> locals) {
            short op = i.getOpcode();
            if (i instanceof ICONST) {
                stack.add(((ICONST) i).getValue().intValue());
            } else if (i instanceof BIPUSH) {
                stack.add(((BIPUSH) i).getValue().intValue());
            } else if (i instanceof SIPUSH) {
                stack.add(((SIPUSH) i).getValue().intValue());
            } else if (i instanceof LDC && ((LDC) i).getValue(cpg) instanceof Integer) {
                stack.add(((LDC) i).getValue(cpg));
            } else if (op == Const.ACONST_NULL) {
                stack.add(NULL);
            } else if (op == Const.NEW) {
                stack.add(NON_NULL);
            } else if (i instanceof LoadInstruction && i.produceStack(cpg) == 1) {
                int index = ((LoadInstruction) i).getIndex();
                stack.add(locals != null && index < locals.size() ? locals.get(index) : UNKNOWN);
            } else if (op == Const.DUP && !stack.isEmpty()) {
                stack.add(stack.get(stack.size() - 1));
            } else if (op == Const.GETSTATIC && ((FieldInstruction) i).getSignature(cpg).startsWith("L")) {
                FieldInstruction f = (FieldInstruction) i;
                stack.add(new StaticRef(f.getReferenceType(cpg).toString(), f.getFieldName(cpg), constants));
            } else if (op == Const.IAND && stack.size() >= 2) {
                Object a = stack.remove(stack.size() - 1);
                Object b = stack.remove(stack.size() - 1);
                stack.add(masked(a, b));
            } else if (i instanceof InvokeInstruction && isEqualsCall((InvokeInstruction) i) && stack.size() >= 2) {
                Object arg = stack.remove(stack.size() - 1);
                Object receiver = stack.remove(stack.size() - 1);
                stack.add(comparison(receiver, arg, Relation.EQUALS));
            } else {
                return false;
            }
            return true;
        }

        private boolean isEqualsCall(InvokeInstruction call) {
            return (call.getOpcode() == Const.INVOKEVIRTUAL || call.getOpcode() == Const.INVOKEINTERFACE)
                    && "equals".equals(call.getMethodName(cpg)) && "(Ljava/lang/Object;)Z".equals(call.getSignature(cpg));
        }

        private static Object masked(Object a, Object b) {
            if (a instanceof Param && b instanceof Integer || a instanceof Integer && b instanceof Param) {
                Param p = (Param) (a instanceof Param ? a : b);
                return new Masked(p.index, (Integer) (a instanceof Integer ? a : b));
            }
            if (a instanceof Masked && b instanceof Integer || a instanceof Integer && b instanceof Masked) {
                Masked m = (Masked) (a instanceof Masked ? a : b);
                return new Masked(m.param, m.mask & (Integer) (a instanceof Integer ? a : b));
            }
            return UNKNOWN;
        }

        /** A parameter compared with a static field's value (either way round): a {@link Test}; else unknown. */
        private static Object comparison(Object a, Object b, Relation relation) {
            if (a instanceof StaticRef && b instanceof Param) {
                Object t = a;
                a = b;
                b = t;
            }
            if (a instanceof Param && b instanceof StaticRef) {
                return new Test(new Guard(((Param) a).index, -1, relation, true, Set.of(b)));
            }
            return UNKNOWN;
        }

        private void branch(InstructionHandle h, BranchInstruction b, List<Object> stack, List<Object> locals,
                Set<Guard> guards, Deque<InstructionHandle> work) {
            short op = b.getOpcode();
            Guard taken = null;
            Set<Guard> whenTaken = Set.of();
            Set<Guard> otherwise = Set.of();
            if (stack != null && !stack.isEmpty()) {
                taken = guardTaken(op, stack);
                Object top = stack.get(stack.size() - 1);
                if (taken != null) {
                    whenTaken = Set.of(taken);
                    otherwise = Set.of(taken.negated());
                } else if ((op == Const.IFEQ || op == Const.IFNE) && top instanceof CallResult) {
                    Set<Guard> zero = resultFacts((CallResult) top, true);
                    Set<Guard> nonZero = resultFacts((CallResult) top, false);
                    whenTaken = op == Const.IFEQ ? zero : nonZero;
                    otherwise = op == Const.IFEQ ? nonZero : zero;
                }
            }
            List<Object> after = stack;
            if (stack != null) {
                after = new ArrayList<>(stack);
                pop(after, b.consumeStack(cpg));
            }
            if (b instanceof Select) {
                for (InstructionHandle t : ((Select) b).getTargets()) {
                    merge(t, new State(after, locals, guards), work);
                }
                merge(((Select) b).getTarget(), new State(after, locals, guards), work);
                return;
            }
            merge(b.getTarget(), new State(after, locals, withAll(guards, whenTaken)), work);
            if (op != Const.GOTO && op != Const.GOTO_W && h.getNext() != null) {
                merge(h.getNext(), new State(after, locals, withAll(guards, otherwise)), work);
            }
        }

        /** The fact that holds when a conditional branch is taken; null when none is known. */
        private static Guard guardTaken(short op, List<Object> stack) {
            Object top = stack.get(stack.size() - 1);
            if (op == Const.IFEQ || op == Const.IFNE) {
                boolean zeroWhenTaken = op == Const.IFEQ;
                if (top instanceof Test) {
                    return zeroWhenTaken ? ((Test) top).guard.negated() : ((Test) top).guard;
                }
                if (top instanceof Param || top instanceof Masked) {
                    return valueGuard(top, zeroWhenTaken, 0);
                }
                return top instanceof Choice ? selected((Choice) top, zeroWhenTaken, 0) : null;
            }
            if ((op == Const.IFNULL || op == Const.IFNONNULL) && top instanceof Param) {
                return new Guard(((Param) top).index, op == Const.IFNULL, NULL);
            }
            if (stack.size() < 2) {
                return null;
            }
            Object a = stack.get(stack.size() - 2);
            if (op == Const.IF_ICMPEQ || op == Const.IF_ICMPNE) {
                Object c = top;
                if (a instanceof Integer && (c instanceof Param || c instanceof Masked)) {
                    Object t = a;
                    a = c;
                    c = t;
                }
                if (a instanceof Integer && c instanceof Choice) {
                    Object t = a;
                    a = c;
                    c = t;
                }
                if (a instanceof Choice && c instanceof Integer) {
                    return selected((Choice) a, op == Const.IF_ICMPEQ, (Integer) c);
                }
                return c instanceof Integer ? valueGuard(a, op == Const.IF_ICMPEQ, (Integer) c) : null;
            }
            if (op == Const.IF_ACMPEQ || op == Const.IF_ACMPNE) {
                Object test = comparison(a, top, Relation.SAME);
                if (test instanceof Test) {
                    Guard g = ((Test) test).guard;
                    return op == Const.IF_ACMPEQ ? g : g.negated();
                }
            }
            return null;
        }

        /** The fact under which a {@link Choice} is {@code == constant} (or {@code !=}); null when both or neither are. */
        private static Guard selected(Choice s, boolean equal, int constant) {
            boolean whenTrue = (s.ifTrue == constant) == equal;
            boolean whenFalse = (s.ifFalse == constant) == equal;
            return whenTrue == whenFalse ? null : whenTrue ? s.guard : s.guard.negated();
        }

        /** {@code value == constant} (or {@code !=}) for a parameter or its masked bits; null for anything else. */
        private static Guard valueGuard(Object value, boolean equal, int constant) {
            if (value instanceof Param) {
                return new Guard(((Param) value).index, -1, Relation.VALUE, equal, Set.of(constant));
            }
            if (value instanceof Masked) {
                Masked m = (Masked) value;
                return new Guard(m.param, m.mask, Relation.VALUE, equal, Set.of(constant));
            }
            return null;
        }

        private void recordArguments(int pc, InvokeInstruction call, List<Object> stack) {
            Type[] args = call.getArgumentTypes(cpg);
            Object[] values = new Object[args.length];
            int depth = stack.size();
            boolean any = false;
            for (int a = args.length - 1; a >= 0; a--) {
                depth -= args[a].getSize();
                if (depth < 0) {
                    return;
                }
                Object v = args[a].getSize() == 1 ? stack.get(depth) : UNKNOWN;
                values[a] = v instanceof Param || v instanceof Integer || v instanceof StaticRef || v instanceof Choice
                        || v == NULL || v == NON_NULL ? v : null;
                any |= values[a] != null;
            }
            ConcurrencyApi.Entry api = call.getOpcode() == Const.INVOKEDYNAMIC ? null : ConcurrencyApi.lookup(call, cpg);
            boolean callsBack = api != null && api.effect() == ConcurrencyApi.Effect.CALLS_BACK;
            // States only lose facts as the pass goes on: the last visit of a call is the join of every path to it.
            if (any || callsBack && args.length == 0) {
                arguments.put(pc, values);
                invoked.put(pc, call.getMethodName(cpg) + call.getSignature(cpg));
                if (callsBack) {
                    callbacks.put(pc, api.samName() + api.samDescriptor());
                }
            } else {
                arguments.remove(pc);
                invoked.remove(pc);
                callbacks.remove(pc);
            }
        }

        private static void pop(List<Object> stack, int words) {
            for (int k = 0; k < words && !stack.isEmpty(); k++) {
                stack.remove(stack.size() - 1);
            }
        }
    }

    private static final Object UNKNOWN = new Object();

    private static Set<Guard> withAll(Set<Guard> guards, Set<Guard> more) {
        Set<Guard> out = guards;
        for (Guard g : more) {
            out = with(out, g);
        }
        return out;
    }

    private static Set<Guard> with(Set<Guard> guards, Guard g) {
        if (g == null || guards.contains(g) || guards.size() >= MAX_GUARDS) {
            return guards;
        }
        Set<Guard> out = new HashSet<>(guards);
        out.add(g);
        return Collections.unmodifiableSet(out);
    }

    /** The abstract operand stack (null: not known, after a merge of different depths), locals, and the guards known. */
    private static final class State {
        static final State NOTHING_KNOWN = new State(null, null, Set.of());

        final List<Object> stack;
        /** Null: nothing known of any local. */
        final List<Object> locals;
        final Set<Guard> guards;

        State(List<Object> stack, List<Object> locals, Set<Guard> guards) {
            this.stack = stack;
            this.locals = locals;
            this.guards = guards;
        }

        /** The join of two states: what either way knows; stack and locals where both agree. */
        State join(State o) {
            if (this == NOTHING_KNOWN || o == NOTHING_KNOWN) {
                return NOTHING_KNOWN;
            }
            Set<Guard> g = either(guards, o.guards);
            return new State(joined(stack, o.stack, o.guards), joined(locals, o.locals, o.guards), g);
        }

        private List<Object> joined(List<Object> a, List<Object> b, Set<Guard> otherGuards) {
            if (a == null || b == null || a.size() != b.size()) {
                return null;
            }
            if (a.equals(b)) {
                return a;
            }
            List<Object> s = new ArrayList<>(a.size());
            for (int k = 0; k < a.size(); k++) {
                s.add(joinedValue(a.get(k), b.get(k), otherGuards));
            }
            return s;
        }

        /**
         * This state's value joined with another path's: the same value, or two constants that a fact of this path and
         * its opposite on the other tell apart (a {@link Choice}); else unknown.
         */
        private Object joinedValue(Object mine, Object other, Set<Guard> otherGuards) {
            if (Objects.equals(mine, other)) {
                return mine;
            }
            if (mine instanceof Integer && other instanceof Integer) {
                for (Guard g : guards) {
                    if (otherGuards.contains(g.negated())) {
                        return new Choice(g, (Integer) mine, (Integer) other);
                    }
                }
            }
            if (mine instanceof Choice && other instanceof Integer && chooses((Choice) mine, (Integer) other, otherGuards)) {
                return mine;
            }
            if (other instanceof Choice && mine instanceof Integer && chooses((Choice) other, (Integer) mine, guards)) {
                return other;
            }
            return UNKNOWN;
        }

        /** Whether a path with {@code facts} and the value {@code v} agrees with {@code c} (so {@code c} covers it). */
        private static boolean chooses(Choice c, int v, Set<Guard> facts) {
            return v == c.ifTrue && facts.contains(c.guard) || v == c.ifFalse && facts.contains(c.guard.negated());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State && Objects.equals(((State) o).stack, stack) && Objects.equals(((State) o).locals, locals)
                    && ((State) o).guards.equals(guards);
        }

        @Override
        public int hashCode() {
            return Objects.hash(stack, locals, guards);
        }
    }
}
