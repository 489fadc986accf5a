package io.github.gridlock.detectors.sharedstate;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_CHECK_THEN_ACT on its samples: the findings equal the markers (see {@link SampleKit}). */
class CheckThenActDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_CHECK_THEN_ACT", "sharedstate");
    }
}
