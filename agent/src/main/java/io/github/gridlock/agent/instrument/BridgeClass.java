package io.github.gridlock.agent.instrument;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The bytes of {@code java.lang.$Gridlock}, the class instrumented code calls instead of naming the runtime: one
 * public static method per hook of the runtime, same name and descriptor, that only delegates (the JIT inlines it).
 *
 * <p>Defined in {@code java.lang} by the bootstrap loader (the agent injects it, as JaCoCo's
 * {@code InjectedClassRuntime} does), it resolves from any class loader, including those that never delegate
 * {@code io.github.gridlock} (OSGi, JBoss Modules, child-first loaders): every loader delegates {@code java.*},
 * and only the bootstrap loader may define it. It is public in an exported package, so classes of named modules
 * (the JDK's own, for the {@code jdk=} groups) reach it as well. Only hooks whose types are all the JDK's are
 * bridged, so the bridge never names a runtime type.
 */
public final class BridgeClass {
    private BridgeClass() {
    }

    /** The hooks of {@code runtime} (its public static methods with JDK-only signatures), sorted. */
    public static List<Method> hooks(Class<?> runtime) {
        List<Method> r = new ArrayList<>();
        for (Method m : runtime.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && !m.isSynthetic() && jdkOnly(m)) {
                r.add(m);
            }
        }
        r.sort(Comparator.comparing((Method m) -> m.getName()).thenComparing(m -> Type.getMethodDescriptor(m)));
        return r;
    }

    private static boolean jdkOnly(Method m) {
        if (!isJdk(m.getReturnType())) {
            return false;
        }
        for (Class<?> p : m.getParameterTypes()) {
            if (!isJdk(p)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJdk(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || c.getName().startsWith("java.");
    }

    /** The class file of the bridge, delegating to {@code runtime} (internal name {@code runtimeName}). */
    public static byte[] generate(Class<?> runtime) {
        String runtimeName = Type.getInternalName(runtime);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                Hooks.BRIDGE, null, "java/lang/Object", null);
        for (Method m : hooks(runtime)) {
            String desc = Type.getMethodDescriptor(m);
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, m.getName(), desc, null, null);
            mv.visitCode();
            int slot = 0;
            for (Type t : Type.getArgumentTypes(desc)) {
                mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
                slot += t.getSize();
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, runtimeName, m.getName(), desc, false);
            mv.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
