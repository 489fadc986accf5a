package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/** Fixed twin of {@link UnlockWithoutLock}: release only what was acquired, inside the success branch. */
public class UnlockWithoutLockFixed {

    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore spaces = new Semaphore(5);
    private final List<String> pending = new ArrayList<>();
    private final LockLeak.Session session = new LockLeak.Session();

    public boolean offer(String item) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            pending.add(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void visit(String car) {
        if (spaces.tryAcquire()) {
            try {
                System.out.println(car + " parked");
            } finally {
                spaces.release();
            }
        }
    }

    public void flush(boolean fast) {
        if (fast) {
            System.out.println("quick flush");
            return;
        }
        session.begin();
        try {
            System.out.println("flush in session");
        } finally {
            session.end();
        }
    }
}
