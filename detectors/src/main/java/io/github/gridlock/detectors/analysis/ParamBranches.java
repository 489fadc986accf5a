package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.BIPUSH;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
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
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
 * CFG or dataflow of SpotBugs is built). Only parameters the method never stores to are tracked, and only tests
 * against a constant that the branch itself makes: {@code ifeq}/{@code ifne} (a boolean or an int against 0),
 * {@code if_icmpeq}/{@code if_icmpne} against a pushed constant, {@code ifnull}/{@code ifnonnull}. An exception
 * handler, a {@code jsr}, arithmetic on a parameter: nothing is known there, which only means no code is cut.
 */
public final class ParamBranches {
    /** A known fact about a parameter ({@link #param}, 0-based without {@code this}): equal or not to a value. */
    public static final class Guard {
        final int param;
        final boolean equal;
        final Object value;

        Guard(int param, boolean equal, Object value) {
            this.param = param;
            this.equal = equal;
            this.value = value;
        }

        public int param() {
            return param;
        }

        /** Whether the guard holds when the parameter is {@code constant}; null when it cannot say. */
        public Boolean holdsFor(Object constant) {
            if (constant == null) {
                return null;
            }
            if (value == NULL) {
                if (constant != NULL && constant != NON_NULL) {
                    return null;
                }
                return (constant == NULL) == equal;
            }
            if (!(constant instanceof Integer)) {
                return null;
            }
            return value.equals(constant) == equal;
        }

        /** The same fact about the caller's parameter {@code param}. */
        public Guard on(int callerParam) {
            return new Guard(callerParam, equal, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Guard && ((Guard) o).param == param && ((Guard) o).equal == equal
                    && ((Guard) o).value.equals(value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(param, equal, value);
        }

        @Override
        public String toString() {
            return "param#" + param + (equal ? " == " : " != ") + (value == NULL ? "null" : value);
        }
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

    /** A stack value that is the method's unmodified parameter {@link #index}. */
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

    public static final ParamBranches NONE = new ParamBranches(Map.of(), Map.of(), Map.of());

    private final Map<Integer, Set<Guard>> guards;
    private final Map<Integer, Object[]> arguments;
    private final Map<Integer, String> invoked;

    private ParamBranches(Map<Integer, Set<Guard>> guards, Map<Integer, Object[]> arguments, Map<Integer, String> invoked) {
        this.guards = guards;
        this.arguments = arguments;
        this.invoked = invoked;
    }

    /** Whether the instruction at {@code pc} calls a method {@code name} with {@code signature}, with a known argument. */
    public boolean invokes(int pc, String name, String signature) {
        String at = invoked.get(pc);
        return at != null && at.length() == name.length() + signature.length() && at.startsWith(name) && at.endsWith(signature);
    }

    /** The facts about parameters that hold whenever the instruction at {@code pc} runs. */
    public Set<Guard> guardsAt(int pc) {
        return guards.getOrDefault(pc, Set.of());
    }

    /**
     * Argument {@code arg} of the call at {@code pc}: an {@link Integer}, {@link #NULL} or {@link #NON_NULL} for a
     * constant, the caller's parameter index (a {@link ParamArg}) for an unmodified parameter passed on, or null.
     */
    public Object argumentAt(int pc, int arg) {
        Object[] args = arguments.get(pc);
        if (args == null || arg >= args.length) {
            return null;
        }
        Object v = args[arg];
        return v instanceof Param ? new ParamArg(((Param) v).index) : v;
    }

    /** An argument that is the calling method's own (unmodified) parameter. */
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
        return compute(method);
    }

    private static ParamBranches compute(MethodDescriptor md) {
        JavaClass jc;
        try {
            jc = Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    DescriptorFactory.createClassDescriptorFromDottedClassName(md.getClassDescriptor().getDottedClassName()));
        } catch (CheckedAnalysisException | RuntimeException e) {
            return NONE; // a class the analysis cannot read has no summary either: nothing to cut
        }
        for (Method m : jc.getMethods()) {
            if (m.getName().equals(md.getName()) && m.getSignature().equals(md.getSignature())) {
                return m.getCode() == null ? NONE : new Interpreter(m, new ConstantPoolGen(jc.getConstantPool())).run();
            }
        }
        return NONE;
    }

    /** One forward pass to a fixpoint: per instruction, the abstract operand stack and the guards known. */
    private static final class Interpreter {
        private final Method method;
        private final ConstantPoolGen cpg;
        private final Map<Integer, Integer> paramOfSlot = new HashMap<>();
        private final Map<InstructionHandle, State> states = new HashMap<>();
        private final Map<Integer, Object[]> arguments = new HashMap<>();
        private final Map<Integer, String> invoked = new HashMap<>();

        Interpreter(Method method, ConstantPoolGen cpg) {
            this.method = method;
            this.cpg = cpg;
        }

        ParamBranches run() {
            InstructionList il;
            try {
                il = new InstructionList(method.getCode().getCode());
            } catch (RuntimeException e) {
                return NONE; // unreadable bytecode: SpotBugs reports the method itself
            }
            Set<Integer> stored = new HashSet<>();
            for (InstructionHandle h : il.getInstructionHandles()) {
                Instruction i = h.getInstruction();
                if (i.getOpcode() == Const.JSR || i.getOpcode() == Const.JSR_W || i.getOpcode() == Const.RET) {
                    return NONE; // subroutines share code between paths: no facts
                }
                if (i instanceof StoreInstruction) {
                    stored.add(((StoreInstruction) i).getIndex());
                } else if (i instanceof IINC) {
                    stored.add(((IINC) i).getIndex());
                }
            }
            int slot = method.isStatic() ? 0 : 1;
            Type[] params = method.getArgumentTypes();
            for (int p = 0; p < params.length; p++) {
                if (!stored.contains(slot) && params[p].getSize() == 1) {
                    paramOfSlot.put(slot, p);
                }
                slot += params[p].getSize();
            }
            Deque<InstructionHandle> work = new ArrayDeque<>();
            merge(il.getStart(), new State(List.of(), Set.of()), work);
            Map<Integer, InstructionHandle> byPc = new HashMap<>();
            for (InstructionHandle h : il.getInstructionHandles()) {
                byPc.put(h.getPosition(), h);
            }
            Code code = method.getCode();
            for (CodeException ce : code.getExceptionTable()) {
                InstructionHandle handler = byPc.get(ce.getHandlerPC());
                if (handler != null) {
                    merge(handler, new State(List.of(UNKNOWN), Set.of()), work);
                }
            }
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
            return guards.isEmpty() && arguments.isEmpty() ? NONE : new ParamBranches(guards, arguments, invoked);
        }

        private void merge(InstructionHandle at, State in, Deque<InstructionHandle> work) {
            State old = states.get(at);
            State merged = old == null ? in : old.join(in);
            if (old == null || !merged.equals(old)) {
                states.put(at, merged);
                work.add(at);
            }
        }

        private void step(InstructionHandle h, State s, Deque<InstructionHandle> work) {
            Instruction i = h.getInstruction();
            List<Object> stack = s.stack == null ? null : new ArrayList<>(s.stack);
            if (i instanceof InvokeInstruction && stack != null) {
                recordArguments(h.getPosition(), (InvokeInstruction) i, stack);
            }
            short op = i.getOpcode();
            if (i instanceof BranchInstruction) {
                branch(h, (BranchInstruction) i, stack, s.guards, work);
                return;
            }
            if (op == Const.ATHROW || op >= Const.IRETURN && op <= Const.RETURN) {
                return;
            }
            if (stack != null) {
                if (!push(i, stack)) {
                    pop(stack, i.consumeStack(cpg));
                    for (int k = 0; k < i.produceStack(cpg); k++) {
                        stack.add(UNKNOWN);
                    }
                }
            }
            if (h.getNext() != null) {
                merge(h.getNext(), new State(stack, s.guards), work);
            }
        }

        /** The instructions whose pushed value is known; false for every other instruction. */
        private boolean push(Instruction i, List<Object> stack) {
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
                Integer p = paramOfSlot.get(((LoadInstruction) i).getIndex());
                stack.add(p == null ? UNKNOWN : new Param(p));
            } else if (op == Const.DUP && !stack.isEmpty()) {
                stack.add(stack.get(stack.size() - 1));
            } else {
                return false;
            }
            return true;
        }

        private void branch(InstructionHandle h, BranchInstruction b, List<Object> stack, Set<Guard> guards,
                Deque<InstructionHandle> work) {
            short op = b.getOpcode();
            Guard taken = null;
            Guard fallThrough = null;
            if (stack != null && (op == Const.IFEQ || op == Const.IFNE || op == Const.IFNULL || op == Const.IFNONNULL)
                    && !stack.isEmpty() && stack.get(stack.size() - 1) instanceof Param) {
                int p = ((Param) stack.get(stack.size() - 1)).index;
                Object value = op == Const.IFNULL || op == Const.IFNONNULL ? NULL : (Object) 0;
                boolean equalWhenTaken = op == Const.IFEQ || op == Const.IFNULL;
                taken = new Guard(p, equalWhenTaken, value);
                fallThrough = new Guard(p, !equalWhenTaken, value);
            } else if (stack != null && (op == Const.IF_ICMPEQ || op == Const.IF_ICMPNE) && stack.size() >= 2) {
                Object a = stack.get(stack.size() - 2);
                Object c = stack.get(stack.size() - 1);
                if (a instanceof Integer && c instanceof Param) {
                    Object t = a;
                    a = c;
                    c = t;
                }
                if (a instanceof Param && c instanceof Integer) {
                    int p = ((Param) a).index;
                    taken = new Guard(p, op == Const.IF_ICMPEQ, c);
                    fallThrough = new Guard(p, op != Const.IF_ICMPEQ, c);
                }
            }
            List<Object> after = stack;
            if (stack != null) {
                after = new ArrayList<>(stack);
                pop(after, b.consumeStack(cpg));
            }
            if (b instanceof Select) {
                for (InstructionHandle t : ((Select) b).getTargets()) {
                    merge(t, new State(after, guards), work);
                }
                merge(((Select) b).getTarget(), new State(after, guards), work);
                return;
            }
            merge(b.getTarget(), new State(after, with(guards, taken)), work);
            if (op != Const.GOTO && op != Const.GOTO_W && h.getNext() != null) {
                merge(h.getNext(), new State(after, with(guards, fallThrough)), work);
            }
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
                values[a] = v == UNKNOWN ? null : v;
                any |= values[a] != null;
            }
            // States only lose facts as the pass goes on: the last visit of a call is the join of every path to it.
            if (any) {
                arguments.put(pc, values);
                invoked.put(pc, call.getMethodName(cpg) + call.getSignature(cpg));
            } else {
                arguments.remove(pc);
                invoked.remove(pc);
            }
        }

        private static void pop(List<Object> stack, int words) {
            for (int k = 0; k < words && !stack.isEmpty(); k++) {
                stack.remove(stack.size() - 1);
            }
        }
    }

    private static final Object UNKNOWN = new Object();

    private static Set<Guard> with(Set<Guard> guards, Guard g) {
        if (g == null || guards.contains(g)) {
            return guards;
        }
        Set<Guard> out = new HashSet<>(guards);
        out.add(g);
        return Collections.unmodifiableSet(out);
    }

    private static Set<Guard> intersect(Set<Guard> a, Set<Guard> b) {
        if (a.equals(b)) {
            return a;
        }
        Set<Guard> out = new HashSet<>(a);
        out.retainAll(b);
        return Collections.unmodifiableSet(out);
    }

    /** The abstract operand stack (null: not known, after a merge of different depths) and the guards known. */
    private static final class State {
        final List<Object> stack;
        final Set<Guard> guards;

        State(List<Object> stack, Set<Guard> guards) {
            this.stack = stack;
            this.guards = guards;
        }

        /** The join of two states: the guards both know; the stack where both have one of the same depth. */
        State join(State o) {
            Set<Guard> g = intersect(guards, o.guards);
            if (stack == null || o.stack == null || stack.size() != o.stack.size()) {
                return new State(null, g);
            }
            List<Object> s = new ArrayList<>(stack.size());
            for (int k = 0; k < stack.size(); k++) {
                s.add(Objects.equals(stack.get(k), o.stack.get(k)) ? stack.get(k) : UNKNOWN);
            }
            return new State(s, g);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State && Objects.equals(((State) o).stack, stack) && ((State) o).guards.equals(guards);
        }

        @Override
        public int hashCode() {
            return Objects.hash(stack, guards);
        }
    }
}
