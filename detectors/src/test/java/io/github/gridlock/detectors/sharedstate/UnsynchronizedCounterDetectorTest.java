package io.github.gridlock.detectors.sharedstate;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_UNSYNCHRONIZED_COUNTER on its samples: the findings equal the markers (see {@link SampleKit}). */
class UnsynchronizedCounterDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_UNSYNCHRONIZED_COUNTER", "sharedstate");
    }
}
