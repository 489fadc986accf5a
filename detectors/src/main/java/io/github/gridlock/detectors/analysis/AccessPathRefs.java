package io.github.gridlock.detectors.analysis;

import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.ReferenceType;

/**
 * What the access-path transfer ({@link AccessPathVisitor}) reads from the field and method references of one
 * constant pool, worked out once per reference: a dataflow transfers every instruction several times, every question
 * about a location replays part of its block, and each time BCEL would build the owner's dotted name and parse the
 * descriptor again. Every answer is a function of the constant pool and of this analysis' class hierarchy and
 * accessor knowledge ({@link ConcurrencyApi}, {@link Getters}), neither of which changes while the analysis runs; one
 * instance per analysis and constant pool ({@link Getters#refsOf}), so nothing outlives its analysis.
 */
final class AccessPathRefs {
    // Never the constant pool itself: Getters keeps these in a map weakly keyed by it.
    private final Getters getters;
    private final FieldRef[] fields;
    private final String[] newClasses;
    /** Two slots per index: an instance call's view of the reference, then a static call's. */
    private final CallRef[] calls;

    AccessPathRefs(ConstantPoolGen cpg, Getters getters) {
        this.getters = getters;
        this.fields = new FieldRef[cpg.getSize()];
        this.newClasses = new String[cpg.getSize()];
        this.calls = new CallRef[2 * cpg.getSize()];
    }

    /** The field reference of a {@code getfield} or {@code getstatic} of this constant pool. */
    FieldRef field(FieldInstruction ins, ConstantPoolGen cpg) {
        int index = ins.getIndex();
        if (index < 0 || index >= fields.length) {
            return new FieldRef(ins, cpg);
        }
        FieldRef ref = fields[index];
        if (ref == null) {
            ref = new FieldRef(ins, cpg);
            fields[index] = ref;
        }
        return ref;
    }

    /** The dotted name of the class a {@code new} of this constant pool creates. */
    String newClass(NEW ins, ConstantPoolGen cpg) {
        int index = ins.getIndex();
        if (index < 0 || index >= newClasses.length) {
            return ins.getLoadClassType(cpg).getClassName();
        }
        String name = newClasses[index];
        if (name == null) {
            name = ins.getLoadClassType(cpg).getClassName();
            newClasses[index] = name;
        }
        return name;
    }

    /** The method reference of a call of this constant pool ({@code invokedynamic} aside), as a static or an instance call names it. */
    CallRef call(InvokeInstruction ins, ConstantPoolGen cpg) {
        boolean isStatic = ins instanceof INVOKESTATIC;
        int slot = 2 * ins.getIndex() + (isStatic ? 1 : 0);
        if (slot < 0 || slot >= calls.length) {
            return new CallRef(ins, cpg, isStatic);
        }
        CallRef ref = calls[slot];
        if (ref == null) {
            ref = new CallRef(ins, cpg, isStatic);
            calls[slot] = ref;
        }
        return ref;
    }

    /** A field reference: whether the field holds a reference, and if so its name and the class that declares it. */
    final class FieldRef {
        final boolean holdsReference;
        final String name;
        private final String refClass;
        private String declaringClass;

        private FieldRef(FieldInstruction ins, ConstantPoolGen cpg) {
            this.holdsReference = ins.getFieldType(cpg) instanceof ReferenceType;
            this.name = holdsReference ? ins.getFieldName(cpg) : null;
            this.refClass = holdsReference ? ins.getReferenceType(cpg).toString() : null;
        }

        /** {@link Getters#declaringClass} of the reference's class and the field's name. */
        String declaringClass() {
            if (declaringClass == null) {
                declaringClass = getters.declaringClass(refClass, name);
            }
            return declaringClass;
        }
    }

    /** A method reference as one kind of call (static or not) names it. */
    final class CallRef {
        final boolean returnsReference;
        /** The dotted owner as the reference names it (an array type as {@code int[]}). */
        final String owner;
        final String name;
        final String signature;
        /** Stack words the call takes (its arguments and receiver) and leaves (its result). */
        final int wordsConsumed;
        final int wordsProduced;
        private final boolean isStatic;
        private boolean apiKnown;
        private ConcurrencyApi.Entry api;
        private boolean returnedKnown;
        private AccessPath returned;

        private CallRef(InvokeInstruction ins, ConstantPoolGen cpg, boolean isStatic) {
            this.returnsReference = ins.getReturnType(cpg) instanceof ReferenceType;
            this.owner = ins.getReferenceType(cpg).toString();
            this.name = ins.getMethodName(cpg);
            this.signature = ins.getSignature(cpg);
            this.wordsConsumed = ins.consumeStack(cpg);
            this.wordsProduced = ins.produceStack(cpg);
            this.isStatic = isStatic;
        }

        /** {@link ConcurrencyApi#lookup(String, String, String, boolean)} of this call. */
        ConcurrencyApi.Entry api() {
            if (!apiKnown) {
                api = ConcurrencyApi.lookup(owner, name, signature, isStatic);
                apiKnown = true;
            }
            return api;
        }

        /** {@link Getters#returnedPath} of this call. */
        AccessPath returnedPath() {
            if (!returnedKnown) {
                returned = getters.returnedPath(owner, name, signature, isStatic);
                returnedKnown = true;
            }
            return returned;
        }
    }
}
