package io.github.gridlock.samples.release;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * GL_LOCK_NOT_RELEASED look-alikes: timed "enter when" methods that acquire for their caller and say so with their
 * boolean result (Guava's {@code Monitor.enterWhen(guard, time, unit)} and {@code enterWhenUninterruptibly}, which
 * retries interrupts and re-interrupts the thread in its outer {@code finally}): a fast {@code tryLock()}, then a
 * timed one; the guard tested, waited for, and the lock given back in a
 * {@code finally} unless the guard was satisfied. A true return holds the lock by contract and the caller leaves;
 * every other way out has released it. Not findings: the hold is the lock's, whichever of the two sites took it,
 * and the flag that decides the release is the one returned.
 */
public class TimedEnterLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final boolean fair;

    public TimedEnterLookAlikes(boolean fair) {
        this.fair = fair;
    }

    /** Guava's {@code enterWhen(Guard, long, TimeUnit)}. */
    public boolean enterWhen(BooleanSupplier guard, long time, TimeUnit unit) throws InterruptedException {
        final long timeoutNanos = unit.toNanos(time);
        ReentrantLock lock = this.lock;
        boolean reentrant = lock.isHeldByCurrentThread();
        long startTime = 0L;
        locked:
        {
            if (!fair) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (lock.tryLock()) {
                    break locked;
                }
            }
            startTime = System.nanoTime();
            if (!lock.tryLock(time, unit)) {
                return false;
            }
        }
        boolean satisfied = false;
        boolean threw = true;
        try {
            satisfied = guard.getAsBoolean()
                    || awaitNanos(guard, startTime == 0L ? timeoutNanos : remaining(startTime, timeoutNanos));
            threw = false;
            return satisfied;
        } finally {
            if (!satisfied) {
                try {
                    if (threw && !reentrant) {
                        changed.signal();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Guava's {@code enterWhenUninterruptibly(Guard, long, TimeUnit)}: interrupts retried, remembered. */
    public boolean enterWhenUninterruptibly(BooleanSupplier guard, long time, TimeUnit unit) {
        final long timeoutNanos = unit.toNanos(time);
        ReentrantLock lock = this.lock;
        long startTime = 0L;
        boolean interrupted = Thread.interrupted();
        try {
            if (fair || !lock.tryLock()) {
                startTime = System.nanoTime();
                for (long remainingNanos = timeoutNanos;;) {
                    try {
                        if (lock.tryLock(remainingNanos, TimeUnit.NANOSECONDS)) {
                            break;
                        } else {
                            return false;
                        }
                    } catch (InterruptedException interrupt) {
                        interrupted = true;
                        remainingNanos = remaining(startTime, timeoutNanos);
                    }
                }
            }
            boolean satisfied = false;
            try {
                while (true) {
                    try {
                        if (guard.getAsBoolean()) {
                            satisfied = true;
                        } else {
                            satisfied = awaitNanos(guard, remaining(startTime, timeoutNanos));
                        }
                        return satisfied;
                    } catch (InterruptedException interrupt) {
                        interrupted = true;
                    }
                }
            } finally {
                if (!satisfied) {
                    lock.unlock();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Leaves what an enter entered. */
    public void leave() {
        lock.unlock();
    }

    private boolean awaitNanos(BooleanSupplier guard, long nanos) throws InterruptedException {
        long left = nanos;
        while (!guard.getAsBoolean()) {
            if (left <= 0L) {
                return false;
            }
            left = changed.awaitNanos(left);
        }
        return true;
    }

    private static long remaining(long startTime, long timeoutNanos) {
        return timeoutNanos - (System.nanoTime() - startTime);
    }
}
