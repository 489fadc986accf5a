package io.github.gridlock.detectors.sharedstate;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_INCONSISTENT_GUARD on its samples: the findings equal the markers (see {@link SampleKit}). */
class InconsistentGuardDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_INCONSISTENT_GUARD", "sharedstate");
    }
}
