package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.comments.Comment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The sample code module as the harness sees it: its artifact, its sources, its markers, its pending list. */
final class SampleCode {
    private static final Pattern EXPECT = Pattern.compile("^\\s*expect:\\s*(.*?)\\s*$");

    private SampleCode() {
    }

    /** One expected or actual finding: bug code, source path relative to the source root, line. */
    static final class Site implements Comparable<Site> {
        final String code;
        final String file;
        final int line;

        Site(String code, String file, int line) {
            this.code = code;
            this.file = file;
            this.line = line;
        }

        @Override
        public int compareTo(Site o) {
            int c = file.compareTo(o.file);
            if (c == 0) {
                c = Integer.compare(line, o.line);
            }
            return c != 0 ? c : code.compareTo(o.code);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Site && compareTo((Site) o) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, file, line);
        }

        @Override
        public String toString() {
            return file + ":" + line + "  " + code;
        }
    }

    /** Where a finding sits, in the terms markers use: code, source path (the class when no source), line. */
    static Site siteOf(io.github.gridlock.cli.engine.Finding f) {
        return new Site(f.code(), f.sourcePath() == null ? f.className() : f.sourcePath(), f.startLine());
    }

    /** The bug codes the plugin under test registers. */
    static Set<String> registeredCodes() throws Exception {
        Set<String> out = new TreeSet<>();
        io.github.gridlock.cli.engine.PluginRegistry.load(Fixtures.plugin()).getBugPatterns()
                .forEach(p -> out.add(p.getType()));
        return out;
    }

    /** The bug codes (abbreviations, such as GLLO) of the plugin under test. */
    static Set<String> registeredBugCodes() throws Exception {
        Set<String> out = new TreeSet<>();
        io.github.gridlock.cli.engine.PluginRegistry.load(Fixtures.plugin()).getBugCodes()
                .forEach(c -> out.add(c.getAbbrev()));
        return out;
    }

    /** The compiled sample code the CLI scans by default (jar or class folder, with the .java files in it). */
    static Path artifact() {
        Path p = Locations.sampleCode();
        assertNotNull(p, "gridlock-sample-code is not on the test class path");
        return p;
    }

    /** All .java files of the artifact, by path relative to the source root. */
    static Map<String, String> sources(Path artifact) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        if (Files.isDirectory(artifact)) {
            try (Stream<Path> walk = Files.walk(artifact)) {
                for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
                    sources.put(artifact.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                }
            }
        } else {
            try (ZipFile zip = new ZipFile(artifact.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    if (e.getName().endsWith(".java")) {
                        try (InputStream in = zip.getInputStream(e)) {
                            sources.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return sources;
    }

    /**
     * Every {@code // expect: GL_A, GL_B} marker, read with JavaParser: the marker's line is the comment's own line
     * (a trailing comment sits on the line of the code it marks).
     */
    static Set<Site> markers(Map<String, String> sources) {
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        Set<Site> markers = new TreeSet<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            ParseResult<CompilationUnit> parsed = parser.parse(source.getValue());
            CompilationUnit cu = parsed.getResult().orElseThrow(() -> new AssertionError(
                    source.getKey() + " does not parse: " + parsed.getProblems()));
            for (Comment comment : cu.getAllComments()) {
                Matcher m = EXPECT.matcher(comment.getContent());
                if (!m.matches()) {
                    continue;
                }
                int line = comment.getRange().orElseThrow().begin.line;
                for (String code : m.group(1).split(",")) {
                    String c = code.trim();
                    if (!c.matches("GL_[A-Z0-9_]+")) {
                        throw new AssertionError(source.getKey() + ":" + line + ": malformed marker '"
                                + comment.getContent().trim() + "' (want: expect: GL_CODE[, GL_CODE...])");
                    }
                    markers.add(new Site(c, source.getKey(), line));
                }
            }
        }
        return markers;
    }

    /** The codes in sample-code/pending-codes.txt (-Dgridlock.test.samples names the module folder). */
    static Set<String> pendingCodes() throws IOException {
        String dir = System.getProperty("gridlock.test.samples");
        assertNotNull(dir, "-Dgridlock.test.samples is not set (the pom sets it)");
        Path file = Paths.get(dir, "pending-codes.txt");
        Set<String> codes = new TreeSet<>();
        if (!Files.isRegularFile(file)) {
            return codes;
        }
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                codes.add(l);
            }
        }
        return codes;
    }
}
