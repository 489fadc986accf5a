package io.github.gridlock.agent.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Edge stacks. A new edge's stack is captured as a Throwable, the cheapest way to take one (the VM fills in its
 * backtrace natively; nothing is resolved). Stacks that stay (the edge's locks survived a garbage collection) are
 * compacted into an {@code int[]} of ids into a global table of distinct frames, without the agent's own frames and at
 * most {@link #MAX_FRAMES} deep, each distinct frame a StackTraceElement once; an edge then keeps 4 bytes per frame
 * alive instead of a backtrace. Guarded by the graph lock (compaction and reads happen under it).
 */
final class StackFrames {
    /** Frames kept per edge stack (innermost first; the text report prints 12). */
    static final int MAX_FRAMES = 24;
    private static final String AGENT_RUNTIME = "io.github.gridlock.agent.runtime.";
    private static final String BRIDGE = "java.lang.$Gridlock";
    private static final Map<StackTraceElement, Integer> IDS = new HashMap<>();
    private static final List<StackTraceElement> ELEMENTS = new ArrayList<>();

    private StackFrames() {
    }

    /** Marks where an acquisition happened; never thrown. */
    static final class CapturedStack extends Throwable {
        private static final long serialVersionUID = 1L;

        CapturedStack() {
            super(null, null, false, true); // no suppression list: only the backtrace
        }
    }

    /** The calling thread's stack, as the VM records it (cheap). Never throws. */
    static Throwable capture() {
        try {
            return new CapturedStack();
        } catch (RuntimeException | Error e) {
            return null; // never hurt the host
        }
    }

    /** The frames of a captured stack without the agent's own, at most MAX_FRAMES. */
    private static StackTraceElement[] frames(Throwable t) {
        StackTraceElement[] all = t.getStackTrace();
        StackTraceElement[] r = new StackTraceElement[Math.min(all.length, MAX_FRAMES)];
        int n = 0;
        for (int i = 0; i < all.length && n < MAX_FRAMES; i++) {
            if (!isAgentFrame(all[i].getClassName())) { // the hooks above, a test-tagged task wrapper below
                r[n++] = all[i];
            }
        }
        return n == r.length ? r : java.util.Arrays.copyOf(r, n);
    }

    /** Caller holds the graph lock. */
    static int[] compact(Throwable t) {
        StackTraceElement[] f = frames(t);
        int[] ids = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            Integer id = IDS.get(f[i]);
            if (id == null) {
                id = ELEMENTS.size();
                ELEMENTS.add(f[i]);
                IDS.put(f[i], id);
            }
            ids[i] = id;
        }
        return ids;
    }

    /** Caller holds the graph lock. {@code stack}: a captured Throwable, compacted ids, or null. */
    static StackTraceElement[] elements(Object stack) {
        if (stack instanceof Throwable) {
            return frames((Throwable) stack);
        }
        if (!(stack instanceof int[])) {
            return new StackTraceElement[0];
        }
        int[] frames = (int[]) stack;
        StackTraceElement[] r = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            r[i] = ELEMENTS.get(frames[i]);
        }
        return r;
    }

    static int distinctFrames() {
        return ELEMENTS.size();
    }

    /** The runtime's frames and the java.lang bridge's. */
    static boolean isAgentFrame(String className) {
        return className.startsWith(AGENT_RUNTIME) || className.equals(BRIDGE);
    }
}
