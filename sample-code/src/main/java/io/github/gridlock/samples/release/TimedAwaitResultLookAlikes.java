package io.github.gridlock.samples.release;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Look-alikes for GL_WAIT_WITHOUT_LOOP: timed waits whose result the method returns. Such a method is a wait itself,
 * with the contract of the one it makes ("signalled, or the time ran out"), and it has no condition of its own:
 * re-testing what was waited for is its caller's job, as it is for a direct {@code Condition.await(long, TimeUnit)}.
 * <ul>
 * <li>{@code awaitUninterruptibly}: Guava's {@code Uninterruptibles.awaitUninterruptibly(Condition, long, TimeUnit)},
 * {@code while (true) { try { return condition.await(remaining, NANOSECONDS); } catch (InterruptedException e)
 * {...} }}: the loop only retries after an interrupt, with the time left, and the result goes back through a
 * {@code finally};</li>
 * <li>{@code awaitSignal}: one timed {@code awaitNanos} under its lock, the nanoseconds left returned.</li>
 * </ul>
 * A timed await whose result is dropped, or tested and replaced by a value of the method's own
 * ({@code EventWaitNoLoop.awaitReady(long)}), stays a finding.
 */
public class TimedAwaitResultLookAlikes {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** The caller holds the condition's lock and loops on its own condition. */
    public static boolean awaitUninterruptibly(Condition condition, long timeout, TimeUnit unit) {
        boolean interrupted = false;
        try {
            long remainingNanos = unit.toNanos(timeout);
            long end = System.nanoTime() + remainingNanos;
            while (true) {
                try {
                    return condition.await(remainingNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    remainingNanos = end - System.nanoTime();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One timed wait for a signal; the caller loops while the nanoseconds left are positive and its test fails. */
    public long awaitSignal(long nanos) throws InterruptedException {
        lock.lock();
        try {
            return changed.awaitNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    public void signalChange() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
