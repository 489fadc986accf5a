package io.github.gridlock.agent.runtime;

/** Settings read by the hooks. Written once by the agent at start-up (and by tests). */
public final class RuntimeConfig {
    /** {@code onCycle=fail}: the acquiring thread throws {@link LockOrderViolation} instead of acquiring. */
    public static volatile boolean failOnCycle;
    /** Drop cycles in which no assignment of distinct threads to the edges exists (e.g. all edges from one thread). */
    public static volatile boolean singleThreadFilter = true;
    /** Drop cycles whose every edge was taken while holding one common (gate) lock. */
    public static volatile boolean gateFilter = true;
    /** Drop cycles whose edges are ordered by thread start/join happens-before. */
    public static volatile boolean happensBeforeFilter = true;
    /** Drop ReentrantReadWriteLock read-read cycles unless a writer of that lock has been seen. */
    public static volatile boolean readReadFilter = true;
    /**
     * Cycles the single-thread or happens-before filter drops are still reported, as SEQUENTIAL_LOCK_ORDER_CYCLE
     * ({@code sequential=report}, the default); false ({@code sequential=off}) drops them.
     */
    public static volatile boolean reportSequential = true;
    /**
     * {@code sequential=fail}: the JUnit extension fails a test on a sequential cycle, and with onCycle=fail the
     * acquisition that closes one is refused.
     */
    public static volatile boolean failOnSequential;
    /** Longest cycle searched for (number of locks). */
    public static volatile int maxCycleLength = 6;

    private RuntimeConfig() {
    }

    public static void resetDefaults() {
        failOnCycle = false;
        singleThreadFilter = true;
        gateFilter = true;
        happensBeforeFilter = true;
        readReadFilter = true;
        maxCycleLength = 6;
        reportSequential = true;
        failOnSequential = false;
    }
}
