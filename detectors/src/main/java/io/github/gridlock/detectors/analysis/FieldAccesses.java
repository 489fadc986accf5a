package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.Hierarchy;
import edu.umd.cs.findbugs.ba.XField;
import org.apache.bcel.Const;
import org.apache.bcel.generic.FieldInstruction;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary part for fields: every read and write of an analysed class's field in a method's own code,
 * with the locks held at it and the object it is on. Accesses made by callees are theirs: whole-program
 * questions (which threads reach a field, under which locks every caller calls a helper) are answered by
 * {@link FieldFacts}.
 */
public final class FieldAccesses {
    static final SummaryPart<FieldAccesses> PART = new SummaryPart<>() {
        @Override
        public Builder<FieldAccesses> builder(MethodFacts facts) {
            return new FieldBuilder(facts);
        }

        @Override
        public FieldAccesses empty() {
            return EMPTY;
        }
    };
    static final FieldAccesses EMPTY = new FieldAccesses(List.of());

    /** One read or write. */
    public static final class Access {
        private final XField field;
        private final boolean write;
        private final int pc;
        private final int line;
        private final AccessPath base;
        private final List<HeldLock> held;
        private final boolean inConstructor;
        private final AccessPath stored;

        Access(XField field, boolean write, int pc, int line, AccessPath base, List<HeldLock> held, boolean inConstructor,
                AccessPath stored) {
            this.field = field;
            this.write = write;
            this.pc = pc;
            this.line = line;
            this.base = base;
            // A copy, not the dataflow's list: empty or one or two locks, kept for every access to the end.
            this.held = List.copyOf(held);
            this.inConstructor = inConstructor;
            this.stored = stored;
        }

        /** For a write of a reference: the path of the value stored (a new object, a call's result...); else null. */
        public AccessPath stored() {
            return stored;
        }

        /** The field, resolved to the class that declares it. */
        public XField field() {
            return field;
        }

        public boolean isWrite() {
            return write;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        /** The object the field is on (null for static fields). */
        public AccessPath base() {
            return base;
        }

        /** Locks held at the access, outermost first. */
        public List<HeldLock> held() {
            return held;
        }

        /**
         * True for an access of the object under construction in its own constructor ({@code this.f} in
         * {@code <init>}), or of a static field in the class initialiser: no other thread can see it yet
         * unless the constructor publishes {@code this}.
         */
        public boolean isInConstructor() {
            return inConstructor;
        }
    }

    private final List<Access> accesses;

    private FieldAccesses(List<Access> accesses) {
        this.accesses = List.copyOf(accesses);
    }

    /** In bytecode order. */
    public List<Access> accesses() {
        return accesses;
    }

    private static final class FieldBuilder implements SummaryPart.Builder<FieldAccesses> {
        private final List<Access> accesses = new ArrayList<>();
        private final boolean constructor;
        private final boolean classInit;

        FieldBuilder(MethodFacts facts) {
            this.constructor = "<init>".equals(facts.method().getName());
            this.classInit = "<clinit>".equals(facts.method().getName());
        }

        @Override
        public void visit(Step step) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
            short op = step.opcode();
            boolean isStatic = op == Const.GETSTATIC || op == Const.PUTSTATIC;
            if (!isStatic && op != Const.GETFIELD && op != Const.PUTFIELD) {
                return;
            }
            FieldInstruction ins = (FieldInstruction) step.instruction();
            XField field = Hierarchy.findXField(ins, step.cpg());
            AnalysisContext context = AnalysisContext.currentAnalysisContext();
            if (field == null || context == null || !context.isApplicationClass(field.getClassDescriptor())) {
                return;
            }
            boolean write = op == Const.PUTFIELD || op == Const.PUTSTATIC;
            AccessPath base = isStatic ? null : step.frame().getStackValue(write ? ins.getType(step.cpg()).getSize() : 0);
            boolean early = isStatic ? classInit : constructor && base.kind() == AccessPath.Kind.THIS;
            AccessPath stored = write && ins.getType(step.cpg()) instanceof org.apache.bcel.generic.ReferenceType
                    ? step.frame().getTopValue() : null;
            accesses.add(new Access(field, write, step.pc(), step.line(), base, step.held().locks(), early, stored));
        }

        @Override
        public FieldAccesses build() {
            return new FieldAccesses(accesses);
        }
    }
}
