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
    /** The prefix of every message the plugin logs through SpotBugs' error channel. */
    static final String PLUGIN_PREFIX = "Gridlock: ";

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
        return gridlock && !wholeProgram() && what.indexOf('(') >= 0;
    }

    /** True when a class could not be analysed by the plugin. */
    public boolean onClass() {
        return gridlock && !wholeProgram() && !method();
    }

    /**
     * True for what the plugin could not finish across classes (a search bound of the whole-program lock-order
     * graph): its {@link #what()} is a sentence, not a class or method name.
     */
    public boolean wholeProgram() {
        return gridlock && what.indexOf(' ') >= 0;
    }

    /** The exception's message, possibly empty. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        String head = !gridlock || wholeProgram() ? what : (method() ? "method " : "class ") + what;
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
