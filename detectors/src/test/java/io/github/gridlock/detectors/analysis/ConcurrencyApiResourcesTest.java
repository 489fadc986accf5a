package io.github.gridlock.detectors.analysis;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resource rows of the table (executors created and shut down, output written) are a part of their own:
 * {@link ConcurrencyApi#lookup} never returns them, so adding one cannot change what any other fact sees of a call.
 */
class ConcurrencyApiResourcesTest {
    private static final Set<ConcurrencyApi.Effect> RESOURCES = EnumSet.of(ConcurrencyApi.Effect.CREATES_EXECUTOR,
            ConcurrencyApi.Effect.SHUTS_DOWN, ConcurrencyApi.Effect.WRITES_OUTPUT, ConcurrencyApi.Effect.RUNS_AT_EXIT,
            ConcurrencyApi.Effect.NETWORK_STREAM, ConcurrencyApi.Effect.COUNTS_SHARED);

    @Test
    void resourceRowsAreNotConcurrencyCalls() {
        int resources = 0;
        for (ConcurrencyApi.Entry e : ConcurrencyApi.entries()) {
            if (!RESOURCES.contains(e.effect())) {
                continue;
            }
            resources++;
            ConcurrencyApi.Entry seen = ConcurrencyApi.lookup(e.owner(), e.name(), e.descriptor() == null ? "()V" : e.descriptor(),
                    e.isStatic());
            assertTrue(seen == null || !RESOURCES.contains(seen.effect()), e + " is returned by lookup as " + seen);
        }
        assertTrue(resources > 30, "resource rows read: " + resources);
    }

    @Test
    void attributesAreRead() {
        ConcurrencyApi.Entry submit = ConcurrencyApi.lookup("java.util.concurrent.ExecutorService", "submit",
                "(Ljava/util/concurrent/Callable;)Ljava/util/concurrent/Future;", false);
        assertEquals(ConcurrencyApi.FutureUse.RETURNS, submit.futureUse());
        ConcurrencyApi.Entry thenApply = ConcurrencyApi.lookup("java.util.concurrent.CompletionStage", "thenApply",
                "(Ljava/util/function/Function;)Ljava/util/concurrent/CompletionStage;", false);
        assertEquals(ConcurrencyApi.FutureUse.CHAINS, thenApply.futureUse());
        ConcurrencyApi.Entry whenComplete = ConcurrencyApi.lookup("java.util.concurrent.CompletionStage", "whenComplete",
                "(Ljava/util/function/BiConsumer;)Ljava/util/concurrent/CompletionStage;", false);
        assertNull(whenComplete.futureUse(), "a callback that sees the failure observes it");
        assertTrue(ConcurrencyApi.lookup("java.net.ServerSocket", "accept", "()Ljava/net/Socket;", false).takesInput());
        assertTrue(!ConcurrencyApi.lookup("java.lang.Thread", "sleep", "(J)V", true).takesInput());
        long cached = ConcurrencyApi.entries().stream().filter(e -> e.name().equals("newCachedThreadPool")
                && e.executorThreads() == ConcurrencyApi.ExecutorThreads.UNBOUNDED).count();
        assertEquals(1, cached);
    }
}
