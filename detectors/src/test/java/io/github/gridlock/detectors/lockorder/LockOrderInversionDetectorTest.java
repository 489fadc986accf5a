package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_LOCK_ORDER_INVERSION on its samples: the findings equal the markers (see {@link SampleKit}). */
class LockOrderInversionDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_LOCK_ORDER_INVERSION", "lockorder");
    }
}
