package io.github.gridlock.agent.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The agent's one failure policy: what the agent could not do is never thrown into the program and never dropped
 * silently. A failure inside the agent's own code (a hook, the watchdog, the reporter) is counted per place; the
 * first of each place is said once on stderr, by the reporter thread (never on the application's thread), and the
 * exit summary gives the counts. Warnings (a class left uninstrumented) go the same way.
 *
 * <p>Recording takes no lock and, after the first failure of a place, allocates nothing.
 */
public final class AgentErrors {
    /** Where a failure happened, and what it costs. */
    public enum Place {
        LOCK_HOOK("lock hook", "lock-order edges of this acquisition may be missing"),
        WAIT_HOOK("wait hook", "this wait is not in the watchdog's waits-for graph"),
        WATCHDOG("watchdog", "one scan for deadlocks and stalls was skipped"),
        REPORTER("reporter", "a finding or a message may not have been printed"),
        HOUSEKEEPING("housekeeping", "memory of ended threads or of edge stacks may be freed later");

        final String label;
        final String consequence;

        Place(String label, String consequence) {
            this.label = label;
            this.consequence = consequence;
        }
    }

    private static final Place[] PLACES = Place.values();
    private static final AtomicIntegerArray COUNTS = new AtomicIntegerArray(PLACES.length);
    private static final AtomicReferenceArray<Throwable> FIRST = new AtomicReferenceArray<>(PLACES.length);
    private static final ConcurrentLinkedQueue<String> MESSAGES = new ConcurrentLinkedQueue<>();

    private AgentErrors() {
    }

    /** Records a failure of the agent's own code. Never throws. */
    static void record(Place place, Throwable t) {
        try {
            if (COUNTS.getAndIncrement(place.ordinal()) == 0) {
                FIRST.set(place.ordinal(), t);
                MESSAGES.add(firstMessage(place, t));
                Reporter.wake();
            }
        } catch (Throwable ignoredLastResort) { // nothing is left to report with (e.g. no memory at all)
            return;
        }
    }

    private static String firstMessage(Place place, Throwable t) {
        return "[gridlock] internal error in the " + place.label + ": " + t + "; " + place.consequence
                + ". The program is unaffected; further errors here are counted in the exit summary.";
    }

    /** A one-time warning (e.g. a class left uninstrumented), printed by the reporter thread. Never throws. */
    public static void warn(String message) {
        try {
            MESSAGES.add("[gridlock] warning: " + message);
            Reporter.wake();
        } catch (Throwable ignoredLastResort) {
            return;
        }
    }

    /** Messages not yet printed (the reporter thread takes them). */
    static List<String> drainMessages() {
        List<String> r = new ArrayList<>();
        String m;
        while ((m = MESSAGES.poll()) != null) {
            r.add(m);
        }
        return r;
    }

    /** Failures so far per place (places with none left out), for the exit summary. */
    public static Map<String, Integer> counts() {
        Map<String, Integer> r = new LinkedHashMap<>();
        for (Place p : PLACES) {
            int n = COUNTS.get(p.ordinal());
            if (n > 0) {
                r.put(p.label, n);
            }
        }
        return r;
    }

    /** The first failure recorded at {@code place}, or null (tests). */
    static Throwable first(Place place) {
        return FIRST.get(place.ordinal());
    }
}
