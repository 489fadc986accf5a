package io.github.gridlock.detectors.release;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_PERMIT_NOT_RELEASED on its samples: the findings equal the markers (see {@link SampleKit}). */
class PermitNotReleasedDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_PERMIT_NOT_RELEASED", "release");
    }
}
