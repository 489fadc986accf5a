package io.github.gridlock.agent.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * {@code synchronized} blocks: a hook before every monitorenter (checks the order, then records the monitor) and
 * before every monitorexit on the normal path.
 *
 * <p>javac's catch-all handler for a synchronized block covers its own monitorexit. Any call placed in such a
 * self-covering range makes HotSpot's compilers bail out ("COMPILE SKIPPED: exception handler covers itself" /
 * "invalid parsing"), so the method would run interpreted. The monitorexits inside self-covering ranges (the
 * exceptional exits) are therefore left alone; the runtime notices such a release lazily, by checking
 * {@code Thread.holdsLock} for the monitors of the held stack on its slow path. {@code JitIT} guards this.
 */
final class MonitorBlockVisitor extends MethodNode {
    private static final String DESC = "(Ljava/lang/Object;)V";
    private final MethodVisitor next;
    private final String hooks;
    private final Changes changes;

    MonitorBlockVisitor(MethodVisitor next, String hooks, int access, String name, String descriptor,
            String signature, String[] exceptions, Changes changes) {
        super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
        this.hooks = hooks;
        this.next = next;
        this.changes = changes;
    }

    @Override
    public void visitEnd() {
        InsnList code = instructions;
        Set<AbstractInsnNode> selfCovered = selfCoveredInstructions();
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            int op = insn.getOpcode();
            if (op == Opcodes.MONITORENTER) {
                code.insertBefore(insn, new InsnNode(Opcodes.DUP));
                code.insertBefore(insn, new MethodInsnNode(Opcodes.INVOKESTATIC, hooks, "monitorEnter", DESC));
                changes.changed = true;
            } else if (op == Opcodes.MONITOREXIT && !selfCovered.contains(insn)) {
                code.insertBefore(insn, new InsnNode(Opcodes.DUP));
                code.insertBefore(insn, new MethodInsnNode(Opcodes.INVOKESTATIC, hooks, "monitorExit", DESC));
                changes.changed = true;
            }
        }
        super.visitEnd();
        accept(next);
    }

    /** Instructions inside a try-catch range that contains its own handler. */
    private Set<AbstractInsnNode> selfCoveredInstructions() {
        Set<AbstractInsnNode> r = Collections.newSetFromMap(new IdentityHashMap<>());
        if (tryCatchBlocks == null) {
            return r;
        }
        for (TryCatchBlockNode tcb : tryCatchBlocks) {
            List<AbstractInsnNode> range = new ArrayList<>();
            boolean self = false;
            for (AbstractInsnNode insn = tcb.start; insn != null && insn != tcb.end; insn = insn.getNext()) {
                range.add(insn);
                self |= insn == tcb.handler;
            }
            if (self) {
                r.addAll(range);
            }
        }
        return r;
    }
}
