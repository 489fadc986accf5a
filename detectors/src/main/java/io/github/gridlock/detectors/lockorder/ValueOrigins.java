package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.Step;
import io.github.gridlock.detectors.analysis.SummaryPart;
import org.apache.bcel.Const;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReferenceType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lock-order family's summary part for value provenance: which call produced each call result of a method (so
 * a {@link AccessPath.Kind#RESULT} path can be traced to the method that made it), what the method returns, and
 * which of its field writes store {@code null}. {@link ReceiverClasses} turns these into the classes a receiver can
 * be.
 */
final class ValueOrigins {
    static final SummaryPart<ValueOrigins> PART = new SummaryPart<>() {
        @Override
        public Builder<ValueOrigins> builder(MethodFacts facts) {
            return new OriginBuilder();
        }

        @Override
        public ValueOrigins empty() {
            return EMPTY;
        }
    };
    static final ValueOrigins EMPTY = new ValueOrigins(new int[0], new Origin[0], List.of(), true, new int[0]);

    /** The call whose result a {@link AccessPath.Kind#RESULT} path is. */
    static final class Origin {
        final String owner;
        final String name;
        final String signature;
        final boolean isStatic;
        final boolean virtual;
        /** The call's receiver in the calling method's terms; null for static calls. */
        final AccessPath receiver;

        Origin(String owner, String name, String signature, boolean isStatic, boolean virtual, AccessPath receiver) {
            this.owner = owner;
            this.name = name;
            this.signature = signature;
            this.isStatic = isStatic;
            this.virtual = virtual;
            this.receiver = receiver;
        }
    }

    // Kept for every visited method until report(): sorted pcs with their origins rather than a map of boxed pcs.
    private final int[] resultPcs;
    private final Origin[] results;
    private final List<AccessPath> returns;
    private final boolean returnsUnknown;
    private final int[] nullStores;

    private ValueOrigins(int[] resultPcs, Origin[] results, List<AccessPath> returns, boolean returnsUnknown,
            int[] nullStores) {
        this.resultPcs = resultPcs;
        this.results = results;
        this.returns = returns;
        this.returnsUnknown = returnsUnknown;
        this.nullStores = nullStores;
    }

    /** The call at {@code pc} whose reference result the method uses, or null. */
    Origin resultAt(int pc) {
        int i = Arrays.binarySearch(resultPcs, pc);
        return i < 0 ? null : results[i];
    }

    /** The paths of every non-null value the method returns (in its own terms). */
    List<AccessPath> returns() {
        return returns;
    }

    /** True when some return's value could not be read (the analysis failed on the method, or no return was seen). */
    boolean returnsUnknown() {
        return returnsUnknown;
    }

    /** True when the field write at {@code pc} stores the constant {@code null}. */
    boolean storesNullAt(int pc) {
        return Arrays.binarySearch(nullStores, pc) >= 0;
    }

    private static final class OriginBuilder implements SummaryPart.Builder<ValueOrigins> {
        private final SortedMap<Integer, Origin> results = new TreeMap<>();
        private final List<AccessPath> returns = new ArrayList<>();
        private final SortedSet<Integer> nullStores = new TreeSet<>();

        @Override
        public void visit(Step step) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
            InvokeInstruction call = step.call();
            if (call != null) {
                if (call.getReturnType(step.cpg()) instanceof ReferenceType) {
                    boolean isStatic = call instanceof INVOKESTATIC;
                    // Interned: the dotted owner is a new string per call site, and origins live to the end.
                    results.put(step.pc(), new Origin(call.getReferenceType(step.cpg()).toString().intern(), call.getMethodName(step.cpg()),
                            call.getSignature(step.cpg()), isStatic,
                            call instanceof INVOKEVIRTUAL || call instanceof INVOKEINTERFACE, isStatic ? null : step.receiver()));
                }
                return;
            }
            short op = step.opcode();
            if (op == Const.ARETURN) {
                if (!storesNull(step)) {
                    returns.add(step.frame().getTopValue());
                }
            } else if ((op == Const.PUTFIELD || op == Const.PUTSTATIC) && storesNull(step)) {
                nullStores.add(step.pc());
            }
        }

        /** The value on top of the stack is the constant {@code null} pushed by the instruction just before. */
        private static boolean storesNull(Step step) {
            InstructionHandle here = step.location().getHandle();
            InstructionHandle prev = here.getPrev();
            return prev != null && !here.hasTargeters() && prev.getInstruction().getOpcode() == Const.ACONST_NULL;
        }

        @Override
        public ValueOrigins build() {
            // A method with no areturn (it always throws) returns nothing: no class, and no unknown either.
            int[] pcs = new int[results.size()];
            Origin[] origins = new Origin[results.size()];
            int i = 0;
            for (Map.Entry<Integer, Origin> e : results.entrySet()) {
                pcs[i] = e.getKey();
                origins[i++] = e.getValue();
            }
            int[] nulls = nullStores.stream().mapToInt(Integer::intValue).toArray();
            return new ValueOrigins(pcs, origins, List.copyOf(returns), false, nulls);
        }
    }
}
