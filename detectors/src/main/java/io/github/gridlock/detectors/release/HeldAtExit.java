package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.Priorities;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.LockKind;

/**
 * What the exits of one method say about one acquisition site: the release family's reading of
 * {@link AcquireStates}, shared by GL_LOCK_NOT_RELEASED, GL_PERMIT_NOT_RELEASED and GL_UNBALANCED_REENTRANT so
 * that one leaking path is one finding of one of them.
 *
 * <p>A path that leaves holding the site is an <em>imbalance</em> when it returns normally after releasing some hold
 * of the same reentrant lock (acquired twice, released once: the hold count stays above zero), and a <em>leak</em>
 * otherwise (nothing of the lock released, or an exception that skipped the release). A site that no normal return ever releases is the method's job (a
 * {@code begin()}, a {@code lockAll()}): the layer moves it to the callers, which are judged instead. A boolean
 * acquire ({@link AcquireStates#isBooleanAcquireOf}: returns true holding, false not) leaks only by exceptions.
 */
final class HeldAtExit {
    private final AcquireStates states;
    private final AcquireStates.Site site;
    private AcquireStates.Exit leak;
    private AcquireStates.Exit imbalance;
    private boolean releasedOnSomeReturn;
    /** Some leaking path released nothing of the lock: "still held" is then exact, whatever loops did to counts. */
    private boolean leakReleasedNothing;

    private HeldAtExit(AcquireStates states, AcquireStates.Site site) {
        this.states = states;
        this.site = site;
        boolean booleanAcquire = states.isBooleanAcquireOf(site);
        for (AcquireStates.Exit exit : states.exits()) {
            if (exit.isExceptional() && isErrorOnlyAcquire(exit.pc())) {
                continue; // lock() itself failing: an Error, not a path to guard
            }
            if (booleanAcquire && !exit.isExceptional()) {
                // "true: you hold it now", as tryLock(): the return that holds is the method's contract.
                for (AcquireStates.PathState s : exit.states()) {
                    releasedOnSomeReturn |= s.released(site) > 0;
                }
                continue;
            }
            for (AcquireStates.PathState s : exit.states()) {
                if (!exit.isExceptional() && s.released(site) > 0) {
                    releasedOnSomeReturn = true;
                }
                if (s.held(site) == 0) {
                    continue;
                }
                // An exception that skips a release is a leak, also after earlier releases of the lock (a loop's
                // last turn): an imbalance is a return with fewer releases than acquires.
                boolean reentrantRelease = !exit.isExceptional() && site.lock().kind().isReentrant()
                        && releasedOfSameLock(s) > 0;
                if (reentrantRelease) {
                    imbalance = better(imbalance, exit);
                } else {
                    leak = better(leak, exit);
                    leakReleasedNothing |= releasedOfSameLock(s) == 0;
                }
            }
        }
    }

    static HeldAtExit of(AcquireStates states, AcquireStates.Site site) {
        return new HeldAtExit(states, site);
    }

    /**
     * The exit of a path that leaves still holding what this site took and released nothing of its lock, preferring
     * a return (no exception needed) to an exception; null when there is none or the method returns holding on
     * purpose (no return ever releases the site).
     */
    AcquireStates.Exit leak() {
        return releasedOnSomeReturn ? leak : null;
    }

    /** The exit of a path that released the reentrant lock fewer times than it acquired it, or null. */
    AcquireStates.Exit imbalance() {
        return imbalance;
    }

    /**
     * True when the counts behind the verdict are guesses (more paths than the analysis keeps apart, a loop that
     * ran past its count) or the lock came from an unknown factory: such findings are reported at low priority.
     */
    boolean isUncertain() {
        return !states.isPrecise() || !site.hasExactCounts() || fromUnknownFactory();
    }

    /**
     * Like {@link #isUncertain()} for the {@link #leak()}: a leak on a path that released nothing needs no counts.
     * A helper's hold (a lock handle's {@code lock()}) that leaks through a return is uncertain too: the handle's
     * release may be one the analysis cannot pair with it (Jetty's {@code AutoLock} in try-with-resources).
     */
    boolean isLeakUncertain() {
        boolean handleReturn = site.isThroughCall() && leak != null && !leak.isExceptional();
        return !states.isPrecise() || !site.hasExactCounts() && !leakReleasedNothing || fromUnknownFactory()
                || handleReturn;
    }

    /**
     * The priority of a {@link #leak()} finding: low when {@link #isLeakUncertain()}, normal when only an exception
     * leaks, high when a return does.
     */
    int leakPriority() {
        return isLeakUncertain() ? Priorities.LOW_PRIORITY
                : leak.isExceptional() ? Priorities.NORMAL_PRIORITY : Priorities.HIGH_PRIORITY;
    }

    /** Like {@link #isUncertain()} for the {@link #imbalance()}: a hold taken by a helper (a lock handle) too. */
    boolean isImbalanceUncertain() {
        return isUncertain() || site.isThroughCall();
    }

    private boolean fromUnknownFactory() {
        AccessPath path = site.lock().path();
        return !path.isKnown() || path.kind() == AccessPath.Kind.RESULT && !site.isThroughCall();
    }

    /** The exit in words for a message: where the path leaves holding the lock. */
    static String describe(AcquireStates.Exit exit) {
        return exit.isExceptional() ? "when an exception leaves the method at line " + exit.line()
                : "returning at line " + exit.line();
    }

    private boolean isErrorOnlyAcquire(int pc) {
        for (AcquireStates.Site other : states.sites()) {
            if (other.pc() == pc) {
                return other.failsOnlyWithErrors();
            }
        }
        return false;
    }

    private int releasedOfSameLock(AcquireStates.PathState s) {
        int n = 0;
        for (AcquireStates.Site other : states.sites()) {
            if (sameLock(other.lock(), site.lock())) {
                n += s.released(other);
            }
        }
        return n;
    }

    private static boolean sameLock(LockId a, LockId b) {
        return a.equals(b) || a.kind() == b.kind() && a.kind() != LockKind.MONITOR && !b.path().isKnown();
    }

    private static AcquireStates.Exit better(AcquireStates.Exit kept, AcquireStates.Exit candidate) {
        if (kept == null || kept.isExceptional() && !candidate.isExceptional()) {
            return candidate;
        }
        return kept;
    }
}
