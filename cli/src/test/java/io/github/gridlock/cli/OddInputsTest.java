package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.Problem;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * Odd but valid inputs, as compilers, obfuscators and build tools make them: each is analysed and gives the
 * finding its lock-order cycle asks for, with nothing reported as a problem that is none.
 */
class OddInputsTest {
    private static final String CYCLE = "GL_LOCK_ORDER_INVERSION";

    @TempDir
    static Path tmp;
    /** Fixtures.LOCK_CYCLE compiled for Java 11 with debug info. */
    private static Path lockCycle;

    @BeforeAll
    static void compileCycle() throws IOException {
        lockCycle = Fixtures.compile(tmp.resolve("cycle"), Map.of("fixture/LockCycle.java", Fixtures.LOCK_CYCLE));
    }

    private static ScanResult scan(Path... inputs) {
        ScanRequest request = new ScanRequest().addPlugin(Fixtures.plugin());
        Stream.of(inputs).forEach(request::addInput);
        return new GridlockEngine().scan(request);
    }

    private static String describe(ScanResult result) {
        return "problems " + result.problems() + ", failures " + result.analysisFailures() + ", findings "
                + result.findings();
    }

    private static List<Finding> cycles(ScanResult result) {
        return result.findings().stream().filter(f -> f.code().equals(CYCLE)).collect(Collectors.toList());
    }

    /** The scan analysed every class, had no problem, and reported the one cycle, on {@code className}. */
    private static void assertOneCycleOn(String className, ScanResult result, int classes) {
        assertEquals(List.of(), result.problems(), () -> describe(result));
        assertEquals(List.of(), result.analysisFailures().stream().map(Object::toString).collect(Collectors.toList()));
        assertEquals(classes, result.classesAnalysed());
        List<Finding> cycles = cycles(result);
        assertEquals(1, cycles.size(), () -> result.findings().toString());
        assertEquals(className, cycles.get(0).className());
    }

    private static byte[] lockCycleBytes() throws IOException {
        return Files.readAllBytes(lockCycle.resolve("fixture/LockCycle.class"));
    }

    private static Path writeClass(Path folder, String internalName, byte[] bytes) throws IOException {
        Path file = folder.resolve(internalName + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return folder;
    }

    private static Path jar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    // ---- class files from every Java the users compile with ----

    @ParameterizedTest(name = "--release {0}")
    @ValueSource(ints = {8, 11, 17, 21, 25})
    void classFilesOfEachJavaVersionAreAnalysed(int release) throws Exception {
        Path out = tmp.resolve("release-" + release);
        Path src = tmp.resolve("cycle/src/fixture/LockCycle.java");
        String jdk = release <= 17 ? System.getProperty("java.home")
                : System.getProperty("gridlock.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
        Path javac = Paths.get(jdk, "bin", "javac");
        assumeTrue(Files.isExecutable(javac), "no javac for --release " + release + " at " + javac);
        Process p = new ProcessBuilder(javac.toString(), "--release", String.valueOf(release), "-nowarn", "-g",
                "-d", out.toString(), src.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), log);
        byte[] bytes = Files.readAllBytes(out.resolve("fixture/LockCycle.class"));
        assertEquals(44 + release, (bytes[6] & 0xFF) << 8 | bytes[7] & 0xFF, "class file version");

        ScanResult result = scan(out);
        assertOneCycleOn("fixture.LockCycle", result, 1);
        Finding cycle = cycles(result).get(0);
        assertEquals(Fixtures.LOCK_CYCLE_FIRST_EDGE, Math.min(cycle.startLine(), cycle.otherSites().stream()
                .mapToInt(Finding.Site::startLine).filter(l -> l > 0).min().orElse(Integer.MAX_VALUE)));
    }

    // ---- debug information: none, no line numbers, odd local-variable tables ----

    @Test
    void classesWithoutDebugInfoAreAnalysed() throws IOException {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(lockCycleBytes()).accept(writer, ClassReader.SKIP_DEBUG);
        ScanResult result = scan(writeClass(tmp.resolve("no-debug"), "fixture/LockCycle", writer.toByteArray()));
        assertOneCycleOn("fixture.LockCycle", result, 1);
        // No SourceFile attribute and no line numbers (Derby's release jars): name the class, never a made-up
        // "fixture/<Unknown>" file or a line -1.
        Finding cycle = cycles(result).get(0);
        assertEquals(null, cycle.sourcePath(), "no source file to name");
        assertThat(cycle.toString(), not(containsString("<Unknown>")));
        assertThat(cycle.message(), not(containsString(":-1")));
        assertThat(cycle.message(), not(containsString("line -1")));
        for (Finding.Site site : cycle.otherSites()) {
            assertEquals(null, site.sourcePath(), "no source file to name: " + site);
        }
    }

    @Test
    void classesWithoutLineNumbersAreAnalysed() throws IOException {
        byte[] bytes = rewriteMethods(lockCycleBytes(), mv -> new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitLineNumber(int line, Label start) {
                // dropped: javac -g:source,vars
            }
        });
        ScanResult result = scan(writeClass(tmp.resolve("no-lines"), "fixture/LockCycle", bytes));
        assertOneCycleOn("fixture.LockCycle", result, 1);
        assertEquals(-1, cycles(result).get(0).startLine(), "no line to report");
    }

    @Test
    void oddLocalVariableTablesAreAnalysed() throws IOException {
        // Valid for the JVM, as obfuscators and bytecode weavers write them: every variable listed twice, once
        // under a wrong type and a name Java cannot spell, and an entry that covers no instruction.
        byte[] bytes = rewriteMethods(lockCycleBytes(), mv -> new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                    int index) {
                super.visitLocalVariable(name, descriptor, signature, start, end, index);
                super.visitLocalVariable("a b", "Ljava/util/Map;", "Ljava/util/List<TT;>;", start, end, index);
                super.visitLocalVariable("empty", "J", null, end, end, index);
            }
        });
        ScanResult result = scan(writeClass(tmp.resolve("odd-lvt"), "fixture/LockCycle", bytes));
        assertOneCycleOn("fixture.LockCycle", result, 1);
    }

    private interface MethodRewrite {
        MethodVisitor wrap(MethodVisitor mv);
    }

    private static byte[] rewriteMethods(byte[] bytes, MethodRewrite rewrite) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return rewrite.wrap(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    // ---- shapes javac makes at its limits ----

    @Test
    void deeplyNestedSynchronizedIsAnalysed() throws IOException {
        int depth = 60;
        StringBuilder src = new StringBuilder("package fixture;\n\npublic class Deep {\n");
        for (int i = 0; i < depth; i++) {
            src.append("    static final Object L").append(i).append(" = new Object();\n");
        }
        src.append("    static int n;\n\n    void down() {\n");
        for (int i = 0; i < depth; i++) {
            src.append("synchronized (L").append(i).append(") {\n");
        }
        src.append("n++;\n").append("}\n".repeat(depth)).append("    }\n\n");
        src.append("    void up() {\n        synchronized (L").append(depth - 1).append(") {\n            synchronized (L0)"
                + " {\n                n--;\n            }\n        }\n    }\n}\n");
        Path classes = Fixtures.compile(tmp.resolve("deep"), Map.of("fixture/Deep.java", src.toString()));
        ScanResult result = scan(classes);
        assertEquals(List.of(), result.problems());
        // Every pair of the 60 locks is ordered: too many cycles to search them all, but they are one set of locks,
        // and its one finding is reported: the search bound loses no finding, so the scan is complete.
        assertEquals(List.of(), result.analysisFailures(), () -> describe(result));
        assertEquals(1, result.findings().stream().filter(f -> f.code().equals("GL_LOCK_ORDER_INVERSION")).count(),
                () -> describe(result));
        Fixtures.Run run = Fixtures.gridlock("scan", "-q", "--plugin", Fixtures.plugin().toString(), classes.toString());
        assertThat(run.err, not(containsString("search bound")));
        assertEquals(ExitCodes.FINDINGS, run.exitCode, run::toString);
        assertEquals(1, result.classesAnalysed());
        assertTrue(cycles(result).size() >= 1, () -> "the L0/L" + (depth - 1) + " cycle: " + result.findings());
        assertTrue(cycles(result).stream().allMatch(f -> f.className().equals("fixture.Deep")));
    }

    @Test
    void aMethodNearThe64KbLimitIsAnalysed() throws IOException {
        StringBuilder src = new StringBuilder("package fixture;\n\npublic class Huge {\n"
                + "    static final Object LEFT = new Object();\n    static final Object RIGHT = new Object();\n"
                + "    static int n;\n\n    void huge() {\n");
        for (int i = 0; i < 1900; i++) {
            src.append("        synchronized (LEFT) { n += ").append(i).append("; }\n");
        }
        src.append("        synchronized (LEFT) { synchronized (RIGHT) { n++; } }\n    }\n\n"
                + "    void back() {\n        synchronized (RIGHT) { synchronized (LEFT) { n--; } }\n    }\n}\n");
        Path classes = Fixtures.compile(tmp.resolve("huge"), Map.of("fixture/Huge.java", src.toString()));
        int codeLength = codeLength(Files.readAllBytes(classes.resolve("fixture/Huge.class")), "huge");
        assertTrue(codeLength > 55_000 && codeLength < 65_536, "code length " + codeLength);
        ScanResult result = scan(classes);
        assertOneCycleOn("fixture.Huge", result, 1);
    }

    @Test
    void aHugeEnumInitialiserSpotBugsSkipsIsNamedAsAWarning() throws IOException {
        StringBuilder src = new StringBuilder("package fixture;\n\npublic enum Big {\n");
        for (int i = 0; i < 700; i++) {
            src.append("    C").append(i).append(",\n");
        }
        src.append("    LAST\n}\n");
        Path classes = Fixtures.compile(tmp.resolve("big-enum"), Map.of("fixture/Big.java", src.toString()));
        assertTrue(codeLength(Files.readAllBytes(classes.resolve("fixture/Big.class")), "<clinit>") > 6000);
        ScanResult result = scan(classes, lockCycle);
        assertEquals(List.of(new Problem(Problem.Kind.WARNING, null, "method fixture.Big.<clinit>()V not analysed:"
                + " SpotBugs skips enum initialisers of more than 6000 bytes of code")), result.problems());
        assertTrue(!result.partial());
        assertEquals(1, cycles(result).size());
    }

    /** The length of a method's code, as BCEL (one of SpotBugs' readers) reads it. */
    private static int codeLength(byte[] bytes, String method) throws IOException {
        for (org.apache.bcel.classfile.Method m : new org.apache.bcel.classfile.ClassParser(
                new java.io.ByteArrayInputStream(bytes), "Huge.class").parse().getMethods()) {
            if (m.getName().equals(method)) {
                return m.getCode().getCode().length;
            }
        }
        return -1;
    }

    @Test
    void finallyDuplicatedInLoopsAndAnIrreducibleLoopAreAnalysed() throws IOException {
        String source = String.join("\n",
                "package fixture;",
                "",
                "public class Finally {",
                "    static final Object LEFT = new Object();",
                "    static final Object RIGHT = new Object();",
                "    static int n;",
                "",
                "    void leftThenRight(int k) {",
                "        for (int i = 0; i < k; i++) {",
                "            try {",
                "                if (i == 3) continue;",
                "                if (i == 5) break;",
                "                n++;",
                "            } finally {",
                "                synchronized (LEFT) {",
                "                    try {",
                "                        if (n > 9) return;",
                "                    } finally {",
                "                        synchronized (RIGHT) { n++; }",
                "                    }",
                "                }",
                "            }",
                "        }",
                "    }",
                "",
                "    void rightThenLeft() {",
                "        synchronized (RIGHT) { synchronized (LEFT) { n--; } }",
                "    }",
                "}",
                "");
        Path classes = Fixtures.compile(tmp.resolve("finally"), Map.of("fixture/Finally.java", source));
        byte[] withIrreducible = withIrreducibleLoop(Files.readAllBytes(classes.resolve("fixture/Finally.class")));
        ScanResult result = scan(writeClass(tmp.resolve("finally-irreducible"), "fixture/Finally", withIrreducible));
        assertOneCycleOn("fixture.Finally", result, 1);
    }

    /**
     * A field read late in a loop body and written back, from that read, early in the next iteration: the read comes
     * after the write in code order (H2's {@code PageParser.parseAll} failed on this shape with "fromKey > toKey").
     */
    @Test
    void aValueCarriedRoundALoopFromAReadAfterTheWriteIsAnalysed() throws IOException {
        String source = String.join("\n",
                "package fixture;",
                "",
                "public class LoopCarried {",
                "    static final Object LEFT = new Object();",
                "    static final Object RIGHT = new Object();",
                "    private int pos;",
                "",
                "    public void scan() {",
                "        int p = 0;",
                "        while (p < 100) {",
                "            pos = p + 1;",
                "            Thread.yield();",
                "            p = pos;",
                "        }",
                "        synchronized (LEFT) { synchronized (RIGHT) { pos++; } }",
                "    }",
                "",
                "    public void back() {",
                "        new Thread(this::scan).start();",
                "        synchronized (RIGHT) { synchronized (LEFT) { pos--; } }",
                "    }",
                "}",
                "");
        Path classes = Fixtures.compile(tmp.resolve("loop-carried"), Map.of("fixture/LoopCarried.java", source));
        assertOneCycleOn("fixture.LoopCarried", scan(classes), 1);
    }

    /** Adds {@code static void spin(int)} whose loop has two entries (javac never makes one; other compilers do). */
    private static byte[] withIrreducibleLoop(byte[] bytes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                MethodVisitor mv = super.visitMethod(Opcodes.ACC_STATIC, "spin", "(I)V", null, null);
                mv.visitCode();
                Label first = new Label();
                Label second = new Label();
                mv.visitInsn(Opcodes.ICONST_0);
                mv.visitVarInsn(Opcodes.ISTORE, 1);
                mv.visitVarInsn(Opcodes.ILOAD, 0);
                mv.visitJumpInsn(Opcodes.IFEQ, second);
                mv.visitLabel(first);
                mv.visitIincInsn(1, 1);
                mv.visitLabel(second);
                mv.visitIincInsn(1, 2);
                mv.visitVarInsn(Opcodes.ILOAD, 1);
                mv.visitIntInsn(Opcodes.BIPUSH, 100);
                mv.visitJumpInsn(Opcodes.IF_ICMPLT, first);
                mv.visitInsn(Opcodes.RETURN);
                mv.visitMaxs(0, 0);
                mv.visitEnd();
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    // ---- names other compilers and obfuscators make ----

    @Test
    void obfuscatorStyleNamesAreAnalysed() throws IOException {
        // One-letter class in the default package, Java keywords and non-ASCII as member names, no debug info.
        SimpleRemapper names = new SimpleRemapper(Map.of(
                "fixture/LockCycle", "a",
                "fixture/LockCycle.LEFT", "if",
                "fixture/LockCycle.RIGHT", "\u00e9",
                "fixture/LockCycle.moves", "do",
                "fixture/LockCycle.leftThenRight()V", "for",
                "fixture/LockCycle.rightThenLeft()V", "do"));
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(lockCycleBytes()).accept(new ClassRemapper(writer, names), ClassReader.SKIP_DEBUG);
        ScanResult result = scan(writeClass(tmp.resolve("obfuscated"), "a", writer.toByteArray()));
        assertOneCycleOn("a", result, 1);
    }

    @Test
    void kotlinStyleShapesAreAnalysed() throws IOException {
        // A companion-like nested class, a mangled method name with '-', and an annotation whose class is missing.
        SimpleRemapper names = new SimpleRemapper(Map.of(
                "fixture/LockCycle", "fixture/Store$Companion",
                "fixture/LockCycle.leftThenRight()V", "move-9xYz1Ab",
                "fixture/LockCycle.rightThenLeft()V", "access$moveBack"));
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(lockCycleBytes()).accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                org.objectweb.asm.AnnotationVisitor metadata = visitAnnotation("Lkotlin/Metadata;", true);
                metadata.visit("mv", new int[] {1, 9, 0});
                metadata.visit("k", 1);
                metadata.visitEnd();
                super.visitEnd();
            }
        }, names), 0);
        ScanResult result = scan(writeClass(tmp.resolve("kotlin"), "fixture/Store$Companion", writer.toByteArray()));
        assertOneCycleOn("fixture.Store$Companion", result, 1);
    }

    // ---- jars and class paths as builds leave them ----

    @Test
    void anEmptyJarIsAWarningAndTheRestIsAnalysed() throws IOException {
        Path empty = jar(tmp.resolve("empty.jar"), Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes()));
        ScanResult result = scan(empty, lockCycle);
        assertEquals(List.of(new Problem(Problem.Kind.WARNING, empty.toString(),
                "contains no .class files: nothing to analyse")), result.problems());
        assertEquals(1, cycles(result).size());
        assertTrue(!result.partial(), "nothing that could be analysed was lost");

        Fixtures.Run alone = Fixtures.gridlock("scan", "-q", "--plugin", Fixtures.plugin().toString(),
                empty.toString());
        assertEquals(ExitCodes.INPUT_ERROR, alone.exitCode, "nothing to analyse at all: " + alone);
    }

    @Test
    void aJarWithADirectoryNamedLikeAClassFileIsAnalysed() throws IOException {
        Path jar = jar(tmp.resolve("dir-named-class.jar"), new java.util.LinkedHashMap<>(Map.of(
                "fixture/Fake.class/", new byte[0],
                "fixture/Fake.class/readme.txt", "not a class".getBytes(),
                "fixture/LockCycle.class", lockCycleBytes())));
        ScanResult result = scan(jar);
        assertOneCycleOn("fixture.LockCycle", result, 1);
    }

    @Test
    void aNestedJarIsNamedAndItsOuterClassesAnalysed() throws IOException {
        Path inner = jar(tmp.resolve("inner.jar"), Map.of("fixture/LockCycle.class", lockCycleBytes()));
        Path outer = jar(tmp.resolve("outer.jar"), new java.util.LinkedHashMap<>(Map.of(
                "fixture/LockCycle.class", lockCycleBytes(),
                "BOOT-INF/lib/inner.jar", Files.readAllBytes(inner))));
        ScanResult result = scan(outer);
        assertEquals(1, result.problems().size(), result.problems()::toString);
        Problem nested = result.problems().get(0);
        assertEquals(Problem.Kind.WARNING, nested.kind());
        assertThat(nested.message(), containsString("BOOT-INF/lib/inner.jar"));
        assertThat(nested.message(), containsString("not analysed inside a jar"));
        assertEquals(1, cycles(result).size());
        assertEquals(1, result.classesAnalysed());
    }

    @Test
    void aDuplicateClassIsAnalysedOnceFromItsFirstInput() throws IOException {
        Path copy = Fixtures.jar(lockCycle, tmp.resolve("copy.jar"));
        ScanResult result = scan(lockCycle, copy);
        assertEquals(List.of(new Problem(Problem.Kind.WARNING, copy + "!/fixture/LockCycle.class",
                "defines the class fixture.LockCycle again; skipped: "
                        + lockCycle.resolve("fixture/LockCycle.class") + " is analysed")), result.problems());
        assertEquals(1, cycles(result).size(), "one finding, not one per copy");
        assertEquals(1, result.classesAnalysed());
    }

    @Test
    void aMissingAuxClasspathEntryMakesThePartialExitCode() {
        Path missing = tmp.resolve("lib/gone.jar");
        ScanResult result = new GridlockEngine().scan(new ScanRequest().addPlugin(Fixtures.plugin())
                .addInput(lockCycle).addAuxClasspath(missing));
        assertEquals(List.of(new Problem(Problem.Kind.INPUT, missing.toString(),
                "aux classpath entry not found; skipped")), result.problems());
        assertTrue(result.partial());
        assertEquals(ExitCodes.PARTIAL, ScanCommand.exitCode(result, cycles(result).size()));
        assertEquals(1, cycles(result).size());
    }
}
