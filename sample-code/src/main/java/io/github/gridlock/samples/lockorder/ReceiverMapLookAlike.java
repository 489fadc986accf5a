package io.github.gridlock.samples.lockorder;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A safe look-alike for GL_ARGUMENT_LOCK_ORDER: a map call on a field that only ever holds a JDK map. {@link ListMap}
 * keeps its entries in a private field that it only ever assigns {@code null} or what {@code makeMap()} returns, a new
 * {@code HashMap}; so {@code inner.putAll(other)} and {@code inner.keySet()} run the JDK's unsynchronized
 * {@code HashMap}, never one of the analysed maps that take a monitor ({@link ReceiverMapDeadlock.SyncMap}). {@code x.copyMetaFrom(y)} against {@code y.copyMetaFrom(x)} takes no
 * lock. The real shape: Groovy 1.7.9's {@code ASTNode.copyNodeMetaData}, {@code metaDataMap.putAll(other.metaDataMap)}
 * on a {@code ListHashMap} whose {@code innerMap} is always a {@code HashMap}. The twin whose map is the creator's
 * choice, {@link ReceiverMapDeadlock.OpenMetaNode}, is reported.
 */
public class ReceiverMapLookAlike {

    /** A small map that moves its entries to a JDK map of its own when it grows. */
    public static class ListMap extends AbstractMap<Object, Object> {
        private Map<Object, Object> inner;

        @Override
        public void putAll(Map<?, ?> other) {
            if (inner == null) {
                inner = makeMap();
            }
            inner.putAll(other);
        }

        @Override
        public Set<Object> keySet() {
            if (inner == null) {
                inner = makeMap();
            }
            return inner.keySet();
        }

        @Override
        public Set<Map.Entry<Object, Object>> entrySet() {
            if (inner == null) {
                inner = makeMap();
            }
            return inner.entrySet();
        }

        @Override
        public void clear() {
            inner = null;
        }

        private Map<Object, Object> makeMap() {
            return new HashMap<>();
        }
    }

    /** A node of a syntax tree with its metadata. */
    public static class MetaNode {
        private ListMap meta = new ListMap();

        public void copyMetaFrom(MetaNode other) {
            meta.putAll(other.meta);
        }

        public void clearMeta() {
            meta = new ListMap();
        }
    }
}
