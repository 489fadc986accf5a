package io.github.gridlock.agent.runtime;

import java.lang.reflect.Field;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Maps both halves of a ReentrantReadWriteLock (and the lock itself) to the synchronizer they share, so that they
 * are one node. Needs java.base to open java.util.concurrent.locks to the runtime (the agent does so at start-up);
 * without it each half is its own node.
 */
final class RwLocks {
    private static final Field LOCK_SYNC = field(ReentrantReadWriteLock.class);
    private static final Field READ_SYNC = field(ReentrantReadWriteLock.ReadLock.class);
    private static final Field WRITE_SYNC = field(ReentrantReadWriteLock.WriteLock.class);

    private RwLocks() {
    }

    static boolean isReadWrite(Object lock) {
        return lock instanceof ReentrantReadWriteLock || lock instanceof ReentrantReadWriteLock.ReadLock
                || lock instanceof ReentrantReadWriteLock.WriteLock;
    }

    /** The shared synchronizer, or null when it cannot be read. */
    static Object syncOf(Object lock) {
        Field f = lock instanceof ReentrantReadWriteLock ? LOCK_SYNC
                : lock instanceof ReentrantReadWriteLock.ReadLock ? READ_SYNC
                        : lock instanceof ReentrantReadWriteLock.WriteLock ? WRITE_SYNC : null;
        if (f == null) {
            return null;
        }
        try {
            return f.get(lock);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return LOCK_SYNC != null && READ_SYNC != null && WRITE_SYNC != null;
    }

    private static Field field(Class<?> c) {
        try {
            Field f = c.getDeclaredField("sync");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
