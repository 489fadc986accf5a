package io.github.gridlock.cli.agentlink;

import java.util.List;

/** A lock-order cycle the agent reported (LOCK_ORDER_CYCLE or SEQUENTIAL_LOCK_ORDER_CYCLE). */
public final class RuntimeCycle {
    private final String kind;
    private final int sequence;
    private final List<String> locks;
    private final List<RuntimeEdge> edges;
    private final String filter;

    RuntimeCycle(String kind, int sequence, List<String> locks, List<RuntimeEdge> edges, String filter) {
        this.kind = kind;
        this.sequence = sequence;
        this.locks = List.copyOf(locks);
        this.edges = List.copyOf(edges);
        this.filter = filter;
    }

    /** {@code LOCK_ORDER_CYCLE} or {@code SEQUENTIAL_LOCK_ORDER_CYCLE}. */
    public String kind() {
        return kind;
    }

    /** The agent's finding number ({@code #3}). */
    public int sequence() {
        return sequence;
    }

    /** Lock classes in cycle order. */
    public List<String> locks() {
        return locks;
    }

    public List<RuntimeEdge> edges() {
        return edges;
    }

    /** For a sequential cycle, the agent's filter that classified it; else null. */
    public String filter() {
        return filter;
    }

    /** {@code LOCK_ORDER_CYCLE #3: A.lock -> B.lock -> A.lock}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind).append(" #").append(sequence).append(": ");
        for (String l : locks) {
            sb.append(l).append(" -> ");
        }
        return sb.append(locks.isEmpty() ? "?" : locks.get(0)).toString();
    }
}
