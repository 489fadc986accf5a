package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a helper that gives its caller's lock back before it takes
 * another one. {@code compact} holds the save lock and calls {@code store}, which unlocks it, takes the
 * serialization monitor, and locks the save lock again afterwards; {@code serialize} takes the serialization
 * monitor first and the save lock inside. No thread ever holds the save lock while it waits for the monitor, so
 * the orders never cross (a storage engine's write path does exactly this to let writers serialise while
 * compaction waits).
 */
public class UnlockCallRelockLookAlike {
    private final ReentrantLock saveLock = new ReentrantLock();
    private final Object serializationLock = new Object();
    private final List<String> chunks = new ArrayList<>();

    public void compact() {
        saveLock.lock();
        try {
            chunks.removeIf(String::isEmpty);
            store();
        } finally {
            saveLock.unlock();
        }
    }

    private void store() {
        saveLock.unlock();
        try {
            synchronized (serializationLock) {
                chunks.add("stored");
            }
        } finally {
            saveLock.lock();
        }
    }

    public void serialize(String chunk) {
        synchronized (serializationLock) {
            saveLock.lock();
            try {
                chunks.add(chunk);
            } finally {
                saveLock.unlock();
            }
        }
    }
}
