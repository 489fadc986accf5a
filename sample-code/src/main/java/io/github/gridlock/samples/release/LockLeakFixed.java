package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link LockLeak}: Java's {@code with lock:} is {@code lock(); try { … } finally { unlock(); }},
 * with the acquire right before the {@code try}; begin()/end() helpers are paired the same way. (The balanced
 * begin()/end() pair is also a look-alike: begin() alone "returns holding the lock", which is not a finding.)
 */
public class LockLeakFixed {

    private final Lock lock = new ReentrantLock();
    private final List<String> items = new ArrayList<>();
    private final List<String> sessionItems = new ArrayList<>();
    private final LockLeak.Session session = new LockLeak.Session();

    public void add(String item) {
        lock.lock();
        try {
            validate(item);
            items.add(item);
        } finally {
            lock.unlock();
        }
    }

    public boolean addIfAbsent(String item) {
        lock.lock();
        try {
            if (items.contains(item)) {
                return false;
            }
            items.add(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean addWithin(String item, long millis) throws InterruptedException {
        if (!lock.tryLock(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            if (item.isEmpty()) {
                return false;
            }
            items.add(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void addInterruptibly(String item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            validate(item);
            items.add(item);
        } finally {
            lock.unlock();
        }
    }

    public void addInSession(String item) {
        session.begin();
        try {
            validate(item);
            sessionItems.add(item);
        } finally {
            session.end();
        }
    }

    private static void validate(String item) {
        if (item == null) {
            throw new IllegalArgumentException("null item");
        }
    }
}
