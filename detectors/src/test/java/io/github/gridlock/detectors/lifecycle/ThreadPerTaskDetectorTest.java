package io.github.gridlock.detectors.lifecycle;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_THREAD_PER_TASK on its samples: the findings equal the markers (see {@link SampleKit}). */
class ThreadPerTaskDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_THREAD_PER_TASK", "lifecycle");
    }
}
