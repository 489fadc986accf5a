package io.github.gridlock.agent;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.nio.file.Files;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Agent entry point. Puts the runtime (hooks and graph) on the bootstrap class path, then hands over to
 * {@link AgentMain}. References nothing of the agent before the runtime is on the boot class path, so that the
 * runtime classes are defined by the bootstrap loader and visible to every class, JDK ones included.
 */
public final class Premain {
    private static final String RUNTIME_PREFIX = "io/github/gridlock/agent/runtime/";

    private Premain() {
    }

    public static void premain(String args, Instrumentation inst) throws Exception {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) throws Exception {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean late) throws Exception {
        File runtimeJar = runtimeJar();
        if (runtimeJar != null) {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(runtimeJar));
        }
        AgentMain.start(args, inst, late);
    }

    /** Copies the runtime classes out of the agent jar into a temporary jar; null when not run from a jar. */
    private static File runtimeJar() throws Exception {
        URL location = Premain.class.getProtectionDomain().getCodeSource().getLocation();
        File self = new File(location.toURI());
        if (!self.isFile()) {
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
