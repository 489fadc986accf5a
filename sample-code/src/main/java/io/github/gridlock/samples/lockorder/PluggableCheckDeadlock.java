package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_LOCK_ORDER_INVERSION that needs an assumption, reported at low priority: the registry holds its monitor while
 * it asks a {@link Check} about each entry, and only one of the two checks takes the entry's monitor. The cycle is
 * real if that check is the one configured; the message says which call it assumes.
 */
public class PluggableCheckDeadlock {

    /** Pluggable: the registry does not know which one it has. */
    public interface Check {
        boolean accept(Entry entry);
    }

    public static final class Registry {
        private final List<Entry> entries = new ArrayList<>();
        private final Check check;

        public Registry(Check check) {
            this.check = check;
        }

        public synchronized void prune() {
            entries.removeIf(e -> !check.accept(e)); // expect-low: GL_LOCK_ORDER_INVERSION
        }

        public synchronized void add(Entry e) {
            entries.add(e);
        }
    }

    public static final class Entry {
        private final Registry registry;
        private boolean live = true;

        public Entry(Registry registry) {
            this.registry = registry;
        }

        public synchronized boolean isLive() {
            return live;
        }

        public synchronized void register() {
            registry.add(this);
        }
    }

    /** Asks the entry, under its monitor. */
    public static final class LiveCheck implements Check {
        @Override
        public boolean accept(Entry entry) {
            return entry.isLive();
        }
    }

    /** Accepts everything, without locking. */
    public static final class AcceptAll implements Check {
        @Override
        public boolean accept(Entry entry) {
            return true;
        }
    }
}
