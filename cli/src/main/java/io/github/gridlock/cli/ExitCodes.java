package io.github.gridlock.cli;

/** The exit codes of {@code gridlock scan}; when several apply, the highest wins. */
public final class ExitCodes {
    /** No finding at or above --fail-on, and every input was analysed. */
    public static final int OK = 0;
    /** Findings at or above the --fail-on priority. */
    public static final int FINDINGS = 1;
    /** Usage error, or an input that could not be used (missing path, corrupt or too-new class file, bad jar...). */
    public static final int INPUT_ERROR = 2;
    /** The analysis itself failed (plugin missing or broken, engine error). */
    public static final int ANALYSIS_ERROR = 3;

    private ExitCodes() {
    }
}
