package io.github.gridlock.detectors.lifecycle;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_RUN_INSTEAD_OF_START on its samples: the findings equal the markers (see {@link SampleKit}). */
class RunInsteadOfStartDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_RUN_INSTEAD_OF_START", "lifecycle");
    }
}
