package io.github.gridlock.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Agent entry point. Puts the runtime (hooks and graph) on the bootstrap class path, then hands over to
 * {@link AgentMain}. References nothing of the agent before the runtime is on the boot class path, so that the
 * runtime classes are defined by the bootstrap loader and visible to every class, JDK ones included.
 *
 * <p>Never aborts the JVM: if the agent cannot install (its runtime jar cannot be written, the bridge cannot be
 * defined, it is loaded a second time), it says so once on stderr and the program runs without it.
 */
public final class Premain {
    private static final String RUNTIME_PREFIX = "io/github/gridlock/agent/runtime/";
    /** Named here, not through RuntimeBridge: nothing of the agent may load before the runtime is on the boot path. */
    private static final String BRIDGE = "java.lang.$Gridlock";

    private Premain() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean late) {
        try {
            if (bridgeExists()) {
                notInstalled("another copy of the agent is already installed");
                return;
            }
            List<String> runtimeClasses = new ArrayList<>();
            File runtimeJar;
            try {
                runtimeJar = runtimeJar(runtimeClasses);
            } catch (IOException | RuntimeException e) {
                notInstalled("cannot write its runtime jar to " + System.getProperty("java.io.tmpdir") + " (" + e
                        + "); set -Djava.io.tmpdir to a writable directory");
                return;
            }
            if (runtimeJar == null) {
                notInstalled("it must run from its jar (-javaagent:gridlock-agent.jar)");
                return;
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(runtimeJar));
            AgentMain.start(args, inst, late, runtimeClasses);
        } catch (Throwable t) {
            notInstalled(String.valueOf(t));
        }
    }

    /** The bridge is defined once per JVM: a second copy of the agent (two -javaagent options) stands down. */
    private static boolean bridgeExists() {
        try {
            Class.forName(BRIDGE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static void notInstalled(String why) {
        System.err.println("[gridlock] agent not installed: " + why + "; the program runs without it");
    }

    /**
     * The jar this class came from; or, when it was loaded from a class directory that precedes the agent jar on the
     * class path (a build whose class path holds the agent's own classes), the agent jar, which the JVM appends to
     * the system class path: the jar whose manifest names this class as Premain-Class.
     */
    private static File agentJar() {
        try {
            File self = new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (self.isFile()) {
                return self;
            }
            Enumeration<URL> manifests = ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF");
            File found = null;
            while (manifests.hasMoreElements()) {
                URL url = manifests.nextElement();
                String u = url.toString();
                if (!u.startsWith("jar:file:") || !u.endsWith("!/META-INF/MANIFEST.MF")) {
                    continue;
                }
                try (InputStream in = url.openStream()) {
                    Manifest m = new Manifest(in);
                    if (Premain.class.getName().equals(m.getMainAttributes().getValue("Premain-Class"))) {
                        found = new File(new URL(u.substring(4, u.length() - "!/META-INF/MANIFEST.MF".length()))
                                .toURI());
                    }
                }
            }
            return found;
        } catch (java.net.URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Copies the runtime classes out of the agent jar into a temporary jar and lists their names; null when not
     * run from a jar.
     */
    private static File runtimeJar(List<String> classNames) throws IOException {
        File self = agentJar();
        if (self == null) {
            return null;
        }
        File out = File.createTempFile("gridlock-runtime", ".jar");
        out.deleteOnExit();
        try (JarFile in = new JarFile(self);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out.toPath()))) {
            Enumeration<JarEntry> entries = in.entries();
            byte[] buf = new byte[8192];
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.getName().startsWith(RUNTIME_PREFIX) || e.isDirectory()) {
                    continue;
                }
                if (e.getName().endsWith(".class")) {
                    classNames.add(e.getName().substring(0, e.getName().length() - 6).replace('/', '.'));
                }
                jar.putNextEntry(new JarEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    int n;
                    OutputStream os = jar;
                    while ((n = is.read(buf)) > 0) {
                        os.write(buf, 0, n);
                    }
                }
                jar.closeEntry();
            }
        }
        return out;
    }
}
