package io.github.gridlock.detectors.release;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_UNLOCK_WITHOUT_LOCK on its samples: the findings equal the markers (see {@link SampleKit}). */
class UnlockWithoutLockDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_UNLOCK_WITHOUT_LOCK", "release");
    }
}
