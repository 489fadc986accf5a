package io.github.gridlock.agent.instrument;

/** Names and descriptors of the runtime hooks the visitors emit calls to. */
final class Hooks {
    static final String OWNER = "io/github/gridlock/agent/runtime/LockHooks";
    static final String LOCK = "java/util/concurrent/locks/Lock";
    static final String CONDITION = "java/util/concurrent/locks/Condition";
    static final String STAMPED = "java/util/concurrent/locks/StampedLock";
    static final String THREAD = "java/lang/Thread";

    private Hooks() {
    }
}
