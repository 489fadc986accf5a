package io.github.gridlock.cli.engine;

import java.util.Objects;

/**
 * A class or method that was not (wholly) analysed: the Gridlock plugin could not analyse it (it logs these
 * through SpotBugs' error channel as {@code "Gridlock: cannot analyse <what>"}), or one of SpotBugs' own
 * analyses failed on it. Its findings may be missing; everything else was analysed.
 */
public final class AnalysisFailure {
    /** The prefix of the plugin's failure messages ({@code AnalysisFailures.PREFIX} in the plugin). */
    public static final String GRIDLOCK_PREFIX = "Gridlock: cannot analyse ";

    private final String what;
    private final boolean gridlock;
    private final String reason;

    AnalysisFailure(String what, boolean gridlock, String reason) {
        this.what = Objects.requireNonNull(what);
        this.gridlock = gridlock;
        this.reason = reason == null ? "" : reason;
    }

    /**
     * For the plugin's failures, the method ({@code a.b.C.m(I)V}) or class ({@code a.b.C}); for SpotBugs' own,
     * its message ({@code Exception analyzing a.b.C using detector ...}).
     */
    public String what() {
        return what;
    }

    /** True when the Gridlock plugin reported it; false for SpotBugs' own analyses. */
    public boolean gridlock() {
        return gridlock;
    }

    /** True when a method (rather than a whole class) could not be analysed by the plugin. */
    public boolean method() {
        return gridlock && what.indexOf('(') >= 0;
    }

    /** The exception's message, possibly empty. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        String head = gridlock ? (method() ? "method " : "class ") + what : what;
        return reason.isEmpty() ? head : head + ": " + reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalysisFailure && ((AnalysisFailure) o).what.equals(what)
                && ((AnalysisFailure) o).gridlock == gridlock && ((AnalysisFailure) o).reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(what, gridlock, reason);
    }
}
