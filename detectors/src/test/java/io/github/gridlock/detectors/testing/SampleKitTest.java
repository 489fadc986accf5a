package io.github.gridlock.detectors.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit's verdicts: what it calls missing, unexpected, wrong priority and twice. */
class SampleKitTest {
    private static SampleKit.Found at(int line, boolean low) {
        return new SampleKit.Found("GL_X", "a/B.java", line, low, null);
    }

    @Test
    void equalMarkersAndFindingsPass() {
        assertTrue(SampleKit.compare(List.of(at(3, false), at(9, true)), List.of(at(3, false), at(9, true))).isEmpty());
    }

    @Test
    void eachDifferenceIsOneLine() {
        List<String> problems = SampleKit.compare(List.of(at(3, false), at(5, false), at(9, true)),
                List.of(at(3, false), at(3, false), at(9, false), at(11, true)));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("MISSING") && p.contains(":5")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("PRIORITY") && p.contains(":9")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("UNEXPECTED") && p.contains(":11")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("TWICE") && p.contains(":3")), problems.toString());
    }
}
