package io.github.gridlock.detectors.release;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_LOCK_INSIDE_TRY on its samples: the findings equal the markers (see {@link SampleKit}). */
class LockInsideTryDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_LOCK_INSIDE_TRY", "release");
    }
}
