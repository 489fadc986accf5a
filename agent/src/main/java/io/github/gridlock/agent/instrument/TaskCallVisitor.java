package io.github.gridlock.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Tasks handed to another thread: the task argument of {@code Executor.execute}, {@code ExecutorService.submit},
 * {@code invokeAll}/{@code invokeAny} and {@code ScheduledExecutorService.schedule*} passes through a hook that, when
 * the submitting thread works for a test (the JUnit extension), wraps it so that the thread running it works for that
 * test too. {@code CompletableFuture.runAsync}/{@code supplyAsync} are replaced by hooks that always wrap the task
 * (the future never exposes it): the wrapper also tells the watchdog which thread computes the future. The original
 * call stays in place where the task can be reached on the operand stack (top, or under one reference); the
 * scheduling calls and timed invokeAll/invokeAny, whose task sits under a {@code long}, are replaced by a static
 * hook that makes the same virtual call.
 */
final class TaskCallVisitor extends MethodVisitor {
    private static final String EXECUTOR = "java/util/concurrent/Executor";
    private static final String EXECUTOR_SERVICE = "java/util/concurrent/ExecutorService";
    private static final String SCHEDULED = "java/util/concurrent/ScheduledExecutorService";
    private static final String COMPLETABLE = "java/util/concurrent/CompletableFuture";
    private static final String RUNNABLE = "Ljava/lang/Runnable;";
    private static final String CALLABLE = "Ljava/util/concurrent/Callable;";
    private static final String SUPPLIER = "Ljava/util/function/Supplier;";
    private static final String COLLECTION = "Ljava/util/Collection;";
    private static final String UNIT = "Ljava/util/concurrent/TimeUnit;";
    private static final String SCHEDULED_FUTURE = "Ljava/util/concurrent/ScheduledFuture;";

    private final String hooks;
    private final ClassHierarchy hierarchy;
    private final Changes changes;

    TaskCallVisitor(MethodVisitor mv, String hooks, ClassHierarchy hierarchy, Changes changes) {
        super(Opcodes.ASM9, mv);
        this.hooks = hooks;
        this.hierarchy = hierarchy;
        this.changes = changes;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        if (opcode == Opcodes.INVOKESTATIC && owner.equals(COMPLETABLE)) {
            if (name.equals("runAsync") || name.equals("supplyAsync")) {
                String task = name.equals("runAsync") ? RUNNABLE : SUPPLIER;
                String result = ")L" + COMPLETABLE + ";";
                if (desc.equals("(" + task + result) || desc.equals("(" + task + "Ljava/util/concurrent/Executor;"
                        + result)) {
                    // always: the hook wraps the task so that the watchdog knows which thread computes the future
                    replace(name, desc);
                    return;
                }
            }
        } else if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) && !owner.startsWith("[")
                && onInstance(owner, name, desc)) {
            return;
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
    }

    /** Returns true if it replaced the call itself. */
    private boolean onInstance(String owner, String name, String desc) {
        switch (name) {
            case "execute":
                if (desc.equals("(" + RUNNABLE + ")V") && hierarchy.isSubtype(owner, EXECUTOR)) {
                    wrap(RUNNABLE, false);
                }
                return false;
            case "submit":
                if (!hierarchy.isSubtype(owner, EXECUTOR_SERVICE)) {
                    return false;
                }
                if (desc.startsWith("(" + RUNNABLE + ")")) {
                    wrap(RUNNABLE, false);
                } else if (desc.startsWith("(" + CALLABLE + ")")) {
                    wrap(CALLABLE, false);
                } else if (desc.startsWith("(" + RUNNABLE + "Ljava/lang/Object;)")) {
                    wrap(RUNNABLE, true);
                }
                return false;
            case "invokeAll":
            case "invokeAny":
                if (!hierarchy.isSubtype(owner, EXECUTOR_SERVICE)) {
                    return false;
                }
                if (desc.startsWith("(" + COLLECTION + ")")) {
                    wrap(COLLECTION, false);
                    return false;
                }
                String timed = "(" + COLLECTION + "J" + UNIT + ")";
                if (desc.equals(timed + "Ljava/util/List;") || desc.equals(timed + "Ljava/lang/Object;")) {
                    replace(name, "(L" + EXECUTOR_SERVICE + ";" + desc.substring(1));
                    return true;
                }
                return false;
            case "schedule":
            case "scheduleAtFixedRate":
            case "scheduleWithFixedDelay":
                if (!desc.endsWith(")" + SCHEDULED_FUTURE) || !hierarchy.isSubtype(owner, SCHEDULED)) {
                    return false;
                }
                boolean known = name.equals("schedule")
                        ? desc.equals("(" + RUNNABLE + "J" + UNIT + ")" + SCHEDULED_FUTURE)
                                || desc.equals("(" + CALLABLE + "J" + UNIT + ")" + SCHEDULED_FUTURE)
                        : desc.equals("(" + RUNNABLE + "JJ" + UNIT + ")" + SCHEDULED_FUTURE);
                if (known) {
                    replace(name, "(L" + SCHEDULED + ";" + desc.substring(1));
                }
                return known;
            default:
                return false;
        }
    }

    /** The task is on top of the stack, or ({@code underOne}) just below one reference. */
    private void wrap(String taskType, boolean underOne) {
        String hook = taskType.equals(RUNNABLE) ? "runnable" : taskType.equals(CALLABLE) ? "callable" : "callables";
        if (underOne) {
            super.visitInsn(Opcodes.SWAP);
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, hook, "(" + taskType + ")" + taskType, false);
        if (underOne) {
            super.visitInsn(Opcodes.SWAP);
        }
        changes.changed = true;
    }

    private void replace(String name, String hookDesc) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, name, hookDesc, false);
        changes.changed = true;
    }
}
