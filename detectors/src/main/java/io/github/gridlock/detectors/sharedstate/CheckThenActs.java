package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Hierarchy;
import edu.umd.cs.findbugs.ba.XField;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.BytecodeScreen;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.Step;
import io.github.gridlock.detectors.analysis.SummaryPart;
import org.apache.bcel.Const;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.Select;
import org.apache.bcel.generic.StoreInstruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The family's summary part for GL_CHECK_THEN_ACT: in a method's own code, every call on a collection held in a
 * field ({@link Call}: what it does, from {@link ConcurrencyApi#lookupCollection}, with the locks held), the fields it
 * stores a concurrent collection into, and the check-then-act pairs ({@link Pair}): a check of the collection
 * ({@code containsKey}, {@code get} compared with null, {@code contains}, {@code isEmpty}, {@code size}) whose outcome
 * a branch tests, and an act on the same collection ({@code put}, {@code add}, {@code take}, {@code remove()}, a read of
 * the head that fails when there is none, {@code element()}, a {@code get} or {@code poll} whose result is used without
 * a null check) that runs only on one side of that branch. A read of the head is an act, never a change: it cannot
 * make another thread's check stale.
 * Whether another thread can change the collection in between is decided over the whole program
 * ({@link CheckThenActDetector}).
 */
final class CheckThenActs {
    static final SummaryPart<CheckThenActs> PART = new SummaryPart<>() {
        @Override
        public Builder<CheckThenActs> builder(MethodFacts facts) {
            return new PairBuilder(facts);
        }

        @Override
        public CheckThenActs empty() {
            return EMPTY;
        }

        /** A method that calls no collection of the table and creates no concurrent one has nothing for this part. */
        @Override
        public boolean appliesTo(MethodFacts facts) {
            BytecodeScreen screen = BytecodeScreen.of(facts.classContext(), facts.method());
            return screen.callsCollection() || screen.createsConcurrentCollection();
        }
    };
    static final CheckThenActs EMPTY = new CheckThenActs(List.of(), List.of(), Set.of(), Set.of());

    /** A call on a collection reached through a field. */
    static final class Call {
        final XField field;
        final AccessPath base;
        final ConcurrencyApi.Entry api;
        final AccessPath key;
        final int pc;
        final int line;
        /** Locks held on every path at the call (this method's terms). */
        final List<LockId> held;
        /** The result is compared with null right after the call, discarded or returned: not used here as if non-null. */
        final boolean nullTolerated;
        /**
         * For an insertion: the value inserted is the result of a call made in this method ({@code v = compute(k)}), not
         * a new object, an argument or a field (a boxing {@code valueOf} counts as its argument).
         */
        final boolean valueComputed;
        /**
         * The parameter of this method that the key (the first argument) is computed from, or -1: the parameter itself,
         * a field reached from it, or the result of calls on it and of boxing that result ({@code
         * Integer.valueOf(ctx.channel().hashCode())}).
         */
        final int keyParameter;

        Call(XField field, AccessPath base, ConcurrencyApi.Entry api, AccessPath key, int pc, int line, List<LockId> held,
                boolean nullTolerated, boolean valueComputed, int keyParameter) {
            this.field = field;
            this.base = base;
            this.api = api;
            this.key = key;
            this.pc = pc;
            this.line = line;
            this.held = held;
            this.nullTolerated = nullTolerated;
            this.valueComputed = valueComputed;
            this.keyParameter = keyParameter;
        }

        ConcurrencyApi.Effect effect() {
            return api.effect();
        }

        /** True for a call that changes the contents (what can make a check stale). */
        boolean mutates() {
            return effect() == ConcurrencyApi.Effect.INSERTS || effect() == ConcurrencyApi.Effect.TAKES
                    || effect() == ConcurrencyApi.Effect.POLLS || effect() == ConcurrencyApi.Effect.REMOVES;
        }
    }

    /** A check and the act that runs only when it came out one way. */
    static final class Pair {
        final Call check;
        final Call act;

        Pair(Call check, Call act) {
            this.check = check;
            this.act = act;
        }
    }

    private final List<Call> calls;
    private final List<Pair> pairs;
    private final Set<XField> storesConcurrent;
    private final Set<XField> storesSelfLocking;

    private CheckThenActs(List<Call> calls, List<Pair> pairs, Set<XField> storesConcurrent, Set<XField> storesSelfLocking) {
        this.calls = List.copyOf(calls);
        this.pairs = List.copyOf(pairs);
        this.storesConcurrent = Set.copyOf(storesConcurrent);
        this.storesSelfLocking = Set.copyOf(storesSelfLocking);
    }

    List<Call> calls() {
        return calls;
    }

    List<Pair> pairs() {
        return pairs;
    }

    /** Fields this method stores a concurrent collection into ({@code new ConcurrentHashMap<>()}, {@code synchronizedMap}). */
    Set<XField> storesConcurrent() {
        return storesConcurrent;
    }

    /** Of those, the fields given a collection whose every call holds its own monitor ({@code Vector}, {@code synchronizedMap}). */
    Set<XField> storesSelfLocking() {
        return storesSelfLocking;
    }

    /** How many instructions after a call its result may travel (through a local) to the branch that tests it. */
    private static final int MAX_TEST_DISTANCE = 6;

    private static final class PairBuilder implements SummaryPart.Builder<CheckThenActs> {
        private final MethodFacts facts;
        private final Map<AccessPath, XField> fieldOfPath = new HashMap<>();
        private final Map<Integer, ConcurrencyApi.Entry> concurrentResults = new HashMap<>();
        private final List<Call> calls = new ArrayList<>();
        private final Map<Integer, InstructionHandle> handles = new HashMap<>();
        private final Set<XField> storesConcurrent = new LinkedHashSet<>();
        private final Set<XField> storesSelfLocking = new LinkedHashSet<>();
        /** Every call of the method by pc: whether it is a boxing conversion ({@code Integer.valueOf}). */
        private final Map<Integer, Boolean> boxingCalls = new HashMap<>();
        /** Calls whose result is computed from a parameter (see {@link Call#keyParameter}): the parameter, by the call's pc. */
        private final Map<Integer, Integer> fromParameter = new HashMap<>();
        /** Locals holding a primitive computed from a parameter ({@code int h = channel.hashCode();}): the parameter. */
        private final Map<Integer, Integer> localFromParameter = new HashMap<>();

        PairBuilder(MethodFacts facts) {
            this.facts = facts;
        }

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            short op = step.opcode();
            if (op == Const.GETFIELD || op == Const.GETSTATIC) {
                noteField(step, op == Const.GETSTATIC);
            } else if (op == Const.PUTFIELD || op == Const.PUTSTATIC) {
                noteStore(step);
            } else if (step.call() != null) {
                noteCall(step);
            } else if (step.instruction() instanceof StoreInstruction) {
                noteLocal(step);
            }
        }

        /** A primitive a call computed from a parameter, kept in a local ({@code int h = channel.hashCode();}). */
        private void noteLocal(Step step) {
            InstructionHandle prev = step.location().getHandle().getPrev();
            int local = ((StoreInstruction) step.instruction()).getIndex();
            Integer p = prev != null && prev.getInstruction() instanceof InvokeInstruction ? fromParameter.get(prev.getPosition()) : null;
            if (p != null) {
                localFromParameter.put(local, p);
            } else {
                localFromParameter.remove(local);
            }
        }

        /** The parameter a value is computed from, or -1 (see {@link Call#keyParameter}). */
        private int parameterOf(AccessPath value) {
            if (value == null) {
                return -1;
            }
            AccessPath root = value.root();
            if (root.kind() == AccessPath.Kind.PARAMETER) {
                return root.index();
            }
            return root.kind() == AccessPath.Kind.RESULT ? fromParameter.getOrDefault(root.index(), -1) : -1;
        }

        /**
         * Records that the call's result is computed from a parameter: a call on a receiver computed from it
         * ({@code ctx.channel()}, {@code channel.hashCode()}), or a one-argument static call (boxing) of a primitive
         * that such a call just returned or a local holds.
         */
        private void noteDerivation(Step step, InvokeInstruction call) throws DataflowAnalysisException {
            int p = parameterOf(step.receiver());
            if (p < 0 && call instanceof org.apache.bcel.generic.INVOKESTATIC && call.getArgumentTypes(step.cpg()).length == 1) {
                AccessPath arg = step.arguments()[0];
                p = parameterOf(arg);
                InstructionHandle prev = step.location().getHandle().getPrev();
                if (p < 0 && prev != null) {
                    Instruction producer = prev.getInstruction();
                    if (producer instanceof InvokeInstruction) {
                        p = fromParameter.getOrDefault(prev.getPosition(), -1);
                    } else if (producer instanceof LoadInstruction) {
                        p = localFromParameter.getOrDefault(((LoadInstruction) producer).getIndex(), -1);
                    }
                }
            }
            if (p >= 0) {
                fromParameter.put(step.pc(), p);
            }
        }

        private void noteField(Step step, boolean isStatic) throws DataflowAnalysisException {
            FieldInstruction ins = (FieldInstruction) step.instruction();
            if (!(ins.getFieldType(step.cpg()) instanceof org.apache.bcel.generic.ReferenceType)) {
                return;
            }
            XField field = Hierarchy.findXField(ins, step.cpg());
            if (field == null) {
                return;
            }
            AccessPath base = isStatic ? null : step.frame().getStackValue(0);
            fieldOfPath.put(isStatic ? AccessPath.staticField(field.getClassName(), field.getName())
                    : AccessPath.field(base, field.getClassName(), field.getName()), field);
        }

        private void noteStore(Step step) throws DataflowAnalysisException {
            FieldInstruction ins = (FieldInstruction) step.instruction();
            if (!(ins.getFieldType(step.cpg()) instanceof org.apache.bcel.generic.ReferenceType)) {
                return;
            }
            XField field = Hierarchy.findXField(ins, step.cpg());
            AccessPath stored = step.frame().getTopValue();
            if (field == null) {
                return;
            }
            boolean fresh = stored.kind() == AccessPath.Kind.FRESH;
            ConcurrencyApi.Entry wrapper = stored.kind() == AccessPath.Kind.RESULT ? concurrentResults.get(stored.index()) : null;
            if (fresh && ConcurrencyApi.isConcurrentCollection(stored.owner()) || wrapper != null) {
                storesConcurrent.add(field);
            }
            if (fresh && ConcurrencyApi.collectionLocksItself(stored.owner())
                    || wrapper != null && wrapper.lockKind() == io.github.gridlock.detectors.analysis.LockKind.MONITOR) {
                storesSelfLocking.add(field);
            }
        }

        private void noteCall(Step step) throws DataflowAnalysisException {
            InvokeInstruction call = step.call();
            noteDerivation(step, call);
            boxingCalls.put(step.pc(), call instanceof org.apache.bcel.generic.INVOKESTATIC && "valueOf".equals(call.getMethodName(step.cpg()))
                    && call.getClassName(step.cpg()).startsWith("java.lang."));
            ConcurrencyApi.Entry api = ConcurrencyApi.lookupCollection(call, step.cpg());
            if (api == null) {
                return;
            }
            if (api.effect() == ConcurrencyApi.Effect.RETURNS_CONCURRENT_COLLECTION) {
                concurrentResults.put(step.pc(), api);
                return;
            }
            AccessPath receiver = step.receiver();
            XField field = receiver == null ? null : fieldOfPath.get(receiver);
            if (field == null) {
                return; // a local, a parameter or a call's result: not a collection this analysis can follow
            }
            AccessPath[] args = step.arguments();
            List<LockId> held = new ArrayList<>();
            for (HeldLock h : step.held().locks()) {
                if (!h.isOnSomePathsOnly()) {
                    held.add(h.lock());
                }
            }
            handles.put(step.pc(), step.location().getHandle());
            AccessPath value = api.effect() == ConcurrencyApi.Effect.INSERTS && args.length > 0 ? args[args.length - 1] : null;
            boolean computed = value != null && value.kind() == AccessPath.Kind.RESULT
                    && !boxingCalls.getOrDefault(value.index(), false);
            calls.add(new Call(field, receiver.kind() == AccessPath.Kind.STATIC_FIELD ? null : receiver.base(), api,
                    args.length > 0 ? args[0] : null, step.pc(), step.line(), held, nullTolerated(step.location().getHandle()),
                    computed, args.length > 0 ? parameterOf(args[0]) : -1));
        }

        @Override
        public CheckThenActs build() {
            List<Pair> pairs = new ArrayList<>();
            for (Call check : calls) {
                InstructionHandle test = testOf(handles.get(check.pc), check);
                if (test == null) {
                    continue;
                }
                for (Call act : calls) {
                    if (act != check && act.field.equals(check.field) && java.util.Objects.equals(act.base, check.base)
                            && answers(check, act) && sameKey(check, act)
                            && onOneSideOnly(test, handles.get(act.pc), handles.get(check.pc))) {
                        pairs.add(new Pair(check, act));
                    }
                }
            }
            return calls.isEmpty() && storesConcurrent.isEmpty() ? EMPTY : new CheckThenActs(calls, pairs, storesConcurrent, storesSelfLocking);
        }

        /** The branch that tests the check's result, or null (a check whose result is not tested is no check). */
        private InstructionHandle testOf(InstructionHandle call, Call check) {
            ConcurrencyApi.Effect e = check.effect();
            boolean isCheck = e == ConcurrencyApi.Effect.CHECKS_KEY || e == ConcurrencyApi.Effect.CHECKS_MEMBER
                    || e == ConcurrencyApi.Effect.CHECKS_SIZE || e == ConcurrencyApi.Effect.READS_KEY;
            if (!isCheck) {
                return null;
            }
            int local = -1;
            InstructionHandle h = call.getNext();
            for (int i = 0; h != null && i < MAX_TEST_DISTANCE; i++, h = h.getNext()) {
                Instruction ins = h.getInstruction();
                if (ins instanceof IfInstruction) {
                    boolean nullTest = ins.getOpcode() == Const.IFNULL || ins.getOpcode() == Const.IFNONNULL;
                    return e == ConcurrencyApi.Effect.READS_KEY == nullTest ? h : null;
                }
                if (ins instanceof StoreInstruction && local < 0) {
                    local = ((StoreInstruction) ins).getIndex();
                } else if (ins instanceof LoadInstruction && ((LoadInstruction) ins).getIndex() != local
                        || ins instanceof InvokeInstruction || ins instanceof BranchInstruction
                        || ins instanceof ReturnInstruction || ins instanceof FieldInstruction && local >= 0) {
                    return null;
                }
            }
            return null;
        }

        /** True when the result of the call at {@code call} is compared with null, discarded or returned before any use. */
        private static boolean nullTolerated(InstructionHandle call) {
            int local = -1;
            InstructionHandle h = call.getNext();
            for (int i = 0; h != null && i < MAX_TEST_DISTANCE; i++, h = h.getNext()) {
                Instruction ins = h.getInstruction();
                short op = ins.getOpcode();
                if (op == Const.IFNULL || op == Const.IFNONNULL) {
                    return true;
                }
                if (ins instanceof StoreInstruction && local < 0) {
                    local = ((StoreInstruction) ins).getIndex();
                } else if (op == Const.POP || op == Const.ARETURN || ins instanceof InvokeInstruction && local < 0
                        || op == Const.GETFIELD && local < 0) {
                    return op == Const.POP || op == Const.ARETURN; // discarded or handed on: not assumed to succeed here
                }
            }
            return false;
        }

        /** True when {@code act} relies on what {@code check} found. */
        private static boolean answers(Call check, Call act) {
            switch (check.effect()) {
                case CHECKS_KEY:
                    return act.effect() == ConcurrencyApi.Effect.INSERTS
                            || act.effect() == ConcurrencyApi.Effect.READS_KEY && !act.nullTolerated;
                case READS_KEY:
                    return act.effect() == ConcurrencyApi.Effect.INSERTS;
                case CHECKS_MEMBER:
                    return act.effect() == ConcurrencyApi.Effect.INSERTS;
                case CHECKS_SIZE:
                    return act.effect() == ConcurrencyApi.Effect.TAKES || act.effect() == ConcurrencyApi.Effect.READS_HEAD
                            || act.effect() == ConcurrencyApi.Effect.POLLS && !act.nullTolerated;
                default:
                    return false;
            }
        }

        /** Keys (elements) that the analysis knows to differ are no pair; unknown ones may be the same. */
        private static boolean sameKey(Call check, Call act) {
            if (check.effect() == ConcurrencyApi.Effect.CHECKS_SIZE) {
                return true;
            }
            AccessPath a = check.key;
            AccessPath b = act.key;
            return a == null || b == null || !a.isKnown() || !b.isKnown() || a.equals(b);
        }

        /**
         * True when the act is reached from one side of the test but not from the other, without passing the check
         * again: it runs only when the check came out one way.
         */
        private boolean onOneSideOnly(InstructionHandle test, InstructionHandle act, InstructionHandle check) {
            IfInstruction branch = (IfInstruction) test.getInstruction();
            boolean viaTarget = reaches(branch.getTarget(), act, check);
            boolean viaFallThrough = reaches(test.getNext(), act, check);
            return viaTarget != viaFallThrough;
        }

        private boolean reaches(InstructionHandle from, InstructionHandle goal, InstructionHandle stop) {
            if (from == null) {
                return false;
            }
            BitSet seen = new BitSet();
            Deque<InstructionHandle> work = new ArrayDeque<>();
            work.push(from);
            while (!work.isEmpty()) {
                InstructionHandle h = work.pop();
                if (h == goal) {
                    return true;
                }
                if (h == stop || seen.get(h.getPosition())) {
                    continue;
                }
                seen.set(h.getPosition());
                for (InstructionHandle s : successors(h)) {
                    work.push(s);
                }
            }
            return false;
        }

        private static List<InstructionHandle> successors(InstructionHandle h) {
            Instruction ins = h.getInstruction();
            List<InstructionHandle> out = new ArrayList<>();
            if (ins instanceof Select) {
                out.add(((Select) ins).getTarget());
                for (InstructionHandle t : ((Select) ins).getTargets()) {
                    out.add(t);
                }
                return out;
            }
            if (ins instanceof BranchInstruction) {
                out.add(((BranchInstruction) ins).getTarget());
                if (ins instanceof IfInstruction && h.getNext() != null) {
                    out.add(h.getNext());
                }
                return out;
            }
            if (ins instanceof ReturnInstruction || ins.getOpcode() == Const.ATHROW) {
                return out;
            }
            if (h.getNext() != null) {
                out.add(h.getNext());
            }
            return out;
        }
    }
}
