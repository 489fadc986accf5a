package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.EdgeInfo;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.ThreadDump;

/** The human-readable report printed on stderr as soon as a finding appears. */
public final class TextReport {
    private static final int MAX_FRAMES = 12;

    private TextReport() {
    }

    public static String format(Finding f) {
        StringBuilder sb = new StringBuilder();
        sb.append("[gridlock] ").append(f.kind).append(" #").append(f.sequence).append('\n');
        if (f.kind.isCycle()) {
            if (f.kind == Finding.Kind.LOCK_ORDER_CYCLE) {
                sb.append("  Potential deadlock: ").append(f.edges.size()).append(" threads take ")
                        .append(f.locks.size()).append(" locks in inconsistent order.");
            } else {
                sb.append("  Lock-order inversion seen only in sequence: ").append(f.locks.size())
                        .append(" locks taken in inconsistent order, ").append(sequenceReason(f.filter))
                        .append(".\n  This run could not deadlock; the same code run by two threads at once can.");
            }
            if (f.timed) {
                sb.append(" One edge is a timed tryLock: this can stall until the timeout, not hang forever.");
            }
            sb.append('\n').append("  Lock classes: ");
            for (String l : f.locks) {
                sb.append(l).append(" -> ");
            }
            sb.append(f.locks.get(0)).append('\n');
            int i = 1;
            for (EdgeInfo e : f.edges) {
                sb.append("  Edge ").append(i++).append(": thread \"").append(e.threadName).append("\" (id ")
                        .append(e.threadId).append(e.virtualThread ? ", virtual" : "").append(") acquired ")
                        .append(e.to).append(" while holding ").append(e.from)
                        .append(e.timed ? " [timed tryLock]" : "").append('\n');
                appendStack(sb, e.stack, "      ");
            }
        } else {
            sb.append(f.kind == Finding.Kind.STALL
                    ? "  Threads are stalled now, until a timeout expires: a thread waits with a timeout for a thread"
                            + " that needs a lock it holds (found by the watchdog):\n"
                    : "  Threads are deadlocked now (found by the watchdog):\n");
            for (ThreadDump t : f.threads) {
                sb.append("  \"").append(t.name).append("\" id=").append(t.id).append(' ').append(t.state);
                if (t.deadlocked) {
                    sb.append(f.kind == Finding.Kind.STALL ? " STALLED" : " DEADLOCKED");
                }
                if (t.waitingFor != null) {
                    sb.append(" waiting for ").append(t.waitingFor);
                    if (t.lockOwner != null) {
                        sb.append(" held by \"").append(t.lockOwner).append('"');
                    }
                }
                sb.append('\n');
                for (String h : t.held) {
                    sb.append("      holds ").append(h).append('\n');
                }
                appendStack(sb, t.stack, "      ");
            }
        }
        return sb.toString();
    }

    private static String sequenceReason(String filter) {
        return "singleThreadFilter".equals(filter) ? "every time by one thread (singleThreadFilter)"
                : "every time in happens-before order (hbFilter: a Thread.start or join orders the edges)";
    }

    private static void appendStack(StringBuilder sb, java.util.List<StackTraceElement> stack, String indent) {
        int n = Math.min(stack.size(), MAX_FRAMES);
        for (int k = 0; k < n; k++) {
            sb.append(indent).append("at ").append(stack.get(k)).append('\n');
        }
        if (stack.size() > n) {
            sb.append(indent).append("... ").append(stack.size() - n).append(" more\n");
        }
    }
}
