package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.SystemProperties;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.Set;

/**
 * What one analysis knows about lock order, written for other tools: {@code gridlock scan --format html} draws it,
 * and a merge of several modules' exports (the Maven plugin's aggregate goal) follows lock order across modules.
 * Written when the SpotBugs property {@link #PROPERTY} names a file: {@code gridlock scan --lock-export}, or
 * {@code -Dgridlock.lockExport=FILE} in any SpotBugs host's JVM arguments. The JSON itself is {@link LockGraphJson};
 * this class does not touch Gson, so that a SpotBugs host without it loads the detector unharmed.
 */
public final class LockGraphExport {
    /** SpotBugs system property naming the file to write. */
    public static final String PROPERTY = "gridlock.lockExport";
    /** The {@code format} member of every export; a reader refuses any other. */
    public static final String FORMAT = "gridlock-lock-graph/1";

    private LockGraphExport() {
    }

    /**
     * Writes the export of the analysis that just ran when {@link #PROPERTY} names a file (called from the lock-order
     * detector's report()); a failure is logged as an analysis error and costs only the export.
     */
    static void writeIfAsked(LockOrderGraph graph, ReachableLocks reachable, Set<Long> cycleEdges,
            BugReporter bugReporter) {
        String file = SystemProperties.getProperty(PROPERTY);
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            LockGraphJson.write(graph, reachable, cycleEdges, Paths.get(file));
        } catch (IOException | RuntimeException | LinkageError e) {
            bugReporter.logError("Gridlock: cannot write the lock graph export to " + file + ": " + e);
        }
    }
}
