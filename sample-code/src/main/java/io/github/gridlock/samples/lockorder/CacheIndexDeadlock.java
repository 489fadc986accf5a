package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GL_LOCK_ORDER_INVERSION inside one class: a synchronized method (the monitor of {@code this}) against a
 * private lock field. {@code put} holds the cache's monitor and takes {@code indexLock};
 * {@code rebuildIndex} holds {@code indexLock} and calls the synchronized {@code size()}, which wants the
 * monitor. A put racing a rebuild deadlocks; the two locks "look" unrelated because one of them is implicit
 * in a method modifier. Reported once, at put's {@code synchronized (indexLock)}.
 *
 * @see CacheIndexFixed
 */
public class CacheIndexDeadlock {

    private final Object indexLock = new Object();
    private final Map<String, String> entries = new HashMap<>();
    private final List<String> index = new ArrayList<>();

    public synchronized void put(String key, String value) {
        entries.put(key, value);
        synchronized (indexLock) { // expect: GL_LOCK_ORDER_INVERSION
            index.add(key);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public void rebuildIndex() {
        synchronized (indexLock) {
            index.clear();
            System.out.println("rebuilding the index of " + size() + " entries");
        }
    }
}
