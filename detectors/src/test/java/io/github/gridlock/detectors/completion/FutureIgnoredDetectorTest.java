package io.github.gridlock.detectors.completion;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_FUTURE_IGNORED on its samples: the findings equal the markers (see {@link SampleKit}). */
class FutureIgnoredDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_FUTURE_IGNORED", "completion");
    }
}
