package linked;

import java.util.concurrent.CountDownLatch;

/**
 * Three lock-order cycles for `gridlock scan --agent-report`: one both the static analysis and the agent see, one
 * only the agent sees (the second lock is taken through reflection), one only the static analysis sees (the run never
 * takes that path). Each cycle's two halves run on two threads that overlap but never contend.
 */
public final class LinkSamples {
    static final Object accountsLock = new Object();
    static final Object auditLock = new Object();
    static final Object cacheLock = new Object();
    static final Object indexLock = new Object();
    static final Object leftLock = new Object();
    static final Object rightLock = new Object();
    static int count;

    // 1. both see it
    static void transfer() {
        synchronized (accountsLock) {
            synchronized (auditLock) { // TRANSFER_INNER
                count++;
            }
        }
    }

    static void audit() {
        synchronized (auditLock) {
            synchronized (accountsLock) { // AUDIT_INNER
                count++;
            }
        }
    }

    // 2. only the agent sees it: the inner lock is taken in a method called by reflection
    static void refreshCache() {
        synchronized (cacheLock) {
            call("takeIndex");
        }
    }

    static void takeIndex() {
        synchronized (indexLock) {
            count++;
        }
    }

    static void rebuildIndex() {
        synchronized (indexLock) {
            call("takeCache");
        }
    }

    static void takeCache() {
        synchronized (cacheLock) {
            count++;
        }
    }

    private static void call(String method) {
        try {
            LinkSamples.class.getDeclaredMethod(method).invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // 3. only the static analysis sees it: no run calls these
    static void leftThenRight() {
        synchronized (leftLock) {
            synchronized (rightLock) { // LEFT_INNER
                count++;
            }
        }
    }

    static void rightThenLeft() {
        synchronized (rightLock) {
            synchronized (leftLock) { // RIGHT_INNER
                count++;
            }
        }
    }

    /** Starts both, lets the first finish before the second begins (a latch, not happens-before for the agent). */
    static void inTurn(Runnable first, Runnable second) throws InterruptedException {
        CountDownLatch firstDone = new CountDownLatch(1);
        Thread t1 = new Thread(() -> {
            first.run();
            firstDone.countDown();
        });
        Thread t2 = new Thread(() -> {
            try {
                firstDone.await();
            } catch (InterruptedException e) {
                return;
            }
            second.run();
        });
        t1.start();
        t2.start();
        t1.join();
        t2.join();
    }

    public static void main(String[] args) throws Exception {
        inTurn(LinkSamples::transfer, LinkSamples::audit);
        inTurn(LinkSamples::refreshCache, LinkSamples::rebuildIndex);
        if (args.length > 0 && args[0].equals("all")) {
            inTurn(LinkSamples::leftThenRight, LinkSamples::rightThenLeft);
        }
        System.out.println("done " + count);
    }
}
