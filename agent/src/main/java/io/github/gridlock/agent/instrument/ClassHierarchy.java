package io.github.gridlock.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Super types read from class-file bytes through the defining loader's resources, so that frame computation and
 * "is this a Lock?" questions never load (and so never initialise or recursively transform) a class.
 */
final class ClassHierarchy {
    static final String OBJECT = "java/lang/Object";

    static final class Info {
        final String superName;
        final String[] interfaces;
        final boolean isInterface;

        Info(String superName, String[] interfaces, boolean isInterface) {
            this.superName = superName;
            this.interfaces = interfaces;
            this.isInterface = isInterface;
        }
    }

    private static final Info UNKNOWN = new Info(null, new String[0], false);
    /** JDK classes are the same for every loader. */
    private static final Map<String, Info> JDK = new ConcurrentHashMap<>();

    /**
     * Non-JDK classes, per defining loader, shared by every transformation of that loader's classes (the super
     * types of a name do not change for one loader): a class's bytes are read at most once, not once per class that
     * refers to it. Weak keys: a loader that is collected takes its map along (Info holds no reference to it).
     */
    private static final Map<ClassLoader, Map<String, Info>> BY_LOADER = new WeakHashMap<>();

    private final ClassLoader loader;
    private final Map<String, Info> local;
    /** Names this transformation could not read (cached for this class only). */
    private final Map<String, Info> unknown = new java.util.HashMap<>();

    ClassHierarchy(ClassLoader loader) {
        this.loader = loader;
        this.local = loader == null ? new ConcurrentHashMap<>() : forLoader(loader);
    }

    private static Map<String, Info> forLoader(ClassLoader loader) {
        synchronized (BY_LOADER) {
            Map<String, Info> m = BY_LOADER.get(loader);
            if (m == null) {
                m = new ConcurrentHashMap<>();
                BY_LOADER.put(loader, m);
            }
            return m;
        }
    }

    /** Registers the class being transformed, whose bytes may not be reachable as a resource. */
    void define(String name, String superName, String[] interfaces, int access) {
        local.put(name, new Info(superName, interfaces == null ? new String[0] : interfaces,
                (access & Opcodes.ACC_INTERFACE) != 0));
    }

    Info info(String name) {
        boolean jdk = name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/");
        Info i = jdk ? JDK.get(name) : local.get(name);
        if (i == null && !jdk) {
            i = unknown.get(name);
        }
        if (i != null) {
            return i;
        }
        i = read(name);
        if (jdk) {
            JDK.put(name, i);
        } else if (i != UNKNOWN) {
            local.put(name, i);
        } else {
            // not shared: the loader may find it later (a URL added, a class defined at run time)
            unknown.put(name, i);
        }
        return i;
    }

    private Info read(String name) {
        String resource = name + ".class";
        InputStream in = null;
        try {
            if (loader != null) {
                in = loader.getResourceAsStream(resource);
            }
            if (in == null) {
                in = ClassLoader.getSystemResourceAsStream(resource);
            }
            if (in == null) {
                return UNKNOWN;
            }
            ClassReader r = new ClassReader(in);
            return new Info(r.getSuperName(), r.getInterfaces(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** True if {@code name} is {@code target} or extends/implements it, as far as the bytes tell. */
    boolean isSubtype(String name, String target) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        todo.add(name);
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (n.equals(target)) {
                return true;
            }
            if (!seen.add(n) || n.equals(OBJECT)) {
                continue;
            }
            Info i = info(n);
            if (i.superName != null) {
                todo.add(i.superName);
            }
            for (String itf : i.interfaces) {
                todo.add(itf);
            }
        }
        return false;
    }

    /** For ClassWriter.getCommonSuperClass: the nearest common superclass, java/lang/Object when unsure. */
    String commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        Info ia = info(a);
        Info ib = info(b);
        if (ia == UNKNOWN || ib == UNKNOWN || ia.isInterface || ib.isInterface) {
            return OBJECT;
        }
        Set<String> supersOfA = new HashSet<>();
        for (String n = a; n != null;) {
            supersOfA.add(n);
            if (n.equals(OBJECT)) {
                break;
            }
            Info i = info(n);
            if (i == UNKNOWN) {
                return OBJECT;
            }
            n = i.superName;
        }
        for (String n = b; n != null;) {
            if (supersOfA.contains(n)) {
                return n;
            }
            Info i = info(n);
            if (i == UNKNOWN) {
                return OBJECT;
            }
            n = i.superName;
        }
        return OBJECT;
    }
}
