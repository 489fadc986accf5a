package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.ba.AbstractFrameModelingVisitor;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Frame;
import edu.umd.cs.findbugs.ba.FrameDataflowAnalysis;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XField;
import io.github.gridlock.detectors.analysis.AccessPath;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ArithmeticInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConversionInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.StoreInstruction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Forward dataflow giving, for every local and stack slot, the field reads its value was computed from: a
 * {@code getfield} (or the call of a getter) and whatever arithmetic, conversion, comparison or boxing followed.
 * A value that goes through a local is marked {@link Read#viaLocal()}: {@code x++} is one statement,
 * {@code int t = x; x = t - 1} is a read and a later write. Only data flow counts: a value merely chosen by a branch
 * is not derived from what the branch tested.
 */
final class ValueOrigins extends FrameDataflowAnalysis<ValueOrigins.Origins, ValueOrigins.OriginFrame> {
    /** Longest list of reads kept per value; more only loses findings. */
    static final int MAX_READS = 6;

    /** One read of a field that a value may come from. */
    static final class Read {
        final XField field;
        final AccessPath base;
        final int pc;
        final boolean viaGetter;
        final boolean viaLocal;
        /** True when the value was computed from the read (arithmetic, a comparison, {@code Math.max}), not the read as is. */
        final boolean changed;

        Read(XField field, AccessPath base, int pc, boolean viaGetter, boolean viaLocal) {
            this(field, base, pc, viaGetter, viaLocal, false);
        }

        private Read(XField field, AccessPath base, int pc, boolean viaGetter, boolean viaLocal, boolean changed) {
            this.field = field;
            this.base = base;
            this.pc = pc;
            this.viaGetter = viaGetter;
            this.viaLocal = viaLocal;
            this.changed = changed;
        }

        boolean viaLocal() {
            return viaLocal;
        }

        Read throughLocal() {
            return viaLocal ? this : new Read(field, base, pc, viaGetter, true, changed);
        }

        Read computed() {
            return changed ? this : new Read(field, base, pc, viaGetter, viaLocal, true);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Read)) {
                return false;
            }
            Read r = (Read) o;
            return pc == r.pc && viaGetter == r.viaGetter && viaLocal == r.viaLocal && changed == r.changed
                    && field.equals(r.field) && Objects.equals(base, r.base);
        }

        @Override
        public int hashCode() {
            return Objects.hash(field, base, pc, viaGetter, viaLocal, changed);
        }
    }

    /** The reads a value may come from (immutable). */
    static final class Origins {
        static final Origins NONE = new Origins(List.of());
        final List<Read> reads;

        private Origins(List<Read> reads) {
            this.reads = reads;
        }

        static Origins of(Read r) {
            return new Origins(List.of(r));
        }

        boolean isEmpty() {
            return reads.isEmpty();
        }

        Origins union(Origins other) {
            if (other.reads.isEmpty() || other == this) {
                return this;
            }
            if (reads.isEmpty()) {
                return other;
            }
            List<Read> out = new ArrayList<>(reads);
            for (Read r : other.reads) {
                if (!out.contains(r) && out.size() < MAX_READS) {
                    out.add(r);
                }
            }
            return out.size() == reads.size() ? this : new Origins(Collections.unmodifiableList(out));
        }

        Origins throughLocal() {
            if (reads.isEmpty()) {
                return this;
            }
            List<Read> out = new ArrayList<>(reads.size());
            for (Read r : reads) {
                out.add(r.throughLocal());
            }
            return new Origins(Collections.unmodifiableList(out));
        }

        /** The same reads, as the inputs of a computation. */
        Origins computed() {
            if (reads.isEmpty()) {
                return this;
            }
            List<Read> out = new ArrayList<>(reads.size());
            for (Read r : reads) {
                out.add(r.computed());
            }
            return new Origins(Collections.unmodifiableList(out));
        }

        /** Equal as sets of reads; the dataflow compares frames at every merge, so the common shapes skip the sets. */
        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Origins)) {
                return false;
            }
            List<Read> other = ((Origins) o).reads;
            if (reads.equals(other)) {
                return true;
            }
            if (reads.size() <= 1 && other.size() <= 1) {
                return false;
            }
            return new java.util.HashSet<>(reads).equals(new java.util.HashSet<>(other));
        }

        @Override
        public int hashCode() {
            if (reads.size() <= 1) {
                return reads.isEmpty() ? 0 : reads.get(0).hashCode();
            }
            return new java.util.HashSet<>(reads).hashCode();
        }
    }

    /** Locals and stack, each slot the reads its value may come from. */
    static final class OriginFrame extends Frame<Origins> {
        OriginFrame(int numLocals) {
            super(numLocals);
        }
    }

    /** A call whose result is a field's value (a getter): what it reads, on which object in the caller's terms. */
    static final class GetterCall {
        final XField field;
        final AccessPath base;

        GetterCall(XField field, AccessPath base) {
            this.field = field;
            this.base = base;
        }
    }

    /** Where a read happens in this method's own code: its field and base, by offset. */
    static final class FieldRead {
        final XField field;
        final AccessPath base;

        FieldRead(XField field, AccessPath base) {
            this.field = field;
            this.base = base;
        }
    }

    private final MethodGen methodGen;
    private final ConstantPoolGen cpg;
    private final Map<Integer, FieldRead> reads;
    private final Map<Integer, GetterCall> getters;
    private final Visitor visitor;

    ValueOrigins(MethodGen methodGen, DepthFirstSearch dfs, Map<Integer, FieldRead> reads, Map<Integer, GetterCall> getters) {
        super(dfs);
        this.methodGen = methodGen;
        this.cpg = methodGen.getConstantPool();
        this.reads = reads;
        this.getters = getters;
        this.visitor = new Visitor(cpg);
    }

    @Override
    public OriginFrame createFact() {
        return new OriginFrame(methodGen.getMaxLocals());
    }

    @Override
    public void initEntryFact(OriginFrame fact) {
        fact.setValid();
        fact.clearStack();
        for (int i = 0; i < fact.getNumLocals(); i++) {
            fact.setValue(i, Origins.NONE);
        }
    }

    @Override
    public void meetInto(OriginFrame fact, Edge edge, OriginFrame result) throws DataflowAnalysisException {
        if (fact.isValid() && edge.getTarget().isExceptionHandler()) {
            OriginFrame handler = createFact();
            handler.copyFrom(fact);
            handler.clearStack();
            handler.pushValue(Origins.NONE);
            fact = handler;
        }
        mergeInto(fact, result);
    }

    @Override
    protected void mergeValues(OriginFrame otherFrame, OriginFrame resultFrame, int slot) {
        resultFrame.setValue(slot, resultFrame.getValue(slot).union(otherFrame.getValue(slot)));
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock block, OriginFrame fact)
            throws DataflowAnalysisException {
        Instruction ins = handle.getInstruction();
        int pc = handle.getPosition();
        short op = ins.getOpcode();
        if (op == Const.GETFIELD || op == Const.GETSTATIC) {
            FieldRead read = reads.get(pc);
            if (read != null) {
                produce(ins, fact, Origins.of(new Read(read.field, read.base, pc, false, false)), false, false);
                return;
            }
        } else if (ins instanceof ArithmeticInstruction || ins instanceof ConversionInstruction || op == Const.LCMP
                || op == Const.FCMPL || op == Const.FCMPG || op == Const.DCMPL || op == Const.DCMPG) {
            produce(ins, fact, Origins.NONE, true, true);
            return;
        } else if (ins instanceof StoreInstruction) {
            int size = ((StoreInstruction) ins).getType(cpg).getSize();
            Origins value = Origins.NONE;
            for (int i = 0; i < size; i++) {
                value = value.union(fact.popValue());
            }
            int index = ((StoreInstruction) ins).getIndex();
            Origins stored = value.throughLocal();
            for (int i = 0; i < size; i++) {
                fact.setValue(index + i, stored);
            }
            return;
        } else if (ins instanceof InvokeInstruction) {
            GetterCall getter = getters.get(pc);
            if (getter != null) {
                produce(ins, fact, Origins.of(new Read(getter.field, getter.base, pc, true, false)), false, false);
                return;
            }
            if (derivesFromArguments((InvokeInstruction) ins)) {
                produce(ins, fact, Origins.NONE, true, !isBoxing((InvokeInstruction) ins));
                return;
            }
        }
        visitor.setFrameAndLocation(fact, new Location(handle, block));
        visitor.analyzeInstruction(ins);
    }

    /**
     * Pops what the instruction consumes and pushes what it produces: {@code value}, plus the operands' reads if asked,
     * marked as computed from when {@code computes} (arithmetic: not the read as is).
     */
    private void produce(Instruction ins, OriginFrame fact, Origins value, boolean fromOperands, boolean computes)
            throws DataflowAnalysisException {
        int consumed = ins.consumeStack(cpg);
        int produced = ins.produceStack(cpg);
        Origins out = value;
        for (int i = 0; i < consumed; i++) {
            Origins popped = fact.popValue();
            if (fromOperands) {
                out = out.union(computes ? popped.computed() : popped);
            }
        }
        for (int i = 0; i < produced; i++) {
            fact.pushValue(out);
        }
    }

    /**
     * JDK calls whose result is computed from their arguments alone: {@code Math.max(seen, t)}, boxing and unboxing.
     */
    private boolean derivesFromArguments(InvokeInstruction call) {
        String owner = call.getClassName(cpg);
        String name = call.getMethodName(cpg);
        if (call.getOpcode() == Const.INVOKESTATIC) {
            return owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath")
                    || name.equals("valueOf") && isBox(owner);
        }
        return call.getOpcode() == Const.INVOKEVIRTUAL && isBox(owner) && name.endsWith("Value")
                && call.getArgumentTypes(cpg).length == 0;
    }

    /** {@code Integer.valueOf(i)}, {@code boxed.intValue()}: the same value in another form. */
    private boolean isBoxing(InvokeInstruction call) {
        return isBox(call.getClassName(cpg));
    }

    private static boolean isBox(String owner) {
        switch (owner) {
            case "java.lang.Integer":
            case "java.lang.Long":
            case "java.lang.Short":
            case "java.lang.Byte":
            case "java.lang.Double":
            case "java.lang.Float":
                return true;
            default:
                return false;
        }
    }

    /** Everything not modelled above: stack shuffles and loads keep their values, anything else makes an empty one. */
    private static final class Visitor extends AbstractFrameModelingVisitor<Origins, OriginFrame> {
        Visitor(ConstantPoolGen cpg) {
            super(cpg);
        }

        @Override
        public Origins getDefaultValue() {
            return Origins.NONE;
        }
    }
}
