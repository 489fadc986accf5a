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
     * The runtime classes of the agent jar, in a jar of their own in the temporary directory, named after the agent
     * jar's size and time stamp so that later runs of the same agent reuse it (written to a scratch file first, then
     * moved into place, so that JVMs starting at once never see half a jar). Lists the classes' names. Null when
     * not run from a jar.
     */
    private static File runtimeJar(List<String> classNames) throws IOException {
        File self = agentJar();
        if (self == null) {
            return null;
        }
        try (JarFile in = new JarFile(self)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                String n = entries.nextElement().getName();
                if (n.startsWith(RUNTIME_PREFIX) && n.endsWith(".class")) {
                    classNames.add(n.substring(0, n.length() - 6).replace('/', '.'));
                }
            }
        }
        File tmp = new File(System.getProperty("java.io.tmpdir"));
        File dir = privateCacheDir(tmp);
        if (dir == null) { // no private place to keep it: a fresh copy for this JVM only
            File once = File.createTempFile("gridlock-runtime", ".jar", tmp);
            once.deleteOnExit();
            copyRuntime(self, once);
            return once;
        }
        File out = new File(dir, "gridlock-runtime-" + Long.toHexString(self.length()) + "-"
                + Long.toHexString(self.lastModified()) + ".jar");
        if (out.isFile() && out.length() > 0) {
            return out;
        }
        File scratch = File.createTempFile("gridlock-runtime", ".tmp", dir);
        try {
            copyRuntime(self, scratch);
            Files.move(scratch.toPath(), out.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(scratch.toPath());
        }
        return out;
    }

    /**
     * {@code tmp/gridlock-USER}, created owner-only; null unless it is a directory of this user that nobody else can
     * write (what goes on the boot class path must not be replaceable by another user), or where POSIX permissions
     * are not supported.
     */
    private static File privateCacheDir(File tmp) {
        try {
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
            java.nio.file.Path dir = tmp.toPath().resolve("gridlock-" + user);
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(dir,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            boolean ours = Files.getOwner(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName()
                    .equals(System.getProperty("user.name"));
            boolean othersWrite = p.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    || p.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            return ours && !othersWrite ? dir.toFile() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void copyRuntime(File agent, File target) throws IOException {
        try (JarFile in = new JarFile(agent);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.toPath()))) {
            jar.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
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
    }
}
