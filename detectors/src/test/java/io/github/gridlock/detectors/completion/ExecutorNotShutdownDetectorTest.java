package io.github.gridlock.detectors.completion;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_EXECUTOR_NOT_SHUTDOWN on its samples: the findings equal the markers (see {@link SampleKit}). */
class ExecutorNotShutdownDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_EXECUTOR_NOT_SHUTDOWN", "completion");
    }
}
