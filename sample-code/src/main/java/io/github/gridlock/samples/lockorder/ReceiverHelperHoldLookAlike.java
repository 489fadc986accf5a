package io.github.gridlock.samples.lockorder;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a helper that would hold a lock while it runs its argument only if a
 * call in it went to an implementation its receiver can never be. {@link Store#putAll} copies the other map into its
 * private inner map, which only ever holds a new {@code HashMap}: the synchronized {@code putAll} of
 * {@link ReceiverMapDeadlock.SyncMap}, which holds the map's monitor while it reads the other map's keys, never runs
 * there. So {@link Book#publish} copies the book's entries (the book's synchronized {@code keySet}) holding nothing,
 * while {@link Book#audit} holds the book and then, through {@link Store#snapshot}, the store's inner map: one order
 * only, no cycle. The real shape: Groovy 1.7.9's {@code ListHashMap.putAll} on its {@code innerMap}, always a
 * {@code HashMap}, read by the layer as every analysed map's {@code putAll} (ASTNode.copyNodeMetaData).
 */
public class ReceiverHelperHoldLookAlike {

    /** Entries kept in a JDK map of its own. */
    public static class Store extends AbstractMap<Object, Object> {
        private Map<Object, Object> inner = new HashMap<>();

        @Override
        public void putAll(Map<?, ?> other) {
            inner.putAll(other);
        }

        @Override
        public Set<Map.Entry<Object, Object>> entrySet() {
            return inner.entrySet();
        }

        public int snapshot() {
            synchronized (inner) {
                return inner.size();
            }
        }

        public void reset() {
            inner = new HashMap<>();
        }
    }

    /** A book of entries whose readers hold its monitor. */
    public static class Book extends AbstractMap<Object, Object> {
        private final HashMap<Object, Object> entries = new HashMap<>();
        private final Store store = new Store();
        private final Book self = this;

        @Override
        public synchronized Set<Object> keySet() {
            return entries.keySet();
        }

        @Override
        public synchronized Set<Map.Entry<Object, Object>> entrySet() {
            return entries.entrySet();
        }

        public void publish() {
            store.putAll(self);
        }

        public synchronized int audit() {
            return store.snapshot();
        }
    }
}
