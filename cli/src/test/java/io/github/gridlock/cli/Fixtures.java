package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Test inputs made at test time: compiled classes, jars, broken files; and a way to run the CLI in-process. */
final class Fixtures {
    private Fixtures() {
    }

    /** A class calling Thread.run(): SpotBugs core reports RU_INVOKE_RUN (medium priority) on the marked line. */
    static final String RUN_DIRECT = String.join("\n",
            "package fixture;",
            "",
            "public class RunDirect {",
            "    public void go() {",
            "        Thread t = new Thread(() -> { });",
            "        t.run();",
            "    }",
            "}",
            "");
    static final int RUN_DIRECT_LINE = 6;

    /** Two static locks nested in opposite orders: a GL_LOCK_ORDER_INVERSION cycle with an edge on each marked line. */
    static final String LOCK_CYCLE = String.join("\n",
            "package fixture;",
            "",
            "public class LockCycle {",
            "    static final Object LEFT = new Object();",
            "    static final Object RIGHT = new Object();",
            "    static int moves;",
            "",
            "    void leftThenRight() {",
            "        synchronized (LEFT) {",
            "            synchronized (RIGHT) {",
            "                moves++;",
            "            }",
            "        }",
            "    }",
            "",
            "    void rightThenLeft() {",
            "        synchronized (RIGHT) {",
            "            synchronized (LEFT) {",
            "                moves++;",
            "            }",
            "        }",
            "    }",
            "}",
            "");
    /** The lines of LOCK_CYCLE where the inner lock of each edge is taken. */
    static final int LOCK_CYCLE_FIRST_EDGE = 10;
    static final int LOCK_CYCLE_SECOND_EDGE = 18;

    /**
     * Two read locks nested in both orders: a lock-order cycle that only queued writers can close, which
     * GL_LOCK_ORDER_INVERSION reports at low priority, below SpotBugs' default threshold.
     */
    static final String READ_READ_CYCLE = String.join("\n",
            "package fixture;",
            "",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "",
            "public class ReadReadCycle {",
            "    private final ReentrantReadWriteLock prices = new ReentrantReadWriteLock();",
            "    private final ReentrantReadWriteLock rates = new ReentrantReadWriteLock();",
            "",
            "    public void totals() {",
            "        prices.readLock().lock();",
            "        try {",
            "            rates.readLock().lock();",
            "            rates.readLock().unlock();",
            "        } finally {",
            "            prices.readLock().unlock();",
            "        }",
            "    }",
            "",
            "    public void reverseTotals() {",
            "        rates.readLock().lock();",
            "        try {",
            "            prices.readLock().lock();",
            "            prices.readLock().unlock();",
            "        } finally {",
            "            rates.readLock().unlock();",
            "        }",
            "    }",
            "}",
            "");

    /** The plugin the tests load: the first existing candidate of -Dgridlock.plugin (set by the pom). */
    static Path plugin() {
        List<Path> plugins = Locations.defaultPlugins();
        assertFalse(plugins.isEmpty(), "no Gridlock plugin found; candidates: -Dgridlock.plugin="
                + System.getProperty(Locations.PLUGIN_PROPERTY) + " (build detectors first)");
        return plugins.get(0);
    }

    /** Writes the sources under {@code dir/src} and compiles them (Java 11, with debug info) to {@code dir/classes}. */
    static Path compile(Path dir, Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "11", "-g", "-d", classes.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
        assertEquals(0, rc, () -> "javac failed: " + diagnostics);
        return classes;
    }

    /** Packs a folder into a jar. */
    static Path jar(Path folder, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(folder.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Copies a class file with its major version set to {@code major}. */
    static byte[] withMajorVersion(byte[] classFile, int major) {
        byte[] copy = classFile.clone();
        copy[6] = (byte) (major >> 8);
        copy[7] = (byte) major;
        return copy;
    }

    /** The outcome of one in-process CLI run. */
    static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** Runs {@code gridlock ARGS} in this JVM with the test plugin. */
    static Run gridlock(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
