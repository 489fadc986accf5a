package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * Safe look-alikes for GL_LOCK_ORDER_INVERSION: both orders of two nested monitors, but on objects created in
 * the method itself. Each call locks its own fresh objects, which no other thread can reach, so no two
 * threads ever contend for them; such locks have no identity in the lock-order graph. (Legacy code does this
 * when it passes fresh synchronized collections to helpers that lock them.)
 */
public class LocalMonitorLookAlikes {

    public int forward(String item) {
        List<String> batch = new ArrayList<>();
        List<String> audit = new ArrayList<>();
        synchronized (batch) {
            batch.add(item);
            synchronized (audit) {
                audit.add("added " + item);
                return batch.size() + audit.size();
            }
        }
    }

    public int backward(String item) {
        List<String> batch = new ArrayList<>();
        List<String> audit = new ArrayList<>();
        synchronized (audit) {
            audit.add("adding " + item);
            synchronized (batch) {
                batch.add(item);
                return batch.size() + audit.size();
            }
        }
    }
}
