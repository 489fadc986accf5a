package io.github.gridlock.detectors.release;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_WAIT_WITHOUT_LOOP on its samples: the findings equal the markers (see {@link SampleKit}). */
class WaitWithoutLoopDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_WAIT_WITHOUT_LOOP", "release");
    }
}
