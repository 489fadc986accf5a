package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_ARGUMENT_LOCK_ORDER on its samples: the findings equal the markers (see {@link SampleKit}). */
class ArgumentLockOrderDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_ARGUMENT_LOCK_ORDER", "lockorder");
    }
}
