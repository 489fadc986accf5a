package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alike for GL_ARGUMENT_LOCK_ORDER (commons-pool2's {@code LinkedBlockingDeque(Collection)}): a copy
 * constructor locks the new object's lock, then the source's. No swapped call can exist: until the constructor
 * returns, no other thread can reach the object being built, let alone hold its lock. {@link #copyInto} nests the
 * same two locks in a method and is a finding.
 */
public class CopyConstructorLookAlike {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> items = new ArrayList<>();

    public CopyConstructorLookAlike() {
    }

    public CopyConstructorLookAlike(CopyConstructorLookAlike source) {
        lock.lock(); // never contended: only this thread knows the new object
        try {
            source.lock.lock();
            try {
                items.addAll(source.items);
            } finally {
                source.lock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    public void copyInto(CopyConstructorLookAlike target) {
        lock.lock();
        try {
            target.lock.lock(); // expect: GL_ARGUMENT_LOCK_ORDER
            try {
                target.items.addAll(items);
            } finally {
                target.lock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }
}
