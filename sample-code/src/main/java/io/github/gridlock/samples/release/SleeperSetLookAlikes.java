package io.github.gridlock.samples.release;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Look-alikes for GL_LOCK_NOT_RELEASED: a {@code finally} that removes an element from a collection before the
 * unlock, where the removal cannot throw: the collection is a JDK hash or identity collection (known from the final
 * field's only store), and the element either is not hashed at all (an identity set) or is of a JDK class whose
 * {@code hashCode}/{@code equals} cannot throw. Netty's {@code DefaultMockTicker.sleep}: {@code sleepers} is
 * {@code Collections.newSetFromMap(new IdentityHashMap<>())} and the {@code finally} runs
 * {@code sleepers.remove(Thread.currentThread()); lock.unlock();}.
 */
public class SleeperSetLookAlikes {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Set<Thread> sleepers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> names = new HashSet<>();
    private final Map<Long, String> byId = new HashMap<>();

    /** An identity set: removal compares references, runs nothing of the thread. */
    public void sleepWhile(Runnable body) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            sleepers.add(Thread.currentThread());
            body.run();
        } finally {
            sleepers.remove(Thread.currentThread());
            lock.unlock();
        }
    }

    /** A hash set of strings: String's hash and equality cannot throw. */
    public void runNamed(String name, Runnable body) {
        lock.lock();
        try {
            names.add(name);
            body.run();
        } finally {
            names.remove(name);
            lock.unlock();
        }
    }

    /** A hash map keyed by a boxed long. */
    public void runWithId(long id, Runnable body) {
        lock.lock();
        try {
            byId.put(id, "running");
            body.run();
        } finally {
            byId.remove(Long.valueOf(id));
            lock.unlock();
        }
    }

    public boolean isSleeping(Thread thread) {
        lock.lock();
        try {
            return sleepers.contains(thread) || names.isEmpty() || byId.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
