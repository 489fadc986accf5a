package io.github.gridlock.detectors.completion;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_COMPLETION_SIGNAL_MISSED on its samples: the findings equal the markers (see {@link SampleKit}). */
class CompletionSignalDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_COMPLETION_SIGNAL_MISSED", "completion");
    }
}
