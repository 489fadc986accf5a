package io.github.gridlock.detectors.release;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_UNBALANCED_REENTRANT on its samples: the findings equal the markers (see {@link SampleKit}). */
class UnbalancedReentrantDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_UNBALANCED_REENTRANT", "release");
    }
}
