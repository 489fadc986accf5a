package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import io.github.gridlock.cli.report.ReportWriter;
import io.github.gridlock.cli.report.SarifReportWriter;
import io.github.gridlock.cli.report.TextReportWriter;
import io.github.gridlock.cli.report.XmlReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scans of the same input write the same bytes, in every format: no hash order, no timing, no clock in the
 * report (the XML's timestamp is the day, or SOURCE_DATE_EPOCH). The input has damaged class files too, so that the
 * problems' order is compared as well.
 */
class DeterministicReportsTest {
    @TempDir
    Path tmp;

    @Test
    void twoScansOfTheSameInputWriteTheSameBytes() throws IOException {
        Path samples = SampleCode.artifact();
        Path input = tmp.resolve("input");
        java.util.List<Path> files;
        try (Stream<Path> walk = Files.isDirectory(samples) ? Files.walk(samples) : Stream.empty()) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        }
        Path scanned = samples;
        if (!files.isEmpty()) {
            int damaged = 0;
            for (Path p : files) {
                String name = samples.relativize(p).toString().replace('\\', '/'); // as MutatedInputsTest names them
                Path copy = input.resolve(name);
                Files.createDirectories(copy.getParent());
                byte[] bytes = Files.readAllBytes(p);
                // Each file's fate is drawn from its own name: a new sample class does not change which others are damaged.
                SplittableRandom random = MutatedInputsTest.randomFor(name, 16);
                if (random.nextInt(20) == 0) {
                    bytes = MutatedInputsTest.mutate(bytes, random);
                    damaged++;
                }
                Files.write(copy, bytes);
            }
            assertTrue(damaged > 3, "damaged " + damaged);
            scanned = input;
        }
        ScanResult first = scan(scanned);
        ScanResult second = scan(scanned);
        assertFalse(first.findings().isEmpty());
        if (scanned == input) {
            assertFalse(first.problems().isEmpty(), "the damaged class files are reported, so their order is compared too");
        }
        for (ReportWriter writer : new ReportWriter[] {new TextReportWriter(tmp), new SarifReportWriter(tmp, "test"),
                new XmlReportWriter()}) {
            String a = write(writer, first);
            String b = write(writer, second);
            assertEquals(a, b, writer.getClass().getSimpleName());
        }
        String xml = write(new XmlReportWriter(), first);
        assertThat(xml, containsString("<BugInstance"));
        assertThat(xml, not(containsString("clock_seconds")));
        assertThat(xml, not(containsString("<FindBugsProfile")));
        assertThat(xml, containsString("</BugCollection>"));
    }

    private static ScanResult scan(Path input) {
        return new GridlockEngine().scan(new ScanRequest().addInput(input).addPlugin(Fixtures.plugin()));
    }

    private static String write(ReportWriter writer, ScanResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
