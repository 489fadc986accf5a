package io.github.gridlock.agent.runtime;

/**
 * Thread waits: a thread waiting for work done by other threads (a thread to end, an executor to terminate, a future
 * to complete, a latch to open), recorded in the waiting thread's {@link ThreadState.Shared} for the time of the
 * call, so that the watchdog's waits-for graph ({@link WaitGraph}) can connect it to the threads it waits for.
 *
 * <p>The hooks around such calls pay a thread-table lookup and four stores; nothing is allocated unless a wait is
 * nested in another (a Future.get inside a user's own Future.get), where the outer wait is saved and restored.
 */
final class Waits {
    static final byte JOIN = 1;
    static final byte AWAIT_TERMINATION = 2;
    static final byte CLOSE = 3;
    static final byte FUTURE_GET = 4;
    static final byte FUTURE_JOIN = 5;
    static final byte LATCH = 6;

    /** Returned by {@link #begin} when nothing was recorded (no state, or the hooks are busy). */
    static final Object NOT_RECORDED = new Object();
    /** Returned by {@link #begin} when the thread was in no other wait. */
    static final Object NO_OUTER_WAIT = new Object();

    private Waits() {
    }

    /** An outer wait, saved while a nested one runs. */
    private static final class Saved {
        final Object target;
        final byte kind;
        final long timeoutNanos;
        final int seq;

        Saved(ThreadState.Shared s) {
            this.target = s.waitTarget;
            this.kind = s.waitKind;
            this.timeoutNanos = s.waitTimeoutNanos;
            this.seq = s.waitSeq;
        }
    }

    /**
     * Before a waiting call: records it. Returns what {@link #end} needs: {@link #NOT_RECORDED},
     * {@link #NO_OUTER_WAIT}, or the saved outer wait. Never throws.
     */
    static Object begin(ThreadState ts, Object target, byte kind, long timeoutNanos) {
        try {
            if (ts == null || ts.busy || target == null) {
                return NOT_RECORDED;
            }
            if (RuntimeConfig.injectWaitFault) {
                throw new IllegalStateException("fault injected by -D" + RuntimeConfig.INJECT_FAULT_PROPERTY);
            }
            ThreadState.Shared s = ts.shared;
            Object outer = s.waitTarget == null ? NO_OUTER_WAIT : new Saved(s);
            s.waitKind = kind;
            s.waitTimeoutNanos = timeoutNanos;
            s.waitSeq++;
            s.waitTarget = target; // last: publishes the fields above
            return outer;
        } catch (Throwable t) {
            AgentErrors.record(AgentErrors.Place.WAIT_HOOK, t);
            return NOT_RECORDED;
        }
    }

    /** After the waiting call, however it ended. Never throws. */
    static void end(ThreadState ts, Object token) {
        if (token == NOT_RECORDED) {
            return;
        }
        ThreadState.Shared s = ts.shared;
        if (token == NO_OUTER_WAIT) {
            s.waitTarget = null;
            return;
        }
        Saved outer = (Saved) token;
        s.waitKind = outer.kind;
        s.waitTimeoutNanos = outer.timeoutNanos;
        s.waitSeq = outer.seq;
        s.waitTarget = outer.target;
    }

    /** A timeout in nanoseconds, saturated; never negative for a timed wait. */
    static long nanos(long time, java.util.concurrent.TimeUnit unit) {
        try {
            return unit == null ? 0 : Math.max(0, unit.toNanos(time));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The call that waits, as the report names it. */
    static String callName(byte kind) {
        switch (kind) {
            case JOIN:
                return "Thread.join";
            case AWAIT_TERMINATION:
                return "ExecutorService.awaitTermination";
            case CLOSE:
                return "ExecutorService.close";
            case FUTURE_GET:
                return "Future.get";
            case FUTURE_JOIN:
                return "CompletableFuture.join";
            case LATCH:
                return "CountDownLatch.await";
            default:
                return "wait";
        }
    }

    /** Names of the methods one of which is on the stack of a thread really in such a wait. */
    static boolean isWaitFrame(byte kind, StackTraceElement f) {
        String m = f.getMethodName();
        switch (kind) {
            case JOIN:
                return m.equals("join") && f.getClassName().equals("java.lang.Thread");
            case AWAIT_TERMINATION:
                return m.equals("awaitTermination");
            case CLOSE:
                return m.equals("close") || m.equals("awaitTermination");
            case FUTURE_GET:
                return m.equals("get") || m.equals("awaitDone") || m.equals("waitingGet") || m.equals("timedGet");
            case FUTURE_JOIN:
                return m.equals("join") || m.equals("waitingGet");
            case LATCH:
                return m.equals("await") && f.getClassName().equals("java.util.concurrent.CountDownLatch");
            default:
                return false;
        }
    }
}
