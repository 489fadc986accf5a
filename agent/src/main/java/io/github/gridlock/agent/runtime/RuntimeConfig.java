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

    /**
     * Fault injection, for the agent's own tests only: the system property {@value #INJECT_FAULT_PROPERTY} names the
     * places ({@code hook}, {@code wait}, {@code watchdog}, separated by ':') whose agent code then throws, to show
     * that the program runs on unchanged and the agent says once what it could not do.
     */
    public static final String INJECT_FAULT_PROPERTY = "gridlock.agent.injectFault";
    static volatile boolean injectHookFault;
    static volatile boolean injectWaitFault;
    static volatile boolean injectWatchdogFault;

    private RuntimeConfig() {
    }

    /** Reads {@value #INJECT_FAULT_PROPERTY} (called once by the agent at start-up). */
    public static void readFaultInjection() {
        String v = System.getProperty(INJECT_FAULT_PROPERTY, "");
        for (String place : v.split(":")) {
            injectHookFault |= place.equals("hook");
            injectWaitFault |= place.equals("wait");
            injectWatchdogFault |= place.equals("watchdog");
        }
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
