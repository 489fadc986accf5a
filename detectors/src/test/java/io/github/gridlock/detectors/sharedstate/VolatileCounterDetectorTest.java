package io.github.gridlock.detectors.sharedstate;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_VOLATILE_COUNTER on its samples: the findings equal the markers (see {@link SampleKit}). */
class VolatileCounterDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_VOLATILE_COUNTER", "sharedstate");
    }
}
