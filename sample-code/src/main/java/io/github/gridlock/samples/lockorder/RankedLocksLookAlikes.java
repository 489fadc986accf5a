package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_LOCK_ORDER_INVERSION: three static holder locks used by two classes, through
 * helpers, always in rank order (seed {@code 004_9b7a5e9ccfbf269c.txt}'s second remedy: give every lock a rank and only take
 * them in ascending order). The graph has the edges 1 → 2, 2 → 3 and 1 → 3: three locks, three edges, a
 * triangle, but no cycle. A naive "same locks, different orders in different methods" check sees
 * {@code oneThree} and {@code twoThree} take 3 after different locks, and {@code Auditor}, another class,
 * nest all three; none of that is an inversion.
 */
public class RankedLocksLookAlikes {

    /** The holder: rank 1, 2 and 3. */
    static final class Ranks {
        static final Object RANK1 = new Object();
        static final ReentrantLock RANK2 = new ReentrantLock();
        static final Object RANK3 = new Object();

        private Ranks() {
        }
    }

    public void oneTwo() {
        synchronized (Ranks.RANK1) {
            Ranks.RANK2.lock();
            try {
                System.out.println("ranks 1, 2");
            } finally {
                Ranks.RANK2.unlock();
            }
        }
    }

    public void twoThree() {
        Ranks.RANK2.lock();
        try {
            withRank3("ranks 2, 3");
        } finally {
            Ranks.RANK2.unlock();
        }
    }

    public void oneThree() {
        synchronized (Ranks.RANK1) {
            withRank3("ranks 1, 3");
        }
    }

    private static void withRank3(String what) {
        synchronized (Ranks.RANK3) {
            System.out.println(what);
        }
    }

    /** Another class, the same ranks, the same order. */
    public static final class Auditor {
        public void audit() {
            synchronized (Ranks.RANK1) {
                Ranks.RANK2.lock();
                try {
                    synchronized (Ranks.RANK3) {
                        System.out.println("ranks 1, 2, 3");
                    }
                } finally {
                    Ranks.RANK2.unlock();
                }
            }
        }
    }
}
