package io.github.gridlock.detectors.completion;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_THREAD_NOT_JOINED on its samples: the findings equal the markers (see {@link SampleKit}). */
class ThreadNotJoinedDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_THREAD_NOT_JOINED", "completion");
    }
}
