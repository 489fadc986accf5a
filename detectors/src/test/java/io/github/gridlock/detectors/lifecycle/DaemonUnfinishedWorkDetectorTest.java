package io.github.gridlock.detectors.lifecycle;

import io.github.gridlock.detectors.testing.SampleKit;
import org.junit.jupiter.api.Test;

/** GL_DAEMON_UNFINISHED_WORK on its samples: the findings equal the markers (see {@link SampleKit}). */
class DaemonUnfinishedWorkDetectorTest {
    @Test
    void findingsEqualTheMarkersOfItsSamples() throws Exception {
        SampleKit.assertMarkers("GL_DAEMON_UNFINISHED_WORK", "lifecycle");
    }
}
