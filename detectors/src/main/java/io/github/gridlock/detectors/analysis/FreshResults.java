package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.ReferenceType;
import org.apache.bcel.generic.ReturnInstruction;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which calls return an object nobody else can reach yet: a <b>factory</b> whose every return value is an object it
 * allocated ({@code new}), or the result of a call to such a factory, and that it did not publish before returning
 * it: not stored into a field, a static or an array, not thrown, not passed to a call other than its own constructor
 * unless every target of that call is analysed and keeps the argument to itself (stores it nowhere, passes it on only
 * to calls that keep it too, does not return it: {@code td.setUUID(id)}). {@code null} returns are allowed. A call
 * qualifies only when every one of its targets is analysed and qualifies (a closed world), and the chain of
 * factories is followed {@link #MAX_DEPTH} calls deep; memoised per method and per set of arguments the call passes
 * as {@code null} (a call on such an argument cannot run: {@code list.add(td)} when the caller passed no list).
 *
 * <p>One pass of a small abstract interpreter over the method's bytecode to a fixpoint (values: the allocation or
 * call sites they may come from, "something else", null); where a value escapes is not flow-sensitive (an escape
 * anywhere in the method counts). The layer knows bytecode and reports nothing; a family decides what a fresh
 * object means to it (lock order: a lock on it makes no edge).
 */
public final class FreshResults {

    /** The analysed targets of the call at {@code pc} of {@code caller}, or null when not every target is analysed. */
    public interface Targets {
        List<MethodDescriptor> at(MethodDescriptor caller, int pc);
    }

    /** Factory calls followed, one inside the other. */
    public static final int MAX_DEPTH = 5;

    /** Implementations followed for a virtual call the layer leaves unresolved. */
    public static final int MAX_VIRTUAL_TARGETS = 32;

    private final Targets targets;
    private final Map<String, Boolean> memo = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    /** Counts answers cut by depth or recursion: a "no" reached after a cut is not memoised. */
    private int cuts;

    public FreshResults(Targets targets) {
        this.targets = targets;
    }

    /**
     * True when the call at {@code pc} of {@code caller} returns a fresh unpublished object (or null): every analysed
     * target does, and there is at least one.
     */
    public boolean isFreshResult(MethodDescriptor caller, int pc) {
        List<MethodDescriptor> ts = targets.at(caller, pc);
        if (ts == null || ts.isEmpty() || lambdaMayRun(caller, pc)) {
            return false;
        }
        long nulls = nullArguments(caller, pc);
        for (MethodDescriptor t : ts) {
            if (!returnsFresh(t, nulls, 1)) {
                return false;
            }
        }
        return true;
    }

    private final Map<String, Long> nullArgsMemo = new HashMap<>();

    /**
     * Whether the call at {@code pc} of {@code caller} is on an interface a lambda may implement: the layer's targets
     * are the class hierarchy's, which lists no lambda, so "every target returns a new object" cannot be known.
     */
    private boolean lambdaMayRun(MethodDescriptor caller, int pc) {
        Method m = find(caller);
        if (m == null || m.getCode() == null) {
            return true;
        }
        InstructionHandle h = new InstructionList(m.getCode().getCode()).findHandle(pc);
        return h == null || !(h.getInstruction() instanceof InvokeInstruction)
                || lambdaMayRun((InvokeInstruction) h.getInstruction(), cpgOf(caller));
    }

    private static boolean lambdaMayRun(InvokeInstruction call, ConstantPoolGen cpg) {
        ReferenceType reference = call.getReferenceType(cpg);
        return call.getOpcode() == Const.INVOKEINTERFACE && reference instanceof ObjectType
                && CallGraph.lambdaMayImplement(((ObjectType) reference).getClassName());
    }

    /** The arguments (call order, receiver first) the call at {@code pc} of {@code caller} always passes as null. */
    private long nullArguments(MethodDescriptor caller, int pc) {
        String key = pc + "/" + caller;
        Long known = nullArgsMemo.get(key);
        if (known != null) {
            return known;
        }
        long out = 0L;
        try {
            Method m = find(caller);
            if (m != null && m.getCode() != null) {
                Interpreter probe = new Interpreter(m, cpgOf(caller), caller, PROBE, 0L, MAX_DEPTH);
                probe.probePc = pc;
                probe.run();
                out = probe.probed == null ? 0L : probe.probed;
            }
        } catch (RuntimeException e) {
            out = 0L;
        }
        nullArgsMemo.put(key, out);
        return out;
    }

    /** True when every return of {@code method} returns a fresh unpublished object or null. */
    public boolean returnsFresh(MethodDescriptor method) {
        return returnsFresh(method, 0L, 1);
    }

    private boolean returnsFresh(MethodDescriptor method, long nullArgs, int depth) {
        return ask("R", method, -1, nullArgs, depth);
    }

    /** True when {@code method} keeps argument {@code arg} (call order, receiver first) to itself. */
    private boolean keeps(MethodDescriptor method, int arg, long nullArgs, int depth) {
        return ask("K", method, arg, nullArgs, depth);
    }

    private boolean ask(String mode, MethodDescriptor method, int arg, long nullArgs, int depth) {
        String key = mode + arg + "/" + nullArgs + "/" + method;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH || !inProgress.add(key)) {
            cuts++;
            return false;
        }
        int cutsBefore = cuts;
        boolean answer;
        try {
            Method m = find(method);
            answer = m != null && m.getCode() != null && !m.isNative() && !m.isAbstract()
                    && new Interpreter(m, cpgOf(method), method, arg, nullArgs, depth).run();
        } catch (RuntimeException e) {
            answer = false; // unreadable bytecode: no fact
        } finally {
            inProgress.remove(key);
        }
        if (answer || cuts == cutsBefore) {
            memo.put(key, answer);
        }
        return answer;
    }

    private final Map<String, JavaClass> classes = new HashMap<>();

    private JavaClass classOf(MethodDescriptor md) {
        String name = md.getClassDescriptor().getDottedClassName();
        if (classes.containsKey(name)) {
            return classes.get(name);
        }
        JavaClass jc = ClassFiles.load(name);
        classes.put(name, jc);
        return jc;
    }

    private Method find(MethodDescriptor md) {
        JavaClass jc = classOf(md);
        return jc == null ? null : ClassFiles.method(jc, md.getName(), md.getSignature());
    }

    private ConstantPoolGen cpgOf(MethodDescriptor md) {
        return ClassFiles.readOnlyPool(classOf(md));
    }

    /** An abstract reference: the sites it may come from ({@link #TRACKED} for the argument followed), other, null. */
    private static final class V {
        static final V OTHER = new V(Collections.emptySet(), true, false);
        static final V NULL = new V(Collections.emptySet(), false, true);
        final Set<Integer> sites;
        final boolean other;
        final boolean nul;

        V(Set<Integer> sites, boolean other, boolean nul) {
            this.sites = sites;
            this.other = other;
            this.nul = nul;
        }

        static V site(int pc) {
            return new V(Set.of(pc), false, false);
        }

        boolean isNull() {
            return nul && !other && sites.isEmpty();
        }

        V join(V o) {
            if (o == this || o == null) {
                return this;
            }
            boolean oth = other || o.other;
            boolean n = nul || o.nul;
            if (sites.containsAll(o.sites) && oth == other && n == nul) {
                return this;
            }
            Set<Integer> s = new HashSet<>(sites);
            s.addAll(o.sites);
            return new V(s, oth, n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof V && ((V) o).sites.equals(sites) && ((V) o).other == other && ((V) o).nul == nul;
        }

        @Override
        public int hashCode() {
            return sites.hashCode() * 4 + (other ? 2 : 0) + (nul ? 1 : 0);
        }
    }

    private static final int TRACKED = -1;
    /** The interpreter's mode that only records which arguments a call passes as null. */
    private static final int PROBE = -2;

    private static final class State {
        final V[] locals;
        final List<V> stack;

        State(V[] locals, List<V> stack) {
            this.locals = locals;
            this.stack = stack;
        }

        State copy() {
            return new State(locals.clone(), new ArrayList<>(stack));
        }

        /** Joins {@code o} into this; true when this changed. */
        boolean joinFrom(State o) {
            boolean changed = false;
            for (int i = 0; i < locals.length; i++) {
                V j = locals[i].join(o.locals[i]);
                if (!j.equals(locals[i])) {
                    locals[i] = j;
                    changed = true;
                }
            }
            if (o.stack.size() != stack.size()) {
                throw new IllegalStateException("stack heights differ");
            }
            for (int i = 0; i < stack.size(); i++) {
                V j = stack.get(i).join(o.stack.get(i));
                if (!j.equals(stack.get(i))) {
                    stack.set(i, j);
                    changed = true;
                }
            }
            return changed;
        }
    }

    private final class Interpreter {
        private final Method method;
        private final ConstantPoolGen cpg;
        private final MethodDescriptor descriptor;
        private final int trackedArg;
        private final long nullArgs;
        private final int depth;
        private final Set<Integer> escaped = new HashSet<>();
        private V returned = null;
        private int probePc = -1;
        private Long probed;

        Interpreter(Method method, ConstantPoolGen cpg, MethodDescriptor descriptor, int trackedArg, long nullArgs,
                int depth) {
            this.method = method;
            this.cpg = cpg;
            this.descriptor = descriptor;
            this.trackedArg = trackedArg;
            this.nullArgs = nullArgs;
            this.depth = depth;
        }

        boolean run() {
            Code code = method.getCode();
            InstructionList il = new InstructionList(code.getCode());
            for (InstructionHandle h : il.getInstructionHandles()) {
                short op = h.getInstruction().getOpcode();
                if (op == Const.JSR || op == Const.JSR_W || op == Const.RET) {
                    return false;
                }
            }
            V[] locals = new V[Math.max(code.getMaxLocals(), 1)];
            Arrays.fill(locals, V.OTHER);
            int slot = 0;
            int arg = 0;
            if (!method.isStatic()) {
                locals[slot++] = entryValue(arg++);
            }
            for (Type t : method.getArgumentTypes()) {
                if (slot < locals.length) {
                    locals[slot] = t.getSize() == 1 ? entryValue(arg) : V.OTHER;
                }
                slot += t.getSize();
                arg++;
            }
            Map<Integer, State> in = new HashMap<>();
            Map<Integer, InstructionHandle> byPc = new HashMap<>();
            for (InstructionHandle h : il.getInstructionHandles()) {
                byPc.put(h.getPosition(), h);
            }
            CodeException[] handlers = code.getExceptionTable() == null ? new CodeException[0] : code.getExceptionTable();
            Deque<InstructionHandle> work = new ArrayDeque<>();
            in.put(0, new State(locals, new ArrayList<>()));
            work.add(il.getStart());
            int steps = 0;
            while (!work.isEmpty()) {
                if (++steps > 200_000) {
                    return false; // a pathological method: no fact
                }
                InstructionHandle h = work.poll();
                State s = in.get(h.getPosition()).copy();
                for (CodeException ce : handlers) {
                    if (h.getPosition() >= ce.getStartPC() && h.getPosition() < ce.getEndPC()) {
                        State hs = new State(s.locals.clone(), new ArrayList<>(List.of(V.OTHER)));
                        flow(in, work, byPc.get(ce.getHandlerPC()), hs);
                    }
                }
                List<InstructionHandle> next = step(h, s);
                for (InstructionHandle n : next) {
                    flow(in, work, n, s);
                }
            }
            if (trackedArg == PROBE) {
                return probed != null;
            }
            if (trackedArg >= 0) {
                return !escaped.contains(TRACKED) && (returned == null || !returned.sites.contains(TRACKED));
            }
            if (returned == null || returned.other) {
                return false; // no return, or one of something else
            }
            for (Integer site : returned.sites) {
                if (escaped.contains(site)) {
                    return false;
                }
            }
            return true;
        }

        private V entryValue(int arg) {
            if (arg == trackedArg) {
                return V.site(TRACKED);
            }
            return arg < 64 && (nullArgs & (1L << arg)) != 0 ? V.NULL : V.OTHER;
        }

        private void flow(Map<Integer, State> in, Deque<InstructionHandle> work, InstructionHandle to, State s) {
            if (to == null) {
                throw new IllegalStateException("no instruction");
            }
            State known = in.get(to.getPosition());
            if (known == null) {
                in.put(to.getPosition(), s.copy());
                work.add(to);
            } else if (known.joinFrom(s) && !work.contains(to)) {
                work.add(to);
            }
        }

        private void escape(V v) {
            escaped.addAll(v.sites);
        }

        private V pop(List<V> stack) {
            return stack.remove(stack.size() - 1);
        }

        private void push(List<V> stack, V v, int words) {
            for (int i = 0; i < words; i++) {
                stack.add(v);
            }
        }

        /** Runs {@code h} on {@code s} (changed in place); the instructions that may run next. */
        private List<InstructionHandle> step(InstructionHandle h, State s) {
            Instruction ins = h.getInstruction();
            List<V> st = s.stack;
            short op = ins.getOpcode();
            switch (op) {
                case Const.ACONST_NULL:
                    st.add(V.NULL);
                    break;
                case Const.NEW:
                    st.add(V.site(h.getPosition()));
                    break;
                case Const.CHECKCAST:
                    break;
                case Const.DUP:
                    st.add(st.get(st.size() - 1));
                    break;
                case Const.DUP_X1: {
                    V a = pop(st);
                    V b = pop(st);
                    st.add(a);
                    st.add(b);
                    st.add(a);
                    break;
                }
                case Const.DUP_X2: {
                    V a = pop(st);
                    V b = pop(st);
                    V c = pop(st);
                    st.add(a);
                    st.add(c);
                    st.add(b);
                    st.add(a);
                    break;
                }
                case Const.DUP2: {
                    V a = st.get(st.size() - 1);
                    V b = st.get(st.size() - 2);
                    st.add(b);
                    st.add(a);
                    break;
                }
                case Const.DUP2_X1: {
                    V a = pop(st);
                    V b = pop(st);
                    V c = pop(st);
                    st.add(b);
                    st.add(a);
                    st.add(c);
                    st.add(b);
                    st.add(a);
                    break;
                }
                case Const.DUP2_X2: {
                    V a = pop(st);
                    V b = pop(st);
                    V c = pop(st);
                    V d = pop(st);
                    st.add(b);
                    st.add(a);
                    st.add(d);
                    st.add(c);
                    st.add(b);
                    st.add(a);
                    break;
                }
                case Const.SWAP: {
                    V a = pop(st);
                    V b = pop(st);
                    st.add(a);
                    st.add(b);
                    break;
                }
                case Const.PUTFIELD:
                case Const.PUTSTATIC: {
                    int size = ((FieldInstruction) ins).getFieldType(cpg).getSize();
                    V value = pop(st);
                    if (size == 2) {
                        pop(st);
                    }
                    if (op == Const.PUTFIELD) {
                        pop(st);
                    }
                    escape(value);
                    break;
                }
                case Const.AASTORE: {
                    V value = pop(st);
                    pop(st);
                    pop(st);
                    escape(value);
                    break;
                }
                case Const.ARETURN: {
                    V value = pop(st);
                    returned = returned == null ? value : returned.join(value);
                    return List.of();
                }
                case Const.ATHROW:
                    escape(pop(st));
                    return List.of();
                case Const.INVOKEDYNAMIC: {
                    InvokeInstruction inv = (InvokeInstruction) ins;
                    Type[] args = inv.getArgumentTypes(cpg);
                    for (int i = args.length - 1; i >= 0; i--) {
                        V v = pop(st);
                        if (args[i].getSize() == 2) {
                            pop(st);
                        }
                        escape(v);
                    }
                    push(st, V.OTHER, inv.getReturnType(cpg).getSize());
                    break;
                }
                default:
                    if (ins instanceof InvokeInstruction) {
                        invoke(h, (InvokeInstruction) ins, st);
                    } else if (op == Const.ALOAD || ins instanceof LoadInstruction && op >= Const.ALOAD_0
                            && op <= Const.ALOAD_3) {
                        st.add(s.locals[((LoadInstruction) ins).getIndex()]);
                    } else if (ins instanceof StoreInstruction) {
                        StoreInstruction store = (StoreInstruction) ins;
                        int idx = store.getIndex();
                        int words = store.consumeStack(cpg);
                        V v = V.OTHER;
                        for (int i = 0; i < words; i++) {
                            v = pop(st);
                        }
                        boolean reference = op == Const.ASTORE || op >= Const.ASTORE_0 && op <= Const.ASTORE_3;
                        s.locals[idx] = reference ? v : V.OTHER;
                        if (words == 2 && idx + 1 < s.locals.length) {
                            s.locals[idx + 1] = V.OTHER;
                        }
                    } else {
                        int consumed = ins.consumeStack(cpg);
                        for (int i = 0; i < consumed; i++) {
                            pop(st);
                        }
                        push(st, V.OTHER, ins.produceStack(cpg));
                    }
            }
            if (ins instanceof ReturnInstruction) {
                return List.of();
            }
            List<InstructionHandle> next = new ArrayList<>(2);
            if (ins instanceof Select) {
                next.addAll(Arrays.asList(((Select) ins).getTargets()));
                next.add(((Select) ins).getTarget());
                return next;
            }
            if (ins instanceof BranchInstruction) {
                next.add(((BranchInstruction) ins).getTarget());
                if (ins instanceof GotoInstruction) {
                    return next;
                }
            }
            if (h.getNext() != null) {
                next.add(h.getNext());
            }
            return next;
        }

        /**
         * The call's analysed targets as the layer lists them, none when a lambda may implement its interface; for a
         * virtual call the layer leaves unresolved (more than its bound of targets), {@link CallGraph#closedWorldTargets}
         * up to {@link #MAX_VIRTUAL_TARGETS}: every implementation, when all of them are analysed code; null otherwise.
         */
        private List<MethodDescriptor> targetsOf(InvokeInstruction inv, int pc) {
            if (lambdaMayRun(inv, cpg)) {
                return null;
            }
            List<MethodDescriptor> ts = targets.at(descriptor, pc);
            if (ts != null || inv.getOpcode() != Const.INVOKEVIRTUAL && inv.getOpcode() != Const.INVOKEINTERFACE) {
                return ts;
            }
            ReferenceType reference = inv.getReferenceType(cpg);
            if (!(reference instanceof ObjectType)) {
                return null; // a call on an array type (names.clone()) runs no analysed code
            }
            List<XMethod> all = CallGraph.closedWorldTargets(((ObjectType) reference).getClassName(), inv.getMethodName(cpg),
                    inv.getSignature(cpg), MAX_VIRTUAL_TARGETS);
            if (all == null) {
                return null;
            }
            List<MethodDescriptor> out = new ArrayList<>();
            for (XMethod m : all) {
                out.add(m.getMethodDescriptor());
            }
            return out;
        }

        private void invoke(InstructionHandle h, InvokeInstruction inv, List<V> st) {
            Type[] types = inv.getArgumentTypes(cpg);
            boolean hasReceiver = inv.getOpcode() != Const.INVOKESTATIC;
            int n = types.length + (hasReceiver ? 1 : 0);
            V[] args = new V[n];
            for (int i = types.length - 1; i >= 0; i--) {
                args[i + (hasReceiver ? 1 : 0)] = pop(st);
                if (types[i].getSize() == 2) {
                    pop(st);
                }
            }
            if (hasReceiver) {
                args[0] = pop(st);
            }
            Type ret = inv.getReturnType(cpg);
            boolean constructor = inv.getOpcode() == Const.INVOKESPECIAL && "<init>".equals(inv.getMethodName(cpg));
            long nulls = 0L;
            for (int i = 0; i < n && i < 64; i++) {
                if (args[i].isNull()) {
                    nulls |= 1L << i;
                }
            }
            if (trackedArg == PROBE) {
                if (h.getPosition() == probePc) {
                    probed = probed == null ? nulls : probed & nulls;
                }
                push(st, V.OTHER, ret.getSize());
                return;
            }
            if (hasReceiver && args[0].isNull()) {
                push(st, V.OTHER, ret.getSize()); // the call cannot run: a null receiver
                return;
            }
            List<MethodDescriptor> ts = null;
            boolean asked = false;
            for (int i = 0; i < n; i++) {
                V v = args[i];
                if (v.sites.isEmpty() || i == 0 && constructor) {
                    continue;
                }
                if (!asked) {
                    ts = targetsOf(inv, h.getPosition());
                    asked = true;
                }
                boolean kept = ts != null && !ts.isEmpty();
                if (kept) {
                    for (MethodDescriptor t : ts) {
                        if (!keeps(t, i, nulls, depth + 1)) {
                            kept = false;
                            break;
                        }
                    }
                }
                if (!kept) {
                    escape(v);
                }
            }
            if (ret.getSize() == 0) {
                return;
            }
            if (trackedArg < 0 && ret.getType() == Const.T_OBJECT) {
                if (!asked) {
                    ts = targetsOf(inv, h.getPosition());
                }
                boolean fresh = ts != null && !ts.isEmpty();
                if (fresh) {
                    for (MethodDescriptor t : ts) {
                        if (!returnsFresh(t, nulls, depth + 1)) {
                            fresh = false;
                            break;
                        }
                    }
                }
                st.add(fresh ? V.site(h.getPosition()) : V.OTHER);
                return;
            }
            push(st, V.OTHER, ret.getSize());
        }
    }
}
