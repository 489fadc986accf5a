package io.github.gridlock.cli.engine;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Looks at the inputs before the engine does, so that every unusable one is named in a clear message: a missing
 * path, a file that is not a jar, a class file that is not a class file, a class compiled for a newer Java than
 * the engine's class-file reader (ASM) understands. It reads class file headers only; it analyses nothing.
 */
final class InputInspector {
    private static final int CAFEBABE = 0xCAFEBABE;

    /** What the inspection found. */
    static final class Inspection {
        final List<Path> codebases = new ArrayList<>();
        final List<Path> sourceRoots = new ArrayList<>();
        /** Class resources (slashed, e.g. {@code a/b/C.class}) that must not be given to the engine. */
        final Set<String> unusableClasses = new LinkedHashSet<>();
        final List<Problem> problems = new ArrayList<>();
    }

    private final int maxMajor;

    InputInspector() {
        this(highestSupportedMajor());
    }

    InputInspector(int maxMajor) {
        this.maxMajor = maxMajor;
    }

    /** The highest class file major version the bundled ASM declares ({@code Opcodes.V<n>}). */
    static int highestSupportedMajor() {
        int max = 52;
        try {
            Class<?> opcodes = Class.forName("org.objectweb.asm.Opcodes");
            for (Field f : opcodes.getFields()) {
                if (f.getName().matches("V\\d+(_\\d+)?") && f.getType() == int.class) {
                    max = Math.max(max, f.getInt(null) & 0xFFFF);
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // keep the conservative default
        }
        return max;
    }

    static int javaVersionOf(int major) {
        return major - 44;
    }

    Inspection inspect(List<Path> inputs) {
        Inspection result = new Inspection();
        for (Path input : inputs) {
            inspectOne(input, result);
        }
        return result;
    }

    private void inspectOne(Path input, Inspection result) {
        if (!Files.exists(input)) {
            result.problems.add(new Problem(Problem.Kind.INPUT, input.toString(), "no such file or directory"));
            return;
        }
        if (!Files.isReadable(input)) {
            result.problems.add(new Problem(Problem.Kind.INPUT, input.toString(), "not readable"));
            return;
        }
        if (Files.isDirectory(input)) {
            inspectDirectory(input, result);
        } else if (input.getFileName().toString().endsWith(".class")) {
            int before = result.problems.size();
            try (InputStream in = Files.newInputStream(input)) {
                checkClassHeader(in, input.toString(), result);
            } catch (IOException e) {
                result.problems.add(new Problem(Problem.Kind.INPUT, input.toString(), "cannot read: " + e.getMessage()));
            }
            if (result.problems.size() == before) {
                result.codebases.add(input);
            }
        } else {
            inspectArchive(input, result);
        }
    }

    private void inspectDirectory(Path dir, Inspection result) {
        Path classes = dir;
        // A Maven project folder: analyse its target/classes, read its src/main/java.
        if (Files.isRegularFile(dir.resolve("pom.xml")) && !looksLikeClassFolder(dir)) {
            classes = dir.resolve("target").resolve("classes");
            if (!Files.isDirectory(classes)) {
                result.problems.add(new Problem(Problem.Kind.INPUT, dir.toString(),
                        "a Maven project folder without target/classes: build it first (mvn compile);"
                                + " for a multi-module build, pass the module folders"));
                return;
            }
        }
        Path moduleRoot = classes.getParent() != null && classes.getParent().getParent() != null
                && classes.getFileName() != null && classes.getFileName().toString().equals("classes")
                && classes.getParent().getFileName().toString().equals("target")
                ? classes.getParent().getParent() : null;
        if (moduleRoot != null && Files.isDirectory(moduleRoot.resolve("src/main/java"))) {
            result.sourceRoots.add(moduleRoot.resolve("src/main/java"));
        }
        boolean anyClass;
        try (Stream<Path> walk = Files.walk(classes)) {
            List<Path> classFiles = new ArrayList<>();
            walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p))
                    .forEach(classFiles::add);
            anyClass = !classFiles.isEmpty();
            for (Path classFile : classFiles) {
                try (InputStream in = Files.newInputStream(classFile)) {
                    if (!checkClassHeader(in, classFile.toString(), result)) {
                        result.unusableClasses.add(classes.relativize(classFile).toString().replace('\\', '/'));
                    }
                } catch (IOException e) {
                    result.problems.add(new Problem(Problem.Kind.INPUT, classFile.toString(),
                            "cannot read: " + e.getMessage()));
                    result.unusableClasses.add(classes.relativize(classFile).toString().replace('\\', '/'));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            result.problems.add(new Problem(Problem.Kind.INPUT, classes.toString(), "cannot list: " + e.getMessage()));
            return;
        }
        if (!anyClass) {
            result.problems.add(new Problem(Problem.Kind.INPUT, classes.toString(), "contains no .class files"));
            return;
        }
        result.codebases.add(classes);
    }

    private static boolean looksLikeClassFolder(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(".class"));
        } catch (IOException e) {
            return false;
        }
    }

    private void inspectArchive(Path archive, Inspection result) {
        boolean anyClass = false;
        boolean anySource = false;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.endsWith(".java")) {
                    anySource = true;
                }
                if (!name.endsWith(".class")) {
                    continue;
                }
                anyClass = true;
                try (InputStream in = zip.getInputStream(entry)) {
                    if (!checkClassHeader(in, archive + "!/" + name, result)) {
                        result.unusableClasses.add(name);
                    }
                } catch (IOException e) {
                    result.problems.add(new Problem(Problem.Kind.INPUT, archive + "!/" + name,
                            "cannot read: " + e.getMessage()));
                    result.unusableClasses.add(name);
                }
            }
        } catch (IOException e) {
            result.problems.add(new Problem(Problem.Kind.INPUT, archive.toString(),
                    "not a readable jar or zip file (" + e.getMessage() + ")"));
            return;
        }
        if (!anyClass) {
            result.problems.add(new Problem(Problem.Kind.INPUT, archive.toString(), "contains no .class files"));
            return;
        }
        result.codebases.add(archive);
        if (anySource) {
            result.sourceRoots.add(archive);
        }
    }

    /**
     * Reads one class file: its header (magic number, version) and then its whole structure with ASM, the reader
     * the engine uses, without looking at what the code does.
     *
     * @return true when the engine can read the class; otherwise records a problem naming it
     */
    private boolean checkClassHeader(InputStream raw, String name, Inspection result) throws IOException {
        byte[] bytes = raw.readAllBytes();
        if (bytes.length < 8) {
            result.problems.add(new Problem(Problem.Kind.INPUT, name, "corrupt class file (truncated header)"));
            return false;
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        int magic = in.readInt();
        in.readUnsignedShort();
        int major = in.readUnsignedShort();
        if (magic != CAFEBABE) {
            result.problems.add(new Problem(Problem.Kind.INPUT, name,
                    String.format("corrupt class file (bad magic number 0x%08X)", magic)));
            return false;
        }
        if (major > maxMajor) {
            result.problems.add(new Problem(Problem.Kind.INPUT, name, String.format(
                    "compiled for Java %d (class file version %d), newer than this engine supports"
                            + " (up to Java %d, version %d)",
                    javaVersionOf(major), major, javaVersionOf(maxMajor), maxMajor)));
            return false;
        }
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) { }, 0);
        } catch (RuntimeException e) {
            result.problems.add(new Problem(Problem.Kind.INPUT, name, "corrupt class file (" + describe(e) + ")"));
            return false;
        }
        return true;
    }

    private static String describe(RuntimeException e) {
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + msg;
    }
}
