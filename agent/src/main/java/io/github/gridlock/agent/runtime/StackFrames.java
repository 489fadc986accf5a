package io.github.gridlock.agent.runtime;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Compact edge stacks. A new edge's stack is captured with a StackWalker, without the agent's own frames and at most
 * {@link #MAX_FRAMES} deep, as an {@code int[]} of ids into a global table of distinct frames (class, method, bci),
 * where each distinct frame is turned into a StackTraceElement once. An edge then keeps 4 bytes per frame alive
 * instead of a Throwable's backtrace (about 600 bytes for any stack up to 32 frames), and the walk's temporary
 * objects die young. The walk costs more CPU than a Throwable (about 80 ns a frame more here), but a new edge's
 * data is copied by the young collections that run until its locks are collected and expunged, and that copying
 * was the larger cost. Guarded by the graph lock (captures and reads happen on the slow path / report path).
 */
final class StackFrames {
    /** Frames kept per edge stack (innermost first; the text report prints 12). */
    static final int MAX_FRAMES = 24;
    private static final String AGENT_RUNTIME = "io.github.gridlock.agent.runtime.";
    private static final String BRIDGE = "java.lang.$Gridlock";
    /** Sized so that one batch usually covers the agent's frames and MAX_FRAMES (fewer calls into the VM). */
    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Collections.emptySet(),
            MAX_FRAMES + 8);
    private static final Capture CAPTURE = new Capture();
    private static final Map<Key, Integer> IDS = new HashMap<>();
    private static final List<StackTraceElement> ELEMENTS = new ArrayList<>();
    private static final int[] NONE = new int[0];

    private StackFrames() {
    }

    /** The calling thread's stack, agent frames dropped. Caller holds the graph lock. */
    static int[] capture() {
        try {
            return WALKER.walk(CAPTURE);
        } catch (RuntimeException | Error e) {
            return NONE; // never hurt the host
        }
    }

    /** Caller holds the graph lock. */
    static StackTraceElement[] elements(int[] frames) {
        StackTraceElement[] r = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            r[i] = ELEMENTS.get(frames[i]);
        }
        return r;
    }

    static int distinctFrames() {
        return ELEMENTS.size();
    }

    /** The runtime's frames and the java.lang bridge's, above the frame that acquired the lock. */
    static boolean isAgentFrame(String className) {
        return className.startsWith(AGENT_RUNTIME) || className.equals(BRIDGE);
    }

    private static int id(StackFrame f) {
        Key k = new Key(f.getClassName(), f.getMethodName(), f.getByteCodeIndex());
        Integer id = IDS.get(k);
        if (id == null) {
            id = ELEMENTS.size();
            ELEMENTS.add(f.toStackTraceElement());
            IDS.put(k, id);
        }
        return id;
    }

    /** A class, not a lambda: no invokedynamic bootstrap inside a hook. */
    private static final class Capture implements Function<Stream<StackFrame>, int[]> {
        @Override
        public int[] apply(Stream<StackFrame> s) {
            int[] ids = new int[MAX_FRAMES];
            int n = 0;
            Iterator<StackFrame> it = s.iterator();
            while (it.hasNext() && n < MAX_FRAMES) {
                StackFrame f = it.next();
                if (isAgentFrame(f.getClassName())) { // the hooks above, a test-tagged task wrapper below
                    continue;
                }
                ids[n++] = id(f);
            }
            return n == MAX_FRAMES ? ids : java.util.Arrays.copyOf(ids, n);
        }
    }

    private static final class Key {
        final String className;
        final String methodName;
        final int bci;

        Key(String className, String methodName, int bci) {
            this.className = className;
            this.methodName = methodName;
            this.bci = bci;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return bci == k.bci && className.equals(k.className) && methodName.equals(k.methodName);
        }

        @Override
        public int hashCode() {
            return (className.hashCode() * 31 + methodName.hashCode()) * 31 + bci;
        }
    }
}
