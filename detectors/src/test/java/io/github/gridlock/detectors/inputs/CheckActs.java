package io.github.gridlock.detectors.inputs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Calls of a concurrent collection, and code that makes none: what a part screened by its code sees (AnalysisLayerTest). */
public class CheckActs {
    private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

    public void recordFirst(String key) {
        if (!counts.containsKey(key)) {
            counts.put(key, 1);
        }
    }

    public int plain(int a) {
        return a * 31 + 1;
    }
}
