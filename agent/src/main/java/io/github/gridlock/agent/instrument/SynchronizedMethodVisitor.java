package io.github.gridlock.agent.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * {@code synchronized} methods have no monitor bytecode: the body is wrapped as
 * {@code methodEnter(lock); try { body } finally { methodExit(lock); }} where the lock is {@code this}, or the
 * Class object for a static method. The catch-all handler is registered last, so it is the outermost handler and
 * never pre-empts the method's own handlers.
 *
 * <p>Without a handler ({@code withHandler} false, for JDK classes): {@code monitorMethodEnter(lock)} at entry and
 * {@code methodExit(lock)} before each return only. No control flow changes, so the class keeps its own stack map
 * frames and is cheap to instrument; an exceptional exit is noticed lazily, like a synchronized block's, by the
 * runtime's {@code Thread.holdsLock} pruning on its slow path.
 */
final class SynchronizedMethodVisitor extends MethodVisitor {
    private final String hooks;
    private final String owner;
    private final boolean isStatic;
    private final Changes changes;
    /** Before the enter hook: gets the method's first line, so the hook's stack frame has a line number. */
    private final Label entry = new Label();
    private boolean lineSeen;
    private final Label start = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();

    private final boolean withHandler;

    SynchronizedMethodVisitor(MethodVisitor mv, String hooks, String owner, boolean isStatic, boolean withHandler,
            Changes changes) {
        super(Opcodes.ASM9, mv);
        this.hooks = hooks;
        this.withHandler = withHandler;
        this.owner = owner;
        this.isStatic = isStatic;
        this.changes = changes;
    }

    private void pushLock() {
        if (isStatic) {
            super.visitLdcInsn(Type.getObjectType(owner));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    @Override
    public void visitCode() {
        super.visitCode();
        super.visitLabel(entry);
        pushLock();
        super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, withHandler ? "methodEnter" : "monitorMethodEnter",
                "(Ljava/lang/Object;)V", false);
        super.visitLabel(start);
        changes.changed = true;
    }

    @Override
    public void visitLineNumber(int line, Label label) {
        if (!lineSeen) {
            lineSeen = true;
            super.visitLineNumber(line, entry);
        }
        super.visitLineNumber(line, label);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            pushLock();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, "methodExit", "(Ljava/lang/Object;)V", false);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!withHandler) {
            super.visitMaxs(maxStack, maxLocals);
            return;
        }
        super.visitLabel(end);
        super.visitLabel(handler);
        pushLock();
        super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, "methodExit", "(Ljava/lang/Object;)V", false);
        super.visitInsn(Opcodes.ATHROW);
        super.visitTryCatchBlock(start, end, handler, null);
        super.visitMaxs(maxStack, maxLocals);
    }
}
