package io.github.gridlock.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Calls into {@code java.util.concurrent.locks} and the monitor/thread methods that matter for the held set or
 * for happens-before are replaced by calls to static hooks that take the receiver as first argument and perform
 * the original (virtual) call themselves:
 * <ul>
 * <li>Lock.lockInterruptibly/tryLock/tryLock(time)/newCondition on any receiver type that is a Lock (interface or
 * class, JDK or not, decided from class bytes); lock() and unlock() keep their original call, with a hook before
 * lock() and after unlock() (if lock() itself throws, which ReentrantLock never does, the lock stays in the held
 * set);</li>
 * <li>Condition.await* (release and re-acquire of the condition's lock), Object.wait(..);</li>
 * <li>StampedLock write-mode methods;</li>
 * <li>Thread.start/join (happens-before segments);</li>
 * <li>thread waits, for the watchdog's waits-for graph: Thread.join, ExecutorService.awaitTermination and close,
 * Future.get, CompletableFuture.join, CountDownLatch.await.</li>
 * </ul>
 * {@code invokespecial} (super calls) is never touched.
 */
final class LockCallVisitor extends MethodVisitor {
    private static final String LOCK_D = "Ljava/util/concurrent/locks/Lock;";
    private static final String COND_D = "Ljava/util/concurrent/locks/Condition;";
    private static final String STAMPED_D = "Ljava/util/concurrent/locks/StampedLock;";
    private static final String THREAD_D = "Ljava/lang/Thread;";
    private static final String UNIT_D = "Ljava/util/concurrent/TimeUnit;";
    private static final String OBJECT_RESULT = "()Ljava/lang/Object;";
    private static final String LATCH = "java/util/concurrent/CountDownLatch";
    private static final String EXECUTOR_SERVICE = "java/util/concurrent/ExecutorService";
    private static final String FUTURE = "java/util/concurrent/Future";
    private static final String COMPLETABLE = "java/util/concurrent/CompletableFuture";

    private final String hooks;
    private final ClassHierarchy hierarchy;
    private final Changes changes;

    LockCallVisitor(MethodVisitor mv, String hooks, ClassHierarchy hierarchy, Changes changes) {
        super(Opcodes.ASM9, mv);
        this.hooks = hooks;
        this.hierarchy = hierarchy;
        this.changes = changes;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) && "()V".equals(desc)
                && ("lock".equals(name) || "unlock".equals(name)) && !owner.startsWith("[")
                && !owner.equals(Hooks.STAMPED) && hierarchy.isSubtype(owner, Hooks.LOCK)) {
            // The hot pair keeps its original call (and the JIT's type profile at this site): hook before lock(),
            // after unlock().
            super.visitInsn(Opcodes.DUP);
            if ("lock".equals(name)) {
                // A Lock class that cannot be a read/write half needs no mode test at run time.
                String hook = exclusiveOnly(opcode, owner) ? "beforeExclusiveLock" : "beforeLock";
                super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, hook, "(Ljava/lang/Object;)V", false);
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            } else {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, "afterUnlock", "(Ljava/lang/Object;)V", false);
            }
            changes.changed = true;
            return;
        }
        if (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) {
            String hook = hookDescriptor(owner, name, desc);
            if (hook != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, name, hook, false);
                changes.changed = true;
                return;
            }
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
    }

    private static final String READ_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock";
    private static final String WRITE_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock";

    /** Called through a class (invokevirtual) that is neither half of a ReentrantReadWriteLock nor a subclass. */
    private boolean exclusiveOnly(int opcode, String owner) {
        return opcode == Opcodes.INVOKEVIRTUAL && !hierarchy.isSubtype(owner, READ_LOCK)
                && !hierarchy.isSubtype(owner, WRITE_LOCK);
    }

    private String hookDescriptor(String owner, String name, String desc) {
        if (owner.startsWith("[")) {
            return null;
        }
        switch (name) {
            case "lock":
            case "lockInterruptibly":
            case "unlock":
            case "tryLock":
            case "newCondition":
                if (owner.equals(Hooks.STAMPED)) {
                    return "unlock".equals(name) && "(J)V".equals(desc) ? "(" + STAMPED_D + "J)V" : null;
                }
                if (!isLockMethod(name, desc) || !hierarchy.isSubtype(owner, Hooks.LOCK)) {
                    return null;
                }
                return "(" + LOCK_D + desc.substring(1);
            case "await":
                if (isLatchAwait(desc) && hierarchy.isSubtype(owner, LATCH)) {
                    return "(L" + LATCH + ";" + desc.substring(1);
                }
                return conditionAwait(owner, name, desc);
            case "awaitNanos":
            case "awaitUninterruptibly":
            case "awaitUntil":
                return conditionAwait(owner, name, desc);
            case "awaitTermination":
                if (!("(J" + UNIT_D + ")Z").equals(desc) || !hierarchy.isSubtype(owner, EXECUTOR_SERVICE)) {
                    return null;
                }
                return "(L" + EXECUTOR_SERVICE + ";" + desc.substring(1);
            case "close":
                // ExecutorService.close() (JDK 19+) through the interface or a JDK executor class; a program's own
                // executor class may have a close() of its own, which the hook could not call
                if (!"()V".equals(desc) || !(owner.equals(EXECUTOR_SERVICE)
                        || owner.startsWith("java/util/concurrent/") && hierarchy.isSubtype(owner, EXECUTOR_SERVICE))) {
                    return null;
                }
                return "(L" + EXECUTOR_SERVICE + ";)V";
            case "get":
                if (!(OBJECT_RESULT.equals(desc) || ("(J" + UNIT_D + ")Ljava/lang/Object;").equals(desc))
                        || !hierarchy.isSubtype(owner, FUTURE)) {
                    return null;
                }
                return "(L" + FUTURE + ";" + desc.substring(1);
            case "wait":
                // Object.wait is final: whatever the static receiver type, this is it.
                if ("()V".equals(desc) || "(J)V".equals(desc) || "(JI)V".equals(desc)) {
                    return "(Ljava/lang/Object;" + desc.substring(1);
                }
                return null;
            case "writeLock":
            case "writeLockInterruptibly":
            case "tryWriteLock":
            case "unlockWrite":
            case "tryUnlockWrite":
                if (!owner.equals(Hooks.STAMPED)) {
                    return null;
                }
                if ("()J".equals(desc) || ("tryWriteLock".equals(name) && ("(J" + UNIT_D + ")J").equals(desc))
                        || ("unlockWrite".equals(name) && "(J)V".equals(desc))
                        || ("tryUnlockWrite".equals(name) && "()Z".equals(desc))) {
                    if ("()J".equals(desc) && "unlockWrite".equals(name)) {
                        return null;
                    }
                    return "(" + STAMPED_D + desc.substring(1);
                }
                return null;
            case "join":
                if (OBJECT_RESULT.equals(desc) && hierarchy.isSubtype(owner, COMPLETABLE)) {
                    return "(L" + COMPLETABLE + ";" + desc.substring(1);
                }
                return threadCall(owner, name, desc);
            case "start":
                return threadCall(owner, name, desc);
            default:
                return null;
        }
    }

    private String conditionAwait(String owner, String name, String desc) {
        if (!isAwait(name, desc) || !hierarchy.isSubtype(owner, Hooks.CONDITION)) {
            return null;
        }
        return "(" + COND_D + desc.substring(1);
    }

    private static boolean isLatchAwait(String desc) {
        return "()V".equals(desc) || ("(J" + UNIT_D + ")Z").equals(desc);
    }

    /** Thread.start / join: happens-before segments, and join is a thread wait. */
    private String threadCall(String owner, String name, String desc) {
        switch (name) {
            case "start":
            case "join":
                if (!("()V".equals(desc) || ("join".equals(name) && ("(J)V".equals(desc) || "(JI)V".equals(desc))))) {
                    return null;
                }
                if (!hierarchy.isSubtype(owner, Hooks.THREAD)) {
                    return null;
                }
                return "(" + THREAD_D + desc.substring(1);
            default:
                return null;
        }
    }

    private static boolean isLockMethod(String name, String desc) {
        switch (name) {
            case "lock":
            case "lockInterruptibly":
            case "unlock":
                return "()V".equals(desc);
            case "tryLock":
                return "()Z".equals(desc) || ("(J" + UNIT_D + ")Z").equals(desc);
            case "newCondition":
                return ("()" + COND_D).equals(desc);
            default:
                return false;
        }
    }

    private static boolean isAwait(String name, String desc) {
        switch (name) {
            case "await":
                return "()V".equals(desc) || ("(J" + UNIT_D + ")Z").equals(desc);
            case "awaitNanos":
                return "(J)J".equals(desc);
            case "awaitUninterruptibly":
                return "()V".equals(desc);
            case "awaitUntil":
                return "(Ljava/util/Date;)Z".equals(desc);
            default:
                return false;
        }
    }
}
