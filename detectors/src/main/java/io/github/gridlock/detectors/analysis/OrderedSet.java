package io.github.gridlock.detectors.analysis;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An unmodifiable set that iterates in the order its elements were given, kept in one array (and, past a few
 * elements, a table of indexes by hash): the sets of a summary part live to the end of the analysis, and a
 * {@code LinkedHashSet} spends some fifty bytes per element and a hundred more per set on entries, table and views.
 * Equality, hashing, {@code contains} and iteration order are those of the {@code LinkedHashSet} it replaces.
 */
final class OrderedSet<E> extends AbstractSet<E> {
    /** Up to this many elements, {@code contains} scans the array. */
    private static final int LINEAR = 8;

    private final Object[] elements;
    /** Index + 1 of the element in each slot, open addressing; null when the set is small. */
    private final int[] slots;

    private OrderedSet(Object[] elements, int[] slots) {
        this.elements = elements;
        this.slots = slots;
    }

    /** The distinct elements of {@code from}, in its iteration order. */
    static <E> OrderedSet<E> of(Collection<E> from) {
        Object[] given = from.toArray();
        int[] slots = given.length > LINEAR ? new int[Integer.highestOneBit(given.length * 2 - 1) << 1] : null;
        Object[] kept = new Object[given.length];
        int n = 0;
        for (Object e : given) {
            if (slots == null) {
                if (indexIn(kept, n, e) >= 0) {
                    continue;
                }
            } else {
                int slot = probe(slots, kept, e);
                if (slots[slot] != 0) {
                    continue;
                }
                slots[slot] = n + 1;
            }
            kept[n++] = e;
        }
        return new OrderedSet<>(n == kept.length ? kept : java.util.Arrays.copyOf(kept, n), slots);
    }

    private static int indexIn(Object[] elements, int size, Object o) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(elements[i], o)) {
                return i;
            }
        }
        return -1;
    }

    /** The slot holding {@code o}, or the empty slot where it would go. */
    private static int probe(int[] slots, Object[] elements, Object o) {
        int mask = slots.length - 1;
        int h = Objects.hashCode(o);
        int i = (h ^ (h >>> 16)) & mask;
        while (slots[i] != 0 && !Objects.equals(elements[slots[i] - 1], o)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    @Override
    public boolean contains(Object o) {
        if (slots == null) {
            return indexIn(elements, elements.length, o) >= 0;
        }
        return slots[probe(slots, elements, o)] != 0;
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<E>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= elements.length) {
                    throw new NoSuchElementException();
                }
                return (E) elements[next++];
            }
        };
    }
}
