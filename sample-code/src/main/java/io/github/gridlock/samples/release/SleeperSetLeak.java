package io.github.gridlock.samples.release;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_NOT_RELEASED: the twins of {@link SleeperSetLookAlikes} whose removal in the {@code finally} may throw
 * before the unlock: a hash set of a class of the program's own (its {@code equals} may throw), and a set handed in
 * by the caller (any implementation, which may reject the call).
 */
public class SleeperSetLeak {

    /** A key whose equality the program defines. */
    public static final class Key {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Key> running = new HashSet<>();
    private final Set<Thread> sleepers;

    public SleeperSetLeak(Set<Thread> sleepers) {
        this.sleepers = sleepers;
    }

    public void runKeyed(Key key, Runnable body) {
        lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        try {
            running.add(key);
            body.run();
        } finally {
            running.remove(key);
            lock.unlock();
        }
    }

    public void sleepWhile(Runnable body) {
        lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        try {
            sleepers.add(Thread.currentThread());
            body.run();
        } finally {
            sleepers.remove(Thread.currentThread());
            lock.unlock();
        }
    }
}
