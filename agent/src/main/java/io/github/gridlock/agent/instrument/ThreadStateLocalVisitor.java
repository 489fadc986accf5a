package io.github.gridlock.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Last stage: if a method calls the hot hooks (monitor enter/exit, synchronized-method enter/exit, before lock /
 * after unlock) more than once, it fetches the thread's hook state once, at method entry, into a new local, and
 * passes it to the {@code (Object, Object)} variants. One thread-local lookup per invocation instead of one per
 * hook call. Runs after every other visitor, so it sees their hook calls.
 */
final class ThreadStateLocalVisitor extends MethodNode {
    private static final String ONE = "(Ljava/lang/Object;)V";
    private static final String TWO = "(Ljava/lang/Object;Ljava/lang/Object;)V";
    private final MethodVisitor next;
    private final String hooks;

    ThreadStateLocalVisitor(MethodVisitor next, String hooks, int access, String name, String descriptor,
            String signature, String[] exceptions) {
        super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
        this.next = next;
        this.hooks = hooks;
    }

    private boolean isHotHook(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode) || insn.getOpcode() != Opcodes.INVOKESTATIC) {
            return false;
        }
        MethodInsnNode m = (MethodInsnNode) insn;
        if (!m.owner.equals(hooks) || !m.desc.equals(ONE)) {
            return false;
        }
        switch (m.name) {
            case "monitorEnter":
            case "monitorExit":
            case "methodEnter":
            case "methodExit":
            case "beforeLock":
            case "afterUnlock":
                return true;
            default:
                return false;
        }
    }

    @Override
    public void visitEnd() {
        InsnList code = instructions;
        int hotHooks = 0;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (isHotHook(insn)) {
                hotHooks++;
            }
        }
        if (hotHooks >= 2) {
            int local = maxLocals;
            maxLocals = local + 1;
            for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
                if (isHotHook(insn)) {
                    code.insertBefore(insn, new VarInsnNode(Opcodes.ALOAD, local));
                    ((MethodInsnNode) insn).desc = TWO;
                }
            }
            InsnList prologue = new InsnList();
            prologue.add(new MethodInsnNode(Opcodes.INVOKESTATIC, hooks, "state", "()Ljava/lang/Object;"));
            prologue.add(new VarInsnNode(Opcodes.ASTORE, local));
            code.insert(prologue);
        }
        super.visitEnd();
        accept(next);
    }
}
