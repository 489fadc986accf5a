package io.github.gridlock.cli.engine;

/** Receives coarse progress of a scan; the CLI prints it on stderr once a scan runs longer than a moment. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void phase(String description) {
        }

        @Override
        public void classesDone(int pass, int passes, int done, int total) {
        }
    };

    /** A new phase starts, e.g. "scanning 3 archives". */
    void phase(String description);

    /** Within analysis pass {@code pass} (1-based) of {@code passes}, {@code done} of {@code total} classes are done. */
    void classesDone(int pass, int passes, int done, int total);
}
