package io.github.gridlock.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Instruments application classes. Never runs at lock time. JDK classes (bootstrap and platform loaders, and
 * java., javax., jdk., sun., com.sun. packages) and the agent's own classes are left alone. A class that fails to
 * transform is returned unchanged, with one warning.
 */
public final class LockOrderTransformer implements ClassFileTransformer {
    private static final List<String> NEVER = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "io/github/gridlock/agent/runtime/", "io/github/gridlock/agent/instrument/",
            "io/github/gridlock/agent/report/", "io/github/gridlock/agent/junit/",
            "io/github/gridlock/agent/shaded/");
    private static final String AGENT_ROOT = "io/github/gridlock/agent/";

    private final Predicate<String> filter;
    private final boolean verbose;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param filter accepts dotted class names that may be instrumented (the include/exclude options)
     */
    public LockOrderTransformer(Predicate<String> filter, boolean verbose) {
        this.filter = filter;
        this.verbose = verbose;
    }

    /** True for classes the agent must never touch, whatever the options say. */
    public static boolean isExcludedAlways(String internalName) {
        for (String p : NEVER) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        // classes directly in the agent's root package (Premain, AgentMain, options)
        return internalName.startsWith(AGENT_ROOT) && internalName.indexOf('/', AGENT_ROOT.length()) < 0;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || loader == null || loader == ClassLoader.getPlatformClassLoader()
                || isExcludedAlways(className) || !filter.test(className.replace('/', '.'))) {
            return null;
        }
        try {
            return instrument(loader, classfileBuffer);
        } catch (Throwable t) {
            if (warned.add(className)) {
                System.err.println("[gridlock] warning: " + className.replace('/', '.')
                        + " left uninstrumented: " + t);
            }
            return null;
        }
    }

    /** Instruments one class; returns null if nothing in it needed instrumenting. */
    public static byte[] instrument(ClassLoader loader, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        int version = readVersion(bytes);
        ClassHierarchy hierarchy = new ClassHierarchy(loader);
        // Most classes take no lock (about 1 in 9 of H2's classes needs a hook): a first pass through the same
        // visitors into nothing tells, without the cost of computing frames and writing the class.
        Changes probe = new Changes();
        reader.accept(new LockClassVisitor(new Discard(), hierarchy, probe),
                ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
        if (!probe.changed) {
            return null;
        }
        boolean frames = version >= Opcodes.V1_6;
        ClassWriter writer = new HierarchyClassWriter(reader,
                frames ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS, hierarchy);
        Changes changes = new Changes();
        reader.accept(new LockClassVisitor(writer, hierarchy, changes), frames ? ClassReader.SKIP_FRAMES : 0);
        return changes.changed ? writer.toByteArray() : null;
    }

    /** Swallows a class: the probe pass only needs the visitors' verdict. */
    private static final class Discard extends ClassVisitor {
        Discard() {
            super(Opcodes.ASM9);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
            };
        }
    }

    private static int readVersion(byte[] b) {
        return ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
    }
}
