package io.github.gridlock.agent.programs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Args:
 * <ul>
 * <li>untimed: t1 holds A and tryLock()s B (joins the held set, no edge); t2 takes B->A. No report.</li>
 * <li>untimed-held: t1 holds A, tryLock()s B, then locks C while holding both; t2 takes C->B. Reported (B is held).</li>
 * <li>timed: t1 holds A and tryLock(10ms)s B (edge flagged timed); t2 takes B->A. Reported as timed.</li>
 * <li>stamped: two StampedLocks write-locked in opposite orders. Reported.</li>
 * </ul>
 */
public final class TryLocks {
    private static final ReentrantLock A = new ReentrantLock();
    private static final ReentrantLock B = new ReentrantLock();
    private static final ReentrantLock C = new ReentrantLock();
    private static final StampedLock S1 = new StampedLock();
    private static final StampedLock S2 = new StampedLock();

    static void aThenTryB(boolean timed, boolean thenC) {
        A.lock();
        try {
            boolean got;
            try {
                got = timed ? B.tryLock(10, TimeUnit.MILLISECONDS) : B.tryLock();
            } catch (InterruptedException e) {
                return;
            }
            if (got) {
                try {
                    if (thenC) {
                        C.lock();
                        C.unlock();
                    }
                } finally {
                    B.unlock();
                }
            }
        } finally {
            A.unlock();
        }
    }

    static void both(ReentrantLock first, ReentrantLock second) {
        first.lock();
        try {
            second.lock();
            second.unlock();
        } finally {
            first.unlock();
        }
    }

    static void stamped(StampedLock first, StampedLock second) {
        long s1 = first.writeLock();
        try {
            long s2 = second.writeLock();
            second.unlockWrite(s2);
        } finally {
            first.unlock(s1);
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "untimed":
                Schedules.oneAfterTheOther("trier", () -> aThenTryB(false, false), "locker", () -> both(B, A));
                break;
            case "untimed-held":
                Schedules.oneAfterTheOther("trier", () -> aThenTryB(false, true), "locker", () -> both(C, B));
                break;
            case "timed":
                Schedules.oneAfterTheOther("trier", () -> aThenTryB(true, false), "locker", () -> both(B, A));
                break;
            case "stamped":
                Schedules.oneAfterTheOther("s-1", () -> stamped(S1, S2), "s-2", () -> stamped(S2, S1));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done " + args[0]);
    }
}
