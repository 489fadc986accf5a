package io.github.gridlock.detectors.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.comments.Comment;
import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.config.UserPreferences;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The detector test kit: the real SpotBugs engine with the plugin under development ({@code target/classes}) over
 * the samples of one hazard family ({@code sample-code/src/main/java/.../samples/<family>}, compiled here once per
 * test run), at SpotBugs' LOW threshold, compared with the markers in the sample sources:
 * <ul>
 * <li>{@code // expect: GL_CODE} wants exactly one finding of that code on that line, at normal or high
 * priority;</li>
 * <li>{@code // expect-low: GL_CODE} wants exactly one, at low priority (shown only with {@code -low});</li>
 * <li>any other finding of the code in the family, or two on one line, fails.</li>
 * </ul>
 * A test per bug code calls {@link #assertMarkers}, so a detector is developed against its own samples in seconds.
 */
public final class SampleKit {
    private static final Path SAMPLES = Paths.get("..", "sample-code", "src", "main", "java");
    private static final String PACKAGE = "io/github/gridlock/samples/";
    private static final Pattern EXPECT = Pattern.compile("^\\s*(expect|expect-low):\\s*(.*?)\\s*$");
    private static final Map<String, List<Found>> FINDINGS = new HashMap<>();
    private static Path compiled;

    private SampleKit() {
    }

    /** A marker or a finding: code, source path under the source root, line, and whether it is low priority. */
    public static final class Found implements Comparable<Found> {
        public final String code;
        final String file;
        final int line;
        final boolean low;
        final String message;

        Found(String code, String file, int line, boolean low, String message) {
            this.code = code;
            this.file = file;
            this.line = line;
            this.low = low;
            this.message = message;
        }

        String where() {
            return file + ":" + line;
        }

        @Override
        public int compareTo(Found o) {
            int c = file.compareTo(o.file);
            return c != 0 ? c : line != o.line ? Integer.compare(line, o.line) : code.compareTo(o.code);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Found && compareTo((Found) o) == 0 && low == ((Found) o).low;
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, file, line, low);
        }

        @Override
        public String toString() {
            return where() + "  " + code + (low ? " (low)" : "") + (message == null ? "" : "  " + message);
        }
    }

    /** Fails unless the findings of {@code code} on the samples of {@code family} equal that code's markers there. */
    public static void assertMarkers(String code, String family) throws Exception {
        List<Found> markers = markers(family).stream().filter(m -> m.code.equals(code)).collect(Collectors.toList());
        assertTrue(!markers.isEmpty(), "no '// expect: " + code + "' marker in the " + family + " samples");
        List<Found> found = findings(family).stream().filter(f -> f.code.equals(code)).collect(Collectors.toList());
        List<String> problems = compare(markers, found);
        if (!problems.isEmpty()) {
            fail(code + " on the " + family + " samples (" + markers.size() + " markers, " + found.size() + " findings):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** What differs between markers and findings of one code, one line per difference. */
    static List<String> compare(List<Found> markers, List<Found> found) {
        Map<String, List<Found>> byLine = new TreeMap<>();
        for (Found f : found) {
            byLine.computeIfAbsent(f.where(), k -> new ArrayList<>()).add(f);
        }
        List<String> problems = new ArrayList<>();
        TreeSet<String> marked = new TreeSet<>();
        for (Found m : markers) {
            marked.add(m.where());
            List<Found> here = byLine.getOrDefault(m.where(), List.of());
            if (here.isEmpty()) {
                problems.add("MISSING     " + m);
            } else if (here.get(0).low != m.low) {
                problems.add("PRIORITY    " + m.where() + " wants " + (m.low ? "low" : "normal or high") + ", got " + here.get(0));
            }
        }
        for (Map.Entry<String, List<Found>> e : byLine.entrySet()) {
            if (!marked.contains(e.getKey())) {
                e.getValue().forEach(f -> problems.add("UNEXPECTED  " + f));
            } else if (e.getValue().size() > 1) {
                problems.add("TWICE       " + e.getValue());
            }
        }
        return problems;
    }

    /** Every marker of the family's sample sources. */
    static List<Found> markers(String family) throws IOException {
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<Found> out = new ArrayList<>();
        for (Path source : sources(family)) {
            String rel = SAMPLES.relativize(source).toString().replace('\\', '/');
            ParseResult<CompilationUnit> parsed = parser.parse(Files.readString(source, StandardCharsets.UTF_8));
            CompilationUnit cu = parsed.getResult().orElseThrow(() -> new AssertionError(rel + ": " + parsed.getProblems()));
            for (Comment comment : cu.getAllComments()) {
                Matcher m = EXPECT.matcher(comment.getContent());
                if (!m.matches()) {
                    continue;
                }
                int line = comment.getRange().orElseThrow().begin.line;
                for (String c : m.group(2).split(",")) {
                    if (!c.trim().matches("GL_[A-Z0-9_]+")) {
                        throw new AssertionError(rel + ":" + line + ": malformed marker '" + comment.getContent().trim() + "'");
                    }
                    out.add(new Found(c.trim(), rel, line, m.group(1).equals("expect-low"), null));
                }
            }
        }
        return out;
    }

    private static List<Path> sources(String family) throws IOException {
        try (Stream<Path> walk = Files.walk(SAMPLES.resolve(PACKAGE + family))) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    /** The findings of the whole plugin on the family's samples, at the LOW threshold (one engine run per family). */
    static synchronized List<Found> findings(String family) throws Exception {
        List<Found> cached = FINDINGS.get(family);
        if (cached == null) {
            cached = run(compiledSamples().resolve(PACKAGE + family));
            FINDINGS.put(family, cached);
        }
        return cached;
    }

    /** Every finding (Gridlock's and SpotBugs' own) of the plugin on compiled classes, at the LOW threshold. */
    public static List<Found> allFindings(Path classes) throws Exception {
        return run(classes, false);
    }

    private static List<Found> run(Path classes) throws Exception {
        return run(classes, true);
    }

    private static List<Found> run(Path classes, boolean gridlockOnly) throws Exception {
        DetectorFactoryCollection.resetInstance(new DetectorFactoryCollection());
        Plugin.addCustomPlugin(Paths.get("target", "classes").toAbsolutePath().toUri());
        Project project = new Project();
        project.addFile(classes.toAbsolutePath().toString());
        project.addSourceDirs(List.of(SAMPLES.toAbsolutePath().toString()));
        FindBugs2 engine = new FindBugs2();
        try {
            engine.setProject(project);
            engine.setDetectorFactoryCollection(DetectorFactoryCollection.instance());
            BugCollectionBugReporter reporter = new BugCollectionBugReporter(project);
            reporter.setPriorityThreshold(Priorities.LOW_PRIORITY);
            reporter.setRankThreshold(edu.umd.cs.findbugs.BugRanker.VISIBLE_RANK_MAX);
            engine.setBugReporter(reporter);
            UserPreferences prefs = UserPreferences.createDefaultUserPreferences();
            engine.setUserPreferences(prefs);
            engine.execute();
            assertTrue(reporter.getQueuedErrors().isEmpty(), "analysis errors: " + reporter.getQueuedErrors());
            List<Found> out = new ArrayList<>();
            for (BugInstance bug : reporter.getBugCollection()) {
                if (gridlockOnly && !bug.getType().startsWith("GL_")) {
                    continue;
                }
                SourceLineAnnotation line = bug.getPrimarySourceLineAnnotation();
                out.add(new Found(bug.getType(), line.getSourcePath(), line.getStartLine(),
                        bug.getPriority() == Priorities.LOW_PRIORITY, bug.getMessageWithoutPrefix()));
            }
            return out;
        } finally {
            engine.close();
            project.close();
        }
    }

    /**
     * A sample whose source holds this line is compiled a second time with {@code --release 8}, as libraries built for
     * Java 8 are: javac then reaches the private members of an outer or inner class through synthetic static
     * {@code access$NNN} accessors, which nestmates (Java 11, the sample-code module's release) made unnecessary.
     * Such a sample pins the accessor shape of real code; it must compile on its own (JDK classes only).
     */
    static final String JAVA8_MARKER = "// sample-release: 8";

    /**
     * The sample sources compiled as the sample-code module compiles them ({@code --release 11 -g}), once per run; those
     * marked {@link #JAVA8_MARKER} again for Java 8.
     */
    static synchronized Path compiledSamples() throws IOException {
        if (compiled != null) {
            return compiled;
        }
        Path out = Paths.get("target", "sample-classes");
        // Emptied first: a sample deleted or renamed since the last build would otherwise stay analysed.
        deleteTree(out);
        Files.createDirectories(out);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(SAMPLES)) {
            all = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(log, files, null, List.of("--release", "11", "-g", "-d", out.toString(),
                    "-proc:none"), null, files.getJavaFileObjectsFromPaths(all)).call();
            assertTrue(ok, "the samples do not compile:\n" + log);
            List<Path> java8 = new ArrayList<>();
            for (Path p : all) {
                if (Files.readAllLines(p, StandardCharsets.UTF_8).stream().anyMatch(l -> l.trim().equals(JAVA8_MARKER))) {
                    java8.add(p);
                }
            }
            if (!java8.isEmpty()) {
                ok = javac.getTask(log, files, null, List.of("--release", "8", "-g", "-d", out.toString(), "-proc:none",
                        "-Xlint:-options"), null, files.getJavaFileObjectsFromPaths(java8)).call();
                assertTrue(ok, "the Java 8 samples do not compile:\n" + log);
            }
        }
        compiled = out;
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
