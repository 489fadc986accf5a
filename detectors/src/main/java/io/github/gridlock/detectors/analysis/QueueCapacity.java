package io.github.gridlock.detectors.analysis;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether a blocking queue's {@code put()} can wait: only bounded queues ({@code ArrayBlockingQueue},
 * {@code LinkedBlockingQueue(int)}, {@code SynchronousQueue}) make a producer wait for room; the no-capacity
 * {@code LinkedBlockingQueue}/{@code LinkedBlockingDeque}, {@code PriorityBlockingQueue}, {@code DelayQueue} and
 * {@code LinkedTransferQueue} never do. A queue in a field is judged by every constructor its class stores into
 * the field; one store of anything else (a parameter, a factory's result) leaves it possibly bounded.
 */
final class QueueCapacity {
    private static final Set<String> NEVER_FULL_WHATEVER_THE_ARGUMENTS = Set.of("java.util.concurrent.PriorityBlockingQueue",
            "java.util.concurrent.DelayQueue", "java.util.concurrent.LinkedTransferQueue");
    private static final Set<String> NEVER_FULL_WITHOUT_CAPACITY = Set.of("java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.LinkedBlockingDeque");

    private final AnalysisFailures failures;
    private final Map<String, Boolean> fields = new HashMap<>();

    QueueCapacity(AnalysisFailures failures) {
        this.failures = failures;
    }

    /** True when {@code new cls(descriptor)} makes a queue whose {@code put()} never waits. */
    static boolean neverFull(String cls, String constructorDescriptor) {
        if (NEVER_FULL_WHATEVER_THE_ARGUMENTS.contains(cls)) {
            return true;
        }
        return NEVER_FULL_WITHOUT_CAPACITY.contains(cls)
                && ("()V".equals(constructorDescriptor) || "(Ljava/util/Collection;)V".equals(constructorDescriptor));
    }

    /** True when every store into the field {@code owner.name}, in its class, is a never-full queue's constructor. */
    boolean fieldNeverFull(String owner, String name) {
        return fields.computeIfAbsent(owner + '.' + name, k -> scan(owner, name));
    }

    private boolean scan(String owner, String name) {
        JavaClass jc = ClassFiles.load(owner, failures);
        if (jc == null) {
            return false;
        }
        try {
            return everyStoreNeverFull(jc, ClassFiles.readOnlyPool(jc), name);
        } catch (RuntimeException e) {
            failures.classFailed(owner, e);
            return false;
        }
    }

    private static boolean everyStoreNeverFull(JavaClass jc, ConstantPoolGen cpg, String name) {
        boolean stored = false;
        for (Method m : jc.getMethods()) {
            if (m.getCode() == null) {
                continue;
            }
            for (InstructionHandle h : new InstructionList(m.getCode().getCode()).getInstructionHandles()) {
                Instruction ins = h.getInstruction();
                if ((ins.getOpcode() != Const.PUTFIELD && ins.getOpcode() != Const.PUTSTATIC)
                        || !name.equals(((FieldInstruction) ins).getFieldName(cpg))) {
                    continue;
                }
                InstructionHandle prev = h.getPrev();
                while (prev != null && prev.getInstruction().getOpcode() == Const.CHECKCAST) {
                    prev = prev.getPrev();
                }
                if (prev == null || !(prev.getInstruction() instanceof INVOKESPECIAL)) {
                    return false;
                }
                INVOKESPECIAL init = (INVOKESPECIAL) prev.getInstruction();
                if (!"<init>".equals(init.getMethodName(cpg)) || !neverFull(init.getClassName(cpg), init.getSignature(cpg))) {
                    return false;
                }
                stored = true;
            }
        }
        return stored;
    }
}
