package io.github.gridlock.samples.release;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_WAIT_WITHOUT_LOOP: waits with no visible {@code while} around them that are still correct: a
 * {@code CountDownLatch.await()} (a latch is sticky and has no spurious wake-ups: seed {@code
 * 002_3c6ada6ae3eed539.txt}'s "traffic light" Event done right), and a {@code for (;;)} loop that re-checks the
 * condition before every await and leaves with a {@code return} (a loop, though there is no {@code while} in sight).
 */
public class WaitLookAlikes {

    private final CountDownLatch greenLight = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int version;

    public void light() {
        greenLight.countDown();
    }

    public void car(String name) throws InterruptedException {
        greenLight.await();
        System.out.println(name + " drives off");
    }

    public int awaitNewVersion(int seen) throws InterruptedException {
        lock.lock();
        try {
            for (;;) {
                if (version != seen) {
                    return version;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    public void bump() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
