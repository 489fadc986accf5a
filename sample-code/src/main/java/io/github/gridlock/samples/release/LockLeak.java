package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_NOT_RELEASED. Seed {@code 003_99f9c6ad6a7e4c6a.txt}'s pattern {@code lock.acquire(); …; lock.release()}
 * copied to Java without the {@code try/finally} (Python's {@code with lock:}). If anything between the two calls
 * throws, or a path returns early, the method returns still holding the lock and every later {@code lock()} blocks
 * forever. The finding is at the acquire that is not released.
 *
 * @see LockLeakFixed
 */
public class LockLeak {

    private final Lock lock = new ReentrantLock();
    private final List<String> items = new ArrayList<>();
    private final List<String> sessionItems = new ArrayList<>();
    private final Session session = new Session();

    /** The seed: acquire, work, release; an exception in the work skips the release. */
    public void add(String item) {
        lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        validate(item);
        items.add(item);
        lock.unlock();
    }

    /** An early return that forgets to unlock. */
    public boolean addIfAbsent(String item) {
        lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        if (items.contains(item)) {
            return false;
        }
        items.add(item);
        lock.unlock();
        return true;
    }

    /** A successful tryLock() is an acquire too; the timeout path leaves it held. */
    public boolean addWithin(String item, long millis) throws InterruptedException {
        if (lock.tryLock(millis, TimeUnit.MILLISECONDS)) { // expect: GL_LOCK_NOT_RELEASED
            if (item.isEmpty()) {
                return false;
            }
            items.add(item);
            lock.unlock();
            return true;
        }
        return false;
    }

    /** lockInterruptibly(): the same leak as lock() when the work throws. */
    public void addInterruptibly(String item) throws InterruptedException {
        lock.lockInterruptibly(); // expect: GL_LOCK_NOT_RELEASED
        validate(item);
        items.add(item);
        lock.unlock();
    }

    /** A helper that returns holding the lock (judged at the caller, below) and one that releases it. */
    static final class Session {
        private final ReentrantLock sessionLock = new ReentrantLock();

        void begin() {
            sessionLock.lock();
        }

        void end() {
            sessionLock.unlock();
        }
    }

    /** begin() acquires on the caller's behalf; the exception path of validate() skips end(). */
    public void addInSession(String item) {
        session.begin(); // expect: GL_LOCK_NOT_RELEASED
        validate(item);
        sessionItems.add(item);
        session.end();
    }

    private static void validate(String item) {
        if (item == null) {
            throw new IllegalArgumentException("null item");
        }
    }
}
