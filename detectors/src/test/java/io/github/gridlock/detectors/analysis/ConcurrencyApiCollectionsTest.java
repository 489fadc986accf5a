package io.github.gridlock.detectors.analysis;

import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collection rows of the table (GL_CHECK_THEN_ACT's checks and acts) are a part of their own: {@link
 * ConcurrencyApi#lookup} and {@link ConcurrencyApi#lookupResource} never return them, so a {@code Vector} call stays
 * a call that locks its receiver; {@link ConcurrencyApi#lookupCollection} does. Matched here by exact owner (no
 * analysis context: no class hierarchy).
 */
class ConcurrencyApiCollectionsTest {
    private static final Set<ConcurrencyApi.Effect> COLLECTIONS = EnumSet.of(ConcurrencyApi.Effect.CONCURRENT_COLLECTION,
            ConcurrencyApi.Effect.RETURNS_CONCURRENT_COLLECTION, ConcurrencyApi.Effect.CHECKS_KEY,
            ConcurrencyApi.Effect.READS_KEY, ConcurrencyApi.Effect.CHECKS_MEMBER, ConcurrencyApi.Effect.CHECKS_SIZE,
            ConcurrencyApi.Effect.INSERTS, ConcurrencyApi.Effect.TAKES, ConcurrencyApi.Effect.READS_HEAD, ConcurrencyApi.Effect.POLLS,
            ConcurrencyApi.Effect.REMOVES);

    @Test
    void collectionRowsAreNeitherConcurrencyCallsNorResources() {
        int rows = 0;
        for (ConcurrencyApi.Entry e : ConcurrencyApi.entries()) {
            if (!COLLECTIONS.contains(e.effect())) {
                continue;
            }
            rows++;
            String descriptor = e.descriptor() == null ? "()V" : e.descriptor();
            ConcurrencyApi.Entry seen = ConcurrencyApi.lookup(e.owner(), e.name(), descriptor, e.isStatic());
            assertTrue(seen == null || !COLLECTIONS.contains(seen.effect()), e + " is returned by lookup as " + seen);
        }
        assertTrue(rows > 40, "collection rows read: " + rows);
        assertEquals(ConcurrencyApi.Effect.LOCKS_RECEIVER,
                ConcurrencyApi.lookup("java.util.Vector", "contains", "(Ljava/lang/Object;)Z", false).effect());
    }

    @Test
    void checksAndActsAreLookedUp() {
        ConstantPoolGen cpg = new ConstantPoolGen();
        INVOKEINTERFACE containsKey = new INVOKEINTERFACE(
                cpg.addInterfaceMethodref("java.util.Map", "containsKey", "(Ljava/lang/Object;)Z"), 2);
        assertEquals(ConcurrencyApi.Effect.CHECKS_KEY, ConcurrencyApi.lookupCollection(containsKey, cpg).effect());
        assertNull(ConcurrencyApi.lookupResource(containsKey, cpg));
        INVOKEINTERFACE poll = new INVOKEINTERFACE(cpg.addInterfaceMethodref("java.util.Queue", "poll", "()Ljava/lang/Object;"), 1);
        assertEquals(ConcurrencyApi.Effect.POLLS, ConcurrencyApi.lookupCollection(poll, cpg).effect());
        INVOKEINTERFACE take = new INVOKEINTERFACE(cpg.addInterfaceMethodref("java.util.concurrent.BlockingQueue", "take",
                "()Ljava/lang/Object;"), 1);
        assertEquals(ConcurrencyApi.Effect.TAKES, ConcurrencyApi.lookupCollection(take, cpg).effect());
        INVOKEINTERFACE element = new INVOKEINTERFACE(cpg.addInterfaceMethodref("java.util.Queue", "element",
                "()Ljava/lang/Object;"), 1);
        assertEquals(ConcurrencyApi.Effect.READS_HEAD, ConcurrencyApi.lookupCollection(element, cpg).effect(),
                "element() fails on an empty queue but takes nothing: an act, not a change");
        INVOKEINTERFACE getFirst = new INVOKEINTERFACE(cpg.addInterfaceMethodref("java.util.Deque", "getFirst",
                "()Ljava/lang/Object;"), 1);
        assertEquals(ConcurrencyApi.Effect.READS_HEAD, ConcurrencyApi.lookupCollection(getFirst, cpg).effect());
        INVOKEVIRTUAL offer = new INVOKEVIRTUAL(cpg.addMethodref("java.util.Queue", "offer", "(Ljava/lang/Object;)Z"));
        assertNull(ConcurrencyApi.lookupCollection(offer, cpg), "offer() is no act a check makes unsafe");
        INVOKESTATIC wrap = new INVOKESTATIC(cpg.addMethodref("java.util.Collections", "synchronizedMap",
                "(Ljava/util/Map;)Ljava/util/Map;"));
        ConcurrencyApi.Entry wrapper = ConcurrencyApi.lookupCollection(wrap, cpg);
        assertEquals(ConcurrencyApi.Effect.RETURNS_CONCURRENT_COLLECTION, wrapper.effect());
        assertEquals(LockKind.MONITOR, wrapper.lockKind(), "a synchronized wrapper locks itself in every call");
    }

    @Test
    void concurrentCollectionClasses() {
        assertTrue(ConcurrencyApi.isConcurrentCollection("java.util.concurrent.ConcurrentMap"));
        assertTrue(ConcurrencyApi.isConcurrentCollection("java.util.Vector"));
        assertTrue(ConcurrencyApi.collectionLocksItself("java.util.Hashtable"));
        assertFalse(ConcurrencyApi.collectionLocksItself("java.util.concurrent.ConcurrentLinkedQueue"));
        assertFalse(ConcurrencyApi.isConcurrentCollection("java.util.HashMap"));
    }
}
