package io.github.gridlock.agent.programs;

/**
 * A thread leaves a synchronized block and a synchronized method by exceptions, then takes lock C. If the
 * exceptional exits were not seen, A and B would still look held and C would get edges A->C and B->C; another
 * thread takes C->A and C->B, which would then form false cycles. Expected: no report.
 */
public final class ExceptionalExit {
    private static final Object A = new Object();
    private static final Object B = new Object();
    private static final Object C = new Object();

    static void throwInBlock() {
        synchronized (A) {
            if (A != null) {
                throw new IllegalStateException("out of the block");
            }
        }
    }

    static synchronized void throwInMethod() {
        synchronized (B) {
            throw new IllegalStateException("out of the method");
        }
    }

    static void first() {
        try {
            throwInBlock();
        } catch (IllegalStateException expected) {
            // fine
        }
        try {
            throwInMethod();
        } catch (IllegalStateException expected) {
            // fine
        }
        synchronized (C) {
            C.hashCode();
        }
    }

    static void second() {
        synchronized (C) {
            synchronized (A) {
                synchronized (B) {
                    C.hashCode();
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Schedules.oneAfterTheOther("thrower", ExceptionalExit::first, "orderly", ExceptionalExit::second);
        System.out.println("done");
    }
}
