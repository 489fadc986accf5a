package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.Problem;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One bad class costs exactly one class: a folder of real class files (the sample code and commons-pool2) in which
 * a share of the files is damaged by seeded byte flips and truncations. For each rate the scan must name every
 * damaged file it leaves out once, with a reason, analyse every other class, and report exactly the findings a scan
 * of the files it kept reports; and on the untouched classes, exactly what a scan of the untouched classes alone
 * reports.
 */
class MutatedInputsTest {
    /** Fixed, so that a failure can be reproduced: the same files get the same damage on every run. */
    private static final long SEED = 16_2026L;

    @TempDir
    static Path tmp;
    /** The corpus: every class file, by path relative to the folder. */
    private static final Map<String, byte[]> CORPUS = new TreeMap<>();

    @BeforeAll
    static void readCorpus() throws IOException {
        Path samples = SampleCode.artifact();
        if (Files.isDirectory(samples)) {
            try (Stream<Path> walk = Files.walk(samples)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList())) {
                    CORPUS.put(samples.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        } else {
            readJar(samples);
        }
        int samplesCount = CORPUS.size();
        String realJar = System.getProperty("gridlock.test.realJar");
        assertNotNull(realJar, "-Dgridlock.test.realJar (commons-pool2, set by the pom) is missing");
        readJar(Paths.get(realJar));
        assertTrue(samplesCount > 100 && CORPUS.size() - samplesCount > 50, "corpus too small: " + samplesCount
                + " sample classes, " + (CORPUS.size() - samplesCount) + " commons-pool2 classes");
    }

    private static void readJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().endsWith(".class")
                        && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        CORPUS.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    /** One damaged copy of a class file: a truncation or a few flipped bytes, chosen by {@code random}. */
    static byte[] mutate(byte[] original, SplittableRandom random) {
        if (random.nextBoolean()) {
            return java.util.Arrays.copyOf(original, random.nextInt(original.length));
        }
        byte[] copy = original.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) random.nextInt(1, 256);
        }
        return copy;
    }

    /**
     * The folder, with about {@code rate} of its files (at least one) damaged; returns the damaged files' paths. Each
     * file's fate and damage come from its own name and the seed alone, not from its place among the others: a class
     * added to the sample code changes nothing about the damage done to the rest.
     */
    static Set<String> writeMutated(Path folder, double rate, long seed) throws IOException {
        Set<String> damaged = new TreeSet<>();
        String likeliest = null;
        double lowest = 2;
        for (String name : CORPUS.keySet()) {
            double draw = randomFor(name, seed).nextDouble();
            if (draw < rate) {
                damaged.add(name);
            }
            if (draw < lowest) {
                lowest = draw;
                likeliest = name;
            }
        }
        if (damaged.isEmpty()) {
            damaged.add(likeliest);
        }
        for (Map.Entry<String, byte[]> e : CORPUS.entrySet()) {
            byte[] bytes = e.getValue();
            write(folder, e.getKey(), damaged.contains(e.getKey()) ? mutate(bytes, randomFor(e.getKey(), ~seed)) : bytes);
        }
        return damaged;
    }

    /** A generator for one file: {@code String.hashCode} is specified, so every JVM draws the same numbers. */
    static SplittableRandom randomFor(String name, long seed) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    private static void write(Path folder, String relative, byte[] bytes) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    static ScanResult scan(Path input) {
        return new GridlockEngine().scan(new ScanRequest().addInput(input).addPlugin(Fixtures.plugin()));
    }

    /** Each finding as one line that includes every site, so that two scans compare by their whole report. */
    static List<String> report(ScanResult result) {
        List<String> lines = new ArrayList<>();
        for (Finding f : result.findings()) {
            StringBuilder line = new StringBuilder(f.className() + "." + f.methodName() + " " + f);
            f.otherSites().forEach(s -> line.append(" | ").append(s.className()).append(':').append(s.startLine()));
            lines.add(line.toString());
        }
        return lines;
    }

    private static String className(String relative) {
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }

    /** True when the finding is on, or passes through, one of the classes. */
    private static boolean touches(Finding f, Set<String> classes) {
        return classes.contains(outer(f.className()))
                || f.otherSites().stream().anyMatch(s -> classes.contains(outer(s.className())));
    }

    private static String outer(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    @ParameterizedTest(name = "{0} of the files damaged")
    @ValueSource(doubles = {0.01, 0.10, 0.33, 0.50})
    void oneBadClassCostsExactlyOneClass(double rate) throws IOException {
        long seed = SEED + Math.round(rate * 100);
        Path mixed = tmp.resolve("mixed-" + rate);
        Set<String> damaged = writeMutated(mixed, rate, seed);

        ScanResult result = scan(mixed);
        assertTrue(result.analysisRan(), () -> "rate " + rate + ": " + result.problems());
        assertTrue(result.analysisFailures().isEmpty(), () -> "rate " + rate + ": " + result.analysisFailures());
        Map<String, Integer> named = new TreeMap<>();
        for (Problem p : result.problems()) {
            assertNotNull(p.file(), () -> "a problem without a file: " + p);
            String relative = mixed.relativize(Paths.get(p.file())).toString().replace('\\', '/');
            assertTrue(damaged.contains(relative), () -> "an untouched file is named: " + p);
            assertTrue(p.kind() == Problem.Kind.INPUT || p.kind() == Problem.Kind.WARNING, p::toString);
            assertThat("one line, no stack trace", p.message(), not(containsString("\n")));
            named.merge(relative, 1, Integer::sum);
        }
        named.forEach((file, times) -> assertEquals(1, times, file + " is named " + times + " times"));
        Set<String> leftOut = new TreeSet<>(named.keySet());
        assertTrue(leftOut.size() * 2 >= damaged.size(), "most damage is detected: " + leftOut.size() + " of "
                + damaged.size());

        // Exactly what a scan of the kept files alone gives: the left-out files cost nothing else.
        Path kept = tmp.resolve("kept-" + rate);
        Set<String> damagedButKept = new TreeSet<>(damaged);
        damagedButKept.removeAll(leftOut);
        for (String relative : CORPUS.keySet()) {
            if (!leftOut.contains(relative)) {
                write(kept, relative, Files.readAllBytes(mixed.resolve(relative)));
            }
        }
        ScanResult keptOnly = scan(kept);
        assertEquals(CORPUS.size() - leftOut.size(), result.classesAnalysed(), "every kept class is analysed");
        assertEquals(keptOnly.classesAnalysed(), result.classesAnalysed());
        assertEquals(report(keptOnly), report(result), "rate " + rate);

        // On the untouched classes, what a scan of the untouched classes alone gives.
        Path untouched = tmp.resolve("untouched-" + rate);
        for (String relative : CORPUS.keySet()) {
            if (!damaged.contains(relative)) {
                write(untouched, relative, CORPUS.get(relative));
            }
        }
        Set<String> damagedClasses = damaged.stream().map(MutatedInputsTest::className).map(MutatedInputsTest::outer)
                .collect(Collectors.toCollection(TreeSet::new));
        ScanResult alone = scan(untouched);
        assertEquals(CORPUS.size() - damaged.size(), alone.classesAnalysed());
        List<String> onUntouched = report(result.withFindings(result.findings().stream()
                .filter(f -> !touches(f, damagedClasses)).collect(Collectors.toList())));
        List<String> aloneOnUntouched = report(alone.withFindings(alone.findings().stream()
                .filter(f -> !touches(f, damagedClasses)).collect(Collectors.toList())));
        // Nothing found on the untouched classes alone is lost beside the damage. The mixed scan may find more there:
        // a damaged class that passes the screening still calls into them, and some rules are whole-program (an
        // argument-order method counts only when something calls it).
        List<String> lost = new ArrayList<>(aloneOnUntouched);
        lost.removeAll(onUntouched);
        assertEquals(List.of(), lost, "rate " + rate + ": findings on untouched classes lost beside the damage");
        assertTrue(rate > 0.2 || !aloneOnUntouched.isEmpty(), "the corpus has findings on untouched classes");
        System.out.printf("rate %.2f: %d of %d files damaged, %d left out, %d kept analysed; %d findings, %d on"
                + " untouched classes, as alone%n", rate, damaged.size(), CORPUS.size(), leftOut.size(),
                damagedButKept.size(), result.findings().size(), onUntouched.size());
    }

    @Test
    void theCliSaysPartialNamesEachDamagedFileOnceAndPrintsNoStackTrace() throws IOException {
        Path mixed = tmp.resolve("cli-mixed");
        Set<String> damaged = writeMutated(mixed, 0.33, SEED);
        Fixtures.Run run = Fixtures.gridlock("scan", "-q", "--plugin", Fixtures.plugin().toString(),
                mixed.toString());
        assertEquals(ExitCodes.PARTIAL, run.exitCode, run::toString);
        assertThat(run.err, containsString("gridlock: partial scan: "));
        assertThat(run.err, not(containsString("\tat ")));
        long namedLines = run.err.lines().filter(l -> l.startsWith("gridlock: input error: ")).count();
        assertTrue(namedLines > 0 && namedLines <= damaged.size(), run::toString);
        for (String file : damaged) {
            long mentions = run.err.lines().filter(l -> l.contains(mixed.resolve(file) + ":")).count();
            assertTrue(mentions <= 1, () -> file + " is named " + mentions + " times:\n" + run.err);
        }
        assertThat(run.out, containsString("classes analysed"));
    }
}
