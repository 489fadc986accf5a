package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_BLOCKING_WHILE_LOCKED on its samples: the findings equal the markers (see {@link SampleKit}). */
class BlockingWhileLockedDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_BLOCKING_WHILE_LOCKED", "lockorder");
    }
}
