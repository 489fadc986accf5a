package io.github.gridlock.agent.instrument;

/** Names and descriptors of the runtime hooks the visitors emit calls to. */
final class Hooks {
    /**
     * The bridge in java.lang that instrumented code calls: visible from every class loader (java.* is always
     * delegated to the bootstrap loader) and from every module (java.lang is exported). See {@link BridgeClass}.
     */
    static final String BRIDGE = "java/lang/$Gridlock";
    /** The runtime's entry points, which the bridge delegates to (and which in-process tests call directly). */
    static final String RUNTIME = "io/github/gridlock/agent/runtime/LockHooks";
    static final String LOCK = "java/util/concurrent/locks/Lock";
    static final String CONDITION = "java/util/concurrent/locks/Condition";
    static final String STAMPED = "java/util/concurrent/locks/StampedLock";
    static final String THREAD = "java/lang/Thread";

    private Hooks() {
    }
}
