package io.github.gridlock.detectors.suppression;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suppressions where a user puts them: {@code @SuppressFBWarnings} on any method of a lock-order cycle silences
 * it, without SpotBugs calling the suppression useless, and a suppression of another pattern does not.
 */
class SuppressionTest {
    private static List<SampleKit.Found> findings;

    @BeforeAll
    static void analyse() throws Exception {
        findings = SampleKit.allFindings(Paths.get("target", "test-classes", "io", "github", "gridlock", "detectors",
                "suppression"));
    }

    @Test
    void unsuppressedAndOtherwiseSuppressedCyclesAreReported() {
        List<String> cycles = findings.stream().filter(f -> f.code.equals("GL_LOCK_ORDER_INVERSION")).map(Object::toString)
                .collect(Collectors.toList());
        assertEquals(2, cycles.size(), "the control and the cycle with another suppression: " + cycles);
        assertTrue(cycles.stream().anyMatch(c -> c.contains("Unsuppressed")), cycles.toString());
        assertTrue(cycles.stream().anyMatch(c -> c.contains("OtherSuppression")), cycles.toString());
    }

    @Test
    void blockingIsSuppressedOnAnyPathAndByTheCorePatternItSupersedes() throws java.io.IOException {
        List<String> blocking = findings.stream().filter(f -> f.code.equals("GL_BLOCKING_WHILE_LOCKED")).map(Object::toString)
                .collect(Collectors.toList());
        assertEquals(1, blocking.size(), "only the unsuppressed control: " + blocking);
        assertTrue(lineOf(blocking.get(0)) > lineOfText("class BlockingUnsuppressed"), "the control's: " + blocking);
    }

    private static int lineOf(String finding) {
        return Integer.parseInt(finding.replaceAll("^[^:]*:(\\d+).*$", "$1"));
    }

    private static int lineOfText(String text) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Paths.get("src", "test", "java", "io", "github", "gridlock",
                "detectors", "suppression", "SuppressionInputs.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not found");
    }

    @Test
    void noSuppressionIsReportedAsUseless() {
        List<SampleKit.Found> useless = findings.stream().filter(f -> f.code.startsWith("US_USELESS_SUPPRESSION")
                && !f.toString().contains("EI_EXPOSE_REP")).collect(Collectors.toList());
        assertTrue(useless.isEmpty(), "useless suppressions reported: " + useless);
    }
}
