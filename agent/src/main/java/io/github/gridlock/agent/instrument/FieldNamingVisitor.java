package io.github.gridlock.agent.instrument;

import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Lock classes: a store into a field of a lock type (JDK lock types, any Lock subtype, or Object, the usual monitor) passes the value and the
 * field name ({@code Account.lock}) to the runtime, which uses it as the lock's name in reports.
 */
final class FieldNamingVisitor extends MethodVisitor {
    static final Set<String> LOCK_FIELD_TYPES = Set.of("Ljava/lang/Object;",
            "Ljava/util/concurrent/locks/Lock;", "Ljava/util/concurrent/locks/ReentrantLock;",
            "Ljava/util/concurrent/locks/ReadWriteLock;", "Ljava/util/concurrent/locks/ReentrantReadWriteLock;",
            "Ljava/util/concurrent/locks/ReentrantReadWriteLock$ReadLock;",
            "Ljava/util/concurrent/locks/ReentrantReadWriteLock$WriteLock;",
            "Ljava/util/concurrent/locks/StampedLock;");

    private final String hooks;
    private final Changes changes;
    private final ClassHierarchy hierarchy;

    FieldNamingVisitor(MethodVisitor mv, String hooks, ClassHierarchy hierarchy, Changes changes) {
        super(Opcodes.ASM9, mv);
        this.hooks = hooks;
        this.hierarchy = hierarchy;
        this.changes = changes;
    }

    private boolean isLockField(String descriptor) {
        if (LOCK_FIELD_TYPES.contains(descriptor)) {
            return true;
        }
        // a user's own Lock type (e.g. class MyLock extends ReentrantLock), decided from class bytes
        return descriptor.startsWith("L") && !descriptor.startsWith("Ljava/")
                && hierarchy.isSubtype(descriptor.substring(1, descriptor.length() - 1), Hooks.LOCK);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        if ((opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) && isLockField(descriptor)) {
            super.visitInsn(Opcodes.DUP);
            super.visitLdcInsn(simpleName(owner) + "." + name);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, "name", "(Ljava/lang/Object;Ljava/lang/String;)V",
                    false);
            changes.changed = true;
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.');
    }
}
