package io.github.gridlock.detectors.report;

/**
 * Gridlock's bug type ids. They are permanent public names (SARIF rule ids, filters, suppressions):
 * never rename or reuse one. Each is registered in findbugs.xml, described in messages.xml,
 * documented in docs/patterns/ and sampled in sample-code.
 */
public final class BugTypes {
    public static final String RUN_INSTEAD_OF_START = "GL_RUN_INSTEAD_OF_START";
    public static final String DAEMON_AFTER_START = "GL_DAEMON_AFTER_START";
    public static final String THREAD_PER_TASK = "GL_THREAD_PER_TASK";
    public static final String DAEMON_UNFINISHED_WORK = "GL_DAEMON_UNFINISHED_WORK";
    public static final String LOCK_ORDER_INVERSION = "GL_LOCK_ORDER_INVERSION";
    public static final String ARGUMENT_LOCK_ORDER = "GL_ARGUMENT_LOCK_ORDER";
    public static final String BLOCKING_WHILE_LOCKED = "GL_BLOCKING_WHILE_LOCKED";
    // Completion pairing (issue #13)
    public static final String FUTURE_IGNORED = "GL_FUTURE_IGNORED";
    public static final String EXECUTOR_NOT_SHUTDOWN = "GL_EXECUTOR_NOT_SHUTDOWN";
    public static final String COMPLETION_SIGNAL_MISSED = "GL_COMPLETION_SIGNAL_MISSED";
    public static final String THREAD_NOT_JOINED = "GL_THREAD_NOT_JOINED";
    public static final String UNSYNCHRONIZED_COUNTER = "GL_UNSYNCHRONIZED_COUNTER";
    public static final String SPLIT_READ_MODIFY_WRITE = "GL_SPLIT_READ_MODIFY_WRITE";
    public static final String VOLATILE_COUNTER = "GL_VOLATILE_COUNTER";
    public static final String CHECK_THEN_ACT = "GL_CHECK_THEN_ACT";
    public static final String INCONSISTENT_GUARD = "GL_INCONSISTENT_GUARD";
    // Unreleased acquires (release/)
    public static final String LOCK_NOT_RELEASED = "GL_LOCK_NOT_RELEASED";
    public static final String PERMIT_NOT_RELEASED = "GL_PERMIT_NOT_RELEASED";
    public static final String UNBALANCED_REENTRANT = "GL_UNBALANCED_REENTRANT";
    public static final String WAIT_WITHOUT_LOOP = "GL_WAIT_WITHOUT_LOOP";
    public static final String UNLOCK_WITHOUT_LOCK = "GL_UNLOCK_WITHOUT_LOCK";
    public static final String LOCK_INSIDE_TRY = "GL_LOCK_INSIDE_TRY";

    private BugTypes() {
    }
}
