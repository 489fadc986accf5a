package io.github.gridlock.samples.lockorder;

import java.util.HashMap;
import java.util.Map;

/**
 * GL_LOCK_ORDER_INVERSION, the twin of {@code FreshDescriptorLookAlike}: the factory puts each descriptor it makes in
 * a cache before returning it, so another thread can already hold it (reading its statistics) when {@code finish}
 * locks it under the catalog's lock. One thread holds the catalog and waits for the descriptor, the other holds the
 * descriptor and waits for the catalog.
 */
public class FreshDescriptorCacheDeadlock {
    private final Object catalog = new Object();
    private final Map<String, Descriptor> cache = new HashMap<>();
    private int lookups;

    /** A descriptor: its statistics are read from the catalog under the descriptor's own monitor. */
    public static final class Descriptor {
        private final String name;
        private String id;

        Descriptor(String name) {
            this.name = name;
        }

        synchronized void setId(String id) {
            this.id = id;
        }

        public synchronized String statistics(FreshDescriptorCacheDeadlock dictionary) {
            return dictionary.catalogEntry(name) + id; // expect: GL_LOCK_ORDER_INVERSION
        }
    }

    String catalogEntry(String name) {
        synchronized (catalog) {
            lookups++;
            return name + lookups;
        }
    }

    public Descriptor cached(String name) {
        synchronized (cache) {
            return cache.get(name);
        }
    }

    public Descriptor load(String name) {
        synchronized (catalog) {
            lookups++;
            return finish(build(name));
        }
    }

    private Descriptor build(String name) {
        Descriptor d = newDescriptor(name);
        d.setId(name + "#");
        synchronized (cache) {
            cache.put(name, d);
        }
        return d;
    }

    private static Descriptor newDescriptor(String name) {
        return new Descriptor(name);
    }

    private static Descriptor finish(Descriptor d) {
        synchronized (d) {
            d.setId(d.name + "!");
        }
        return d;
    }
}
