package io.github.gridlock.samples.lockorder;

/**
 * Safe look-alike for GL_LOCK_ORDER_INVERSION, from Derby's data dictionary ({@code getTableDescriptorIndex1Scan}):
 * under the catalog's lock, {@code load} asks a factory for a descriptor and then {@code finish} locks it, while
 * {@code Descriptor.statistics} holds a descriptor and takes the catalog. But the descriptor {@code finish} locks is
 * the one {@code build} has just made ({@code newDescriptor} allocates it, {@code setId} only writes one of its
 * fields) and nobody else has seen yet: no other thread can hold it, so that nesting orders nothing. Its twin
 * {@code FreshDescriptorCacheDeadlock} puts the descriptor in a cache before returning it, and is reported.
 */
public class FreshDescriptorLookAlike {
    private final Object catalog = new Object();
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

        public synchronized String statistics(FreshDescriptorLookAlike dictionary) {
            return dictionary.catalogEntry(name) + id;
        }
    }

    String catalogEntry(String name) {
        synchronized (catalog) {
            lookups++;
            return name + lookups;
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
