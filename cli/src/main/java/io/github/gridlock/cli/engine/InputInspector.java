package io.github.gridlock.cli.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Screens the inputs before the engine sees them, so that one unusable file costs exactly that file: a missing
 * path, a file that is not a jar, a class file that is damaged (see {@link ClassFileCheck}) or that one of
 * SpotBugs' class readers (ASM and BCEL) cannot read, a class compiled for a newer Java than those readers
 * understand, the second copy of a class. Each is named once, with the reason; every other class is analysed.
 *
 * <p>An input with nothing to leave out is given to the engine as it is. One with classes to leave out is given
 * as a {@linkplain ScreenedInputs screened copy} that holds only the accepted classes, because the engine reads
 * every class of an input several times and in several ways (SpotBugs' class screener only stops the last of
 * them): a damaged class it half reads takes other classes down with it.
 */
final class InputInspector {
    private static final int CAFEBABE = 0xCAFEBABE;
    /** The archives SpotBugs would look into (its {@code Archive.ARCHIVE_EXTENSION_SET}). */
    private static final Set<String> ARCHIVE_SUFFIXES = Set.of(".jar", ".zip", ".war", ".ear", ".sar");
    /** Multi-release jars keep versions of classes here; they are no duplicates. */
    private static final String VERSIONED = "META-INF/versions/";

    /** What the screening found. */
    static final class Inspection {
        /** The inputs that have anything to analyse, in the order given. */
        final List<Input> inputs = new ArrayList<>();
        final List<Path> sourceRoots = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();

        int acceptedClasses() {
            return inputs.stream().mapToInt(i -> i.accepted.size()).sum();
        }
    }

    /** One usable input: where it is and which of its class files are analysed. */
    static final class Input {
        enum Kind { FOLDER, ARCHIVE, CLASS_FILE }

        /** The class folder, jar or class file (for a Maven project folder: its target/classes). */
        final Path path;
        final Kind kind;
        /** Accepted class files, by location ({@code folder/a/B.class} or {@code app.jar!/a/B.class}). */
        final Map<String, ClassFile> accepted = new LinkedHashMap<>();
        /** How many class files were left out (damaged, unreadable, too new, duplicates). */
        int leftOut;

        Input(Path path, Kind kind) {
            this.path = path;
            this.kind = kind;
        }

        /** True when the engine may read the input itself: it has nothing to leave out. */
        boolean usableAsIs() {
            return leftOut == 0;
        }
    }

    /** An accepted class file: the class it defines (slashed) and its path inside its folder or jar. */
    record ClassFile(String className, String relative) {
        boolean pathMatchesName() {
            return relative.equals(className + ".class");
        }
    }

    /** What the screen says about one class file: the class it names (when readable) and its defect, if any. */
    record Verdict(String className, String defect) {
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
        leaveOutDuplicates(result);
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
            Input one = new Input(input, Input.Kind.CLASS_FILE);
            try {
                screen(Files.readAllBytes(input), input.toString(), input.getFileName().toString(), one, result);
            } catch (IOException e) {
                result.problems.add(new Problem(Problem.Kind.INPUT, input.toString(), "cannot read: " + e.getMessage()));
                one.leftOut++;
            }
            if (!one.accepted.isEmpty()) {
                result.inputs.add(one);
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
        List<Path> classFiles = new ArrayList<>();
        List<String> archives = new ArrayList<>();
        int javaSources = 0;
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p)) {
                    continue; // also a folder named like a class file
                }
                if (name.endsWith(".class")) {
                    classFiles.add(p);
                } else if (name.endsWith(".java")) {
                    javaSources++;
                } else if (isArchiveName(name)) {
                    archives.add(classes.relativize(p).toString().replace('\\', '/'));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            result.problems.add(new Problem(Problem.Kind.INPUT, classes.toString(), "cannot list: "
                    + GridlockEngine.messageChain(e)));
            return;
        }
        noteArchivesNotScanned(classes, archives, "folder", result);
        if (classFiles.isEmpty()) {
            // A first scan often names the source folder: say where the compiled classes usually are.
            result.problems.add(new Problem(Problem.Kind.WARNING, classes.toString(), javaSources == 0
                    ? "contains no .class files: nothing to analyse"
                    : "contains no .class files: nothing to analyse; it holds " + javaSources + " Java source file"
                            + (javaSources == 1 ? "" : "s") + ", and Gridlock reads compiled classes: compile first and"
                            + " scan the class folder (target/classes with Maven, build/classes/java/main with Gradle)"
                            + " or the jar"));
            return;
        }
        Input input = new Input(classes, Input.Kind.FOLDER);
        for (Path classFile : classFiles) {
            String relative = classes.relativize(classFile).toString().replace('\\', '/');
            try {
                screen(Files.readAllBytes(classFile), classFile.toString(), relative, input, result);
            } catch (IOException e) {
                result.problems.add(new Problem(Problem.Kind.INPUT, classFile.toString(),
                        "cannot read: " + e.getMessage()));
                input.leftOut++;
            }
        }
        if (!input.accepted.isEmpty()) {
            result.inputs.add(input);
        }
    }

    private static boolean looksLikeClassFolder(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(".class"));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isArchiveName(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && ARCHIVE_SUFFIXES.contains(name.substring(dot).toLowerCase(Locale.ROOT));
    }

    private static void noteArchivesNotScanned(Path container, List<String> archives, String kind,
            Inspection result) {
        if (archives.isEmpty()) {
            return;
        }
        List<String> some = archives.subList(0, Math.min(3, archives.size()));
        result.problems.add(new Problem(Problem.Kind.WARNING, container.toString(), "the " + kind + " holds "
                + archives.size() + (archives.size() == 1 ? " archive" : " archives") + " (" + String.join(", ", some)
                + (archives.size() > some.size() ? ", ..." : "") + "), which " + (archives.size() == 1 ? "is" : "are")
                + " not analysed inside a " + kind + ": pass " + (archives.size() == 1 ? "it" : "them")
                + " as a PATH to analyse, or with --aux-classpath to read as a library"));
    }

    private void inspectArchive(Path archive, Inspection result) {
        boolean anyClass = false;
        boolean anySource = false;
        Input input = new Input(archive, Input.Kind.ARCHIVE);
        List<String> nested = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue; // also a folder named like a class file
                }
                if (name.endsWith(".java")) {
                    anySource = true;
                }
                if (isArchiveName(name)) {
                    nested.add(name);
                }
                if (!name.endsWith(".class")) {
                    continue;
                }
                anyClass = true;
                String location = archive + "!/" + name;
                try (InputStream in = zip.getInputStream(entry)) {
                    screen(in.readAllBytes(), location, name, input, result);
                } catch (IOException e) {
                    result.problems.add(new Problem(Problem.Kind.INPUT, location, "cannot read: " + e.getMessage()));
                    input.leftOut++;
                }
            }
        } catch (IOException e) {
            result.problems.add(new Problem(Problem.Kind.INPUT, archive.toString(),
                    "not a readable jar or zip file (" + e.getMessage() + ")"));
            return;
        }
        noteArchivesNotScanned(archive, nested, "jar", result);
        if (!anyClass) {
            result.problems.add(new Problem(Problem.Kind.WARNING, archive.toString(),
                    "contains no .class files: nothing to analyse"));
            return;
        }
        if (!input.accepted.isEmpty()) {
            result.inputs.add(input);
        }
        if (anySource) {
            result.sourceRoots.add(archive);
        }
    }

    /**
     * Screens one class file: accepted into {@code input}, or left out with a problem that names it and says why.
     *
     * @param location how the user finds the file: a path, or {@code jar!/entry}
     * @param relative its path inside its folder or jar
     */
    private void screen(byte[] bytes, String location, String relative, Input input, Inspection result) {
        Verdict verdict = verdict(bytes);
        if (verdict.defect() != null) {
            result.problems.add(new Problem(Problem.Kind.INPUT, location, verdict.defect()));
            input.leftOut++;
            return;
        }
        input.accepted.put(location, new ClassFile(verdict.className(), relative));
    }

    /** Whether the engine can use this class file, and the class it defines. */
    Verdict verdict(byte[] bytes) {
        ClassFileCheck.Result check = ClassFileCheck.check(bytes);
        return new Verdict(check.className, defect(bytes, check));
    }

    private String defect(byte[] bytes, ClassFileCheck.Result check) {
        if (bytes.length < 10) {
            return "corrupt class file (truncated header: " + bytes.length + " bytes)";
        }
        int magic = (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
        int major = (bytes[6] & 0xFF) << 8 | bytes[7] & 0xFF;
        if (magic != CAFEBABE) {
            return String.format("corrupt class file (bad magic number 0x%08X)", magic);
        }
        if (major > maxMajor) {
            return String.format("compiled for Java %d (class file version %d), newer than this engine supports"
                    + " (up to Java %d, version %d)", javaVersionOf(major), major, javaVersionOf(maxMajor), maxMajor);
        }
        if (!check.ok()) {
            return "corrupt class file (" + check.defect + ")";
        }
        ClassNode node = new ClassNode();
        try {
            new ClassReader(bytes).accept(node, 0);
        } catch (RuntimeException e) {
            return "corrupt class file (SpotBugs' class reader ASM cannot read it: " + describe(e) + ")";
        }
        String badCode = codeThatDoesNotVerify(node);
        if (badCode != null) {
            return "corrupt class file (" + badCode + ")";
        }
        try {
            new org.apache.bcel.classfile.ClassParser(new ByteArrayInputStream(bytes), check.className + ".class")
                    .parse();
        } catch (IOException | RuntimeException e) {
            return "corrupt class file (SpotBugs' class reader BCEL cannot read it: " + describe(e) + ")";
        }
        return null;
    }

    /**
     * The first method whose code fails the JVM's data-flow check at the level that needs no other class (stack
     * heights, value kinds, locals in range: ASM's {@code BasicVerifier}): SpotBugs' own analyses give up on such
     * code with logged errors that would count as analysis failures of whichever class asked for it. Null when
     * every method passes.
     */
    static String codeThatDoesNotVerify(ClassNode node) {
        for (MethodNode method : node.methods) {
            if (method.instructions.size() == 0) {
                continue;
            }
            try {
                new Analyzer<>(new BasicVerifier()).analyze(node.name, method);
            } catch (AnalyzerException | RuntimeException e) {
                return "the code of " + method.name + method.desc + " does not verify: " + describe(e);
            }
        }
        return null;
    }

    private static String describe(Exception e) {
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + msg;
    }

    /**
     * The second and later class files that define one class are left out: the first in the order of the inputs
     * is analysed, as the JVM would load it; inside one input, a file whose path matches the class name comes
     * first (the other may be a copy with a damaged name). Versions of a class in a multi-release jar are no
     * duplicates: the engine picks one, the first in the jar.
     */
    private static void leaveOutDuplicates(Inspection result) {
        Map<String, String> firstLocation = new LinkedHashMap<>();
        for (Input input : result.inputs) {
            Map<String, List<String>> byClass = new LinkedHashMap<>();
            for (Map.Entry<String, ClassFile> e : input.accepted.entrySet()) {
                if (e.getValue().relative().startsWith(VERSIONED)) {
                    continue;
                }
                byClass.computeIfAbsent(e.getValue().className(), k -> new ArrayList<>()).add(e.getKey());
            }
            List<String> duplicates = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : byClass.entrySet()) {
                String className = e.getKey();
                List<String> locations = new ArrayList<>(e.getValue());
                String matching = locations.stream().filter(l -> input.accepted.get(l).pathMatchesName())
                        .findFirst().orElse(locations.get(0));
                locations.remove(matching);
                locations.add(0, matching);
                String first = firstLocation.putIfAbsent(className, matching);
                for (String location : first == null ? locations.subList(1, locations.size()) : locations) {
                    String kept = first == null ? matching : first;
                    result.problems.add(new Problem(Problem.Kind.WARNING, location, "defines the class "
                            + className.replace('/', '.') + " again; skipped: " + kept + " is analysed"));
                    duplicates.add(location);
                }
            }
            duplicates.forEach(input.accepted::remove);
            input.leftOut += duplicates.size();
        }
        result.inputs.removeIf(i -> i.accepted.isEmpty());
    }
}
