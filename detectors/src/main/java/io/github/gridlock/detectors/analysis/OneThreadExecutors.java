package io.github.gridlock.detectors.analysis;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * Fields that hold an executor with one thread for its whole life: a {@code final} field every write of which stores
 * the result of a {@link ConcurrencyApi.ExecutorThreads#ONE} factory straight away
 * ({@code private final ExecutorService loop = Executors.newSingleThreadExecutor();}). A final field is written only
 * in its class's constructors (or, static, its initialiser), so those are all the writes there are. Work posted to
 * such a field runs on that one thread, one task after the other, like work posted to a Netty event loop.
 * A field written from anything else (a parameter, a pool of a given size, a ternary) is not one.
 */
final class OneThreadExecutors {
    private OneThreadExecutors() {
    }

    /** True when {@code receiver} is such a field (of any object: the field decides, as {@link OwnThreadChecks} keys do). */
    static boolean holdsOne(AccessPath receiver) {
        if (receiver == null
                || receiver.kind() != AccessPath.Kind.FIELD && receiver.kind() != AccessPath.Kind.STATIC_FIELD) {
            return false;
        }
        boolean isStatic = receiver.kind() == AccessPath.Kind.STATIC_FIELD;
        JavaClass declaring = ClassFiles.load(receiver.owner());
        if (declaring == null || !isFinalField(declaring, receiver.name(), isStatic)) {
            return false;
        }
        ConstantPoolGen cpg = ClassFiles.readOnlyPool(declaring);
        String writers = isStatic ? Const.STATIC_INITIALIZER_NAME : Const.CONSTRUCTOR_NAME;
        boolean written = false;
        for (Method m : declaring.getMethods()) {
            if (!m.getName().equals(writers) || m.getCode() == null) {
                continue;
            }
            for (InstructionHandle h : new InstructionList(m.getCode().getCode()).getInstructionHandles()) {
                if (!writes(h, receiver, isStatic, cpg)) {
                    continue;
                }
                if (!storesOneThreadFactoryResult(h, cpg)) {
                    return false;
                }
                written = true;
            }
        }
        return written;
    }

    private static boolean isFinalField(JavaClass declaring, String name, boolean isStatic) {
        for (Field f : declaring.getFields()) {
            if (f.getName().equals(name)) {
                return f.isFinal() && f.isStatic() == isStatic;
            }
        }
        return false;
    }

    private static boolean writes(InstructionHandle h, AccessPath field, boolean isStatic, ConstantPoolGen cpg) {
        short op = h.getInstruction().getOpcode();
        if (op != (isStatic ? Const.PUTSTATIC : Const.PUTFIELD)) {
            return false;
        }
        FieldInstruction put = (FieldInstruction) h.getInstruction();
        return put.getFieldName(cpg).equals(field.name()) && put.getReferenceType(cpg).toString().equals(field.owner());
    }

    /** The value stored at {@code put} is what the call just before it returned, and that call makes a one-thread executor. */
    private static boolean storesOneThreadFactoryResult(InstructionHandle put, ConstantPoolGen cpg) {
        InstructionHandle prev = put.getPrev();
        // A jump to the store brings another value (a ternary's other arm): only straight-line code counts.
        if (put.hasTargeters() || prev == null || !(prev.getInstruction() instanceof InvokeInstruction)) {
            return false;
        }
        ConcurrencyApi.Entry made = ConcurrencyApi.lookupResource((InvokeInstruction) prev.getInstruction(), cpg);
        return made != null && made.effect() == ConcurrencyApi.Effect.CREATES_EXECUTOR
                && made.executorThreads() == ConcurrencyApi.ExecutorThreads.ONE;
    }
}
