package io.github.gridlock.agent.instrument;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Chains one method visitor per construct onto every method with code. A JDK class gets its monitors only
 * ({@code synchronized} blocks and methods): its fields do not name locks, and the selected JDK classes call no
 * {@code Lock}, {@code wait} or {@code Thread} method. Its control flow is left as it is (no handler around a
 * synchronized method, no thread-state local), so it keeps its own stack map frames.
 */
final class LockClassVisitor extends ClassVisitor {
    private final String hooks;
    private final boolean monitorsOnly;
    private final ClassHierarchy hierarchy;
    private final Changes changes;
    private String owner;
    private int version;

    LockClassVisitor(ClassVisitor cv, String hooks, boolean monitorsOnly, ClassHierarchy hierarchy,
            Changes changes) {
        super(Opcodes.ASM9, cv);
        this.hooks = hooks;
        this.monitorsOnly = monitorsOnly;
        this.hierarchy = hierarchy;
        this.changes = changes;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        this.owner = name;
        this.version = version & 0xFFFF;
        hierarchy.define(name, superName, interfaces, access);
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (mv == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return mv;
        }
        // Events flow from the last-created visitor to the writer: synchronized method -> monitor blocks -> tasks
        // -> Lock calls -> field names -> thread-state local (which rewrites the hook calls the others emitted).
        if (!monitorsOnly) {
            mv = new ThreadStateLocalVisitor(mv, hooks, access, name, descriptor, signature, exceptions);
            mv = new FieldNamingVisitor(mv, hooks, hierarchy, changes);
            mv = new LockCallVisitor(mv, hooks, hierarchy, changes);
            mv = new TaskCallVisitor(mv, hooks, hierarchy, changes);
        }
        mv = new MonitorBlockVisitor(mv, hooks, access, name, descriptor, signature, exceptions, changes);
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        // A static synchronized method locks its Class object, loaded with ldc (class files 49+).
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0 && (!isStatic || version >= Opcodes.V1_5)
                && !"<clinit>".equals(name) && !"<init>".equals(name)) {
            mv = new SynchronizedMethodVisitor(mv, hooks, owner, isStatic, !monitorsOnly, changes);
        }
        return mv;
    }
}
