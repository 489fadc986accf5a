package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_LOCK_INSIDE_TRY: acquisitions lexically inside some {@code try}, but not one whose
 * {@code finally} releases them on a path where they failed: a semaphore flagged right after its acquire, an outer
 * try/finally that releases a different lock taken before it, and an outer try/finally for cleanup around a correct
 * lock/try/finally.
 */
public class LockBeforeTryLookAlikes {

    private final Semaphore spaces = new Semaphore(5);
    private final ReentrantLock outer = new ReentrantLock();
    private final ReentrantLock inner = new ReentrantLock();
    private final List<String> log = new ArrayList<>();

    public void parkFlagged(String car) throws InterruptedException {
        boolean got = false;
        try {
            spaces.acquire();
            got = true;
            ParkingLotLeak.park(car);
        } finally {
            if (got) {
                spaces.release();
            }
        }
    }

    public void nested(String line) {
        outer.lock();
        try {
            inner.lock();
            try {
                log.add(line);
            } finally {
                inner.unlock();
            }
        } finally {
            outer.unlock();
        }
    }

    public void withCleanup(String line) {
        try {
            inner.lock();
            try {
                log.add(line);
            } finally {
                inner.unlock();
            }
        } finally {
            log.remove("");
        }
    }
}
