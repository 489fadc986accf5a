package io.github.gridlock.cli;

import io.github.gridlock.cli.engine.ProgressListener;
import java.io.PrintWriter;

/**
 * Progress on stderr, silent for the first two seconds so that quick scans print nothing. On a terminal one line
 * is rewritten in place about once a second; in a log (CI, a pipe) a line is added every ten seconds. Once anything
 * was printed, {@link #finish()} ends with a line saying the analysis is done, so that the last progress line seen
 * is never a partial one.
 */
final class StderrProgress implements ProgressListener {
    private static final long QUIET_MILLIS = 2_000;

    private final PrintWriter err;
    private final boolean terminal;
    private final java.util.function.LongSupplier clockMillis;
    private final long start;
    private long lastPrint = Long.MIN_VALUE / 2;
    private boolean printed;
    private String phase = "starting";

    StderrProgress(PrintWriter err, boolean terminal) {
        this(err, terminal, () -> System.nanoTime() / 1_000_000);
    }

    StderrProgress(PrintWriter err, boolean terminal, java.util.function.LongSupplier clockMillis) {
        this.err = err;
        this.terminal = terminal;
        this.clockMillis = clockMillis;
        this.start = clockMillis.getAsLong();
    }

    @Override
    public synchronized void phase(String description) {
        phase = description;
        maybePrint("gridlock: " + description);
    }

    @Override
    public synchronized void classesDone(int pass, int passes, int done, int total) {
        int percent = total == 0 ? 100 : done * 100 / total;
        maybePrint(String.format("gridlock: analysis pass %d of %d: %d/%d classes (%d%%)", pass, passes, done, total,
                percent));
    }

    private void maybePrint(String line) {
        long now = clockMillis.getAsLong() - start;
        if (now < QUIET_MILLIS || now - lastPrint < (terminal ? 1_000 : 10_000)) {
            return;
        }
        lastPrint = now;
        print(line);
    }

    private void print(String line) {
        if (terminal) {
            err.print("\r" + line + "   ");
        } else {
            err.println(line);
        }
        printed = true;
        err.flush();
    }

    /**
     * Ends the progress: if a progress line was shown, a last one says the analysis is done (on a terminal it
     * replaces the in-place line), so that later messages start on a fresh line after a complete one.
     */
    synchronized void finish() {
        if (!printed) {
            return;
        }
        long seconds = Math.round((clockMillis.getAsLong() - start) / 1000.0);
        String done = "gridlock: analysis done (100%) in " + seconds + " s";
        if (terminal) {
            // Pad over the longer in-place line it replaces.
            err.print("\r" + String.format("%-60s", done));
            err.println();
        } else {
            err.println(done);
        }
        err.flush();
        printed = false;
    }

    @Override
    public String toString() {
        return phase;
    }
}
