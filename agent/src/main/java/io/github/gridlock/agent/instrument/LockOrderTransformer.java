package io.github.gridlock.agent.instrument;

import io.github.gridlock.agent.runtime.AgentErrors;
import io.github.gridlock.agent.runtime.LockHooks;
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
 * Instruments application classes, and the JDK classes of the selected {@link JdkClasses} groups (their monitors
 * only). Never runs at lock time. Other JDK classes (bootstrap and platform loaders, and java., javax., jdk., sun.,
 * com.sun. packages) and the agent's own classes are left alone. A class that fails to transform is returned
 * unchanged, with one warning. While it transforms, the thread's lock tracking is paused, so that what the
 * transformer itself locks (a JDK class it reads through, a warning it prints) is never recorded.
 */
public final class LockOrderTransformer implements ClassFileTransformer {
    private static final List<String> NEVER = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "io/github/gridlock/agent/runtime/", "io/github/gridlock/agent/instrument/",
            "io/github/gridlock/agent/report/", "io/github/gridlock/agent/junit/",
            "io/github/gridlock/agent/shaded/");
    private static final List<String> JDK_PACKAGES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");
    private static final String AGENT_ROOT = "io/github/gridlock/agent/";

    private final Predicate<String> filter;
    private final JdkClasses jdk;
    private final String hooks;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param filter accepts dotted class names that may be instrumented (the include/exclude options)
     * @param jdk the JDK classes whose monitors are instrumented too
     * @param hooks internal name of the class instrumented code calls (the java.lang bridge)
     */
    public LockOrderTransformer(Predicate<String> filter, JdkClasses jdk, String hooks) {
        this.filter = filter;
        this.jdk = jdk;
        this.hooks = hooks;
    }

    /** Application classes only, calling the runtime directly (for in-process use, where no bridge exists). */
    public LockOrderTransformer(Predicate<String> filter) {
        this(filter, JdkClasses.NONE, Hooks.RUNTIME);
    }

    /** The internal name of the java.lang bridge that instrumented code calls in a JVM running the agent. */
    public static String bridgeName() {
        return Hooks.BRIDGE;
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

    private static boolean isJdk(ClassLoader loader, String internalName) {
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return true;
        }
        for (String p : JDK_PACKAGES) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True if this transformer would instrument the named class of that loader. */
    public boolean accepts(ClassLoader loader, String internalName) {
        if (internalName == null || internalName.startsWith(hooks)) {
            return false;
        }
        if (isJdk(loader, internalName)) {
            return jdk.selects(internalName);
        }
        return !isExcludedAlways(internalName) && filter.test(internalName.replace('/', '.'));
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (!accepts(loader, className)) {
            return null;
        }
        boolean paused = LockHooks.pauseTracking();
        try {
            return instrument(loader, classfileBuffer, hooks, isJdk(loader, className));
        } catch (Throwable t) {
            if (warned.add(className)) {
                // said by the agent's reporter thread: the loading thread may not wait for stderr
                AgentErrors.warn(className.replace('/', '.') + " left uninstrumented (it runs unchanged, its locks"
                        + " unwatched): " + t);
            }
            return null;
        } finally {
            LockHooks.resumeTracking(paused);
        }
    }

    /** Instruments one application class to call the runtime directly; null if nothing needed instrumenting. */
    public static byte[] instrument(ClassLoader loader, byte[] bytes) {
        return instrument(loader, bytes, Hooks.RUNTIME, false);
    }

    /**
     * Instruments one class; returns null if nothing in it needed instrumenting.
     *
     * @param hooks the class whose static hooks the instrumented code calls
     * @param monitorsOnly a JDK class: its monitors only
     */
    static byte[] instrument(ClassLoader loader, byte[] bytes, String hooks, boolean monitorsOnly) {
        ClassReader reader = new ClassReader(bytes);
        int version = readVersion(bytes);
        ClassHierarchy hierarchy = new ClassHierarchy(loader);
        // Most classes take no lock (about 1 in 9 of H2's classes needs a hook): a first pass through the same
        // visitors into nothing tells, without the cost of computing frames and writing the class.
        // (The selected JDK classes are chosen for their monitors: no probe.)
        if (!monitorsOnly) {
            Changes probe = new Changes();
            reader.accept(new LockClassVisitor(new Discard(), hooks, false, hierarchy, probe),
                    ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
            if (!probe.changed) {
                return null;
            }
        }
        // A JDK class's instrumentation changes no control flow: its own frames stay valid (and reading no class
        // hierarchy keeps start-up cheap). Application classes get handlers and a new local: frames recomputed.
        boolean frames = version >= Opcodes.V1_6 && !monitorsOnly;
        ClassWriter writer = new HierarchyClassWriter(reader,
                frames ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS, hierarchy);
        Changes changes = new Changes();
        reader.accept(new LockClassVisitor(writer, hooks, monitorsOnly, hierarchy, changes),
                frames ? ClassReader.SKIP_FRAMES : 0);
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
