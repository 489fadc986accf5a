package io.github.gridlock.cli;

/**
 * The exit codes of {@code gridlock scan}. When several apply, the gravest wins: {@link #ANALYSIS_ERROR}, then
 * {@link #INPUT_ERROR}, then {@link #PARTIAL}, then {@link #FINDINGS}.
 */
public final class ExitCodes {
    /** No finding at or above --fail-on, and every input was analysed. */
    public static final int OK = 0;
    /** Findings at or above the --fail-on priority. */
    public static final int FINDINGS = 1;
    /** Usage error (bad option, unreadable filter or baseline), or nothing could be analysed at all. */
    public static final int INPUT_ERROR = 2;
    /** The analysis itself failed (plugin missing or broken, engine failure, out of memory): no usable report. */
    public static final int ANALYSIS_ERROR = 3;
    /**
     * Partial: the scan completed and reports on everything else, but something was left out: an input, class file
     * or aux classpath entry that could not be used, or a class or method that could not be analysed.
     */
    public static final int PARTIAL = 4;

    private ExitCodes() {
    }
}
