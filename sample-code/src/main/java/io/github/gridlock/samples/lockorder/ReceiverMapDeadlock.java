package io.github.gridlock.samples.lockorder;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * GL_ARGUMENT_LOCK_ORDER through maps whose class the code does not fix: the twin of {@link ReceiverMapLookAlike}.
 * {@link SyncMap#putAll} holds its own monitor while it reads the other map (the shape of Groovy's
 * {@code ConcurrentReaderHashMap.putAll}: {@code a.putAll(b)} against {@code b.putAll(a)}). {@link OpenMetaNode} keeps
 * its entries in an {@link OpenListMap} whose inner map is whatever its creator passed, so it may be a {@code SyncMap}:
 * {@code x.copyMetaFrom(y)} against {@code y.copyMetaFrom(x)} then takes the
 * two inner maps' monitors in opposite orders.
 */
public class ReceiverMapDeadlock {

    /** A map whose every method holds its monitor. */
    public static class SyncMap extends AbstractMap<Object, Object> {
        private final HashMap<Object, Object> entries = new HashMap<>();

        @Override
        public synchronized void putAll(Map<?, ?> other) {
            for (Object key : other.keySet()) { // expect: GL_ARGUMENT_LOCK_ORDER
                entries.put(key, other.get(key));
            }
        }

        @Override
        public synchronized Set<Object> keySet() {
            return entries.keySet();
        }

        @Override
        public synchronized Set<Map.Entry<Object, Object>> entrySet() {
            return entries.entrySet();
        }
    }

    /** A map that delegates to the map its creator gives it. */
    public static class OpenListMap extends AbstractMap<Object, Object> {
        private final Map<Object, Object> inner;

        public OpenListMap(Map<Object, Object> inner) {
            this.inner = inner;
        }

        @Override
        public void putAll(Map<?, ?> other) {
            inner.putAll(other);
        }

        @Override
        public Set<Object> keySet() {
            return inner.keySet();
        }

        @Override
        public Set<Map.Entry<Object, Object>> entrySet() {
            return inner.entrySet();
        }
    }

    /** A node with metadata in a map of its creator's choice. */
    public static class OpenMetaNode {
        private final OpenListMap meta;

        public OpenMetaNode(Map<Object, Object> store) {
            this.meta = new OpenListMap(store);
        }

        public void copyMetaFrom(OpenMetaNode other) {
            meta.putAll(other.meta); // expect: GL_ARGUMENT_LOCK_ORDER
        }
    }
}
