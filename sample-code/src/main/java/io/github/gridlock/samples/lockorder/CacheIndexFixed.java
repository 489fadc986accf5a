package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed twin of {@link CacheIndexDeadlock}: rebuildIndex reads the size first (an open call, holding
 * nothing), then takes {@code indexLock} alone. The only order left is monitor before indexLock.
 */
public class CacheIndexFixed {

    private final Object indexLock = new Object();
    private final Map<String, String> entries = new HashMap<>();
    private final List<String> index = new ArrayList<>();

    public synchronized void put(String key, String value) {
        entries.put(key, value);
        synchronized (indexLock) {
            index.add(key);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public void rebuildIndex() {
        int size = size();
        synchronized (indexLock) {
            index.clear();
            System.out.println("rebuilding the index of " + size + " entries");
        }
    }
}
