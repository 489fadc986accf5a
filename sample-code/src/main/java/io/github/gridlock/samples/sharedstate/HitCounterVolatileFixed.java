package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Fixed twin of {@link HitCounterVolatile}: atomic counters, whose increment is one indivisible step. */
public class HitCounterVolatileFixed {

    private final AtomicInteger hits = new AtomicInteger();
    private final LongAdder bytes = new LongAdder();
    private static final AtomicInteger PENDING = new AtomicInteger();
    private final LongAdder served = new LongAdder();

    public void onRequest(int size) {
        hits.incrementAndGet();
        bytes.add(size);
    }

    public void serveAll(ExecutorService pool, List<Integer> sizes) {
        for (Integer size : sizes) {
            pool.execute(() -> served.add(size));
        }
    }

    public static Runnable track(Runnable job) {
        return () -> {
            PENDING.incrementAndGet();
            try {
                job.run();
            } finally {
                PENDING.decrementAndGet();
            }
        };
    }

    public int hits() {
        return hits.get();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long served() {
        return served.sum();
    }
}
