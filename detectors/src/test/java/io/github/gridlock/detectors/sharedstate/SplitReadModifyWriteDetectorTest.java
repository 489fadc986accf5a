package io.github.gridlock.detectors.sharedstate;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_SPLIT_READ_MODIFY_WRITE on its samples: the findings equal the markers (see {@link SampleKit}). */
class SplitReadModifyWriteDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_SPLIT_READ_MODIFY_WRITE", "sharedstate");
    }
}
