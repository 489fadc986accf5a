package io.github.gridlock.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Uncontended locking, run once without and once with the agent (BenchMain sets the fork's JVM arguments). Locks
 * live in fields so escape analysis cannot elide them; nested benchmarks take their locks in the same order every
 * time, so after the first invocation every edge is known (the agent's fast path).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LockBench {
    final Object m1 = new Object();
    final Object m2 = new Object();
    final Object m3 = new Object();
    final Object m4 = new Object();
    final ReentrantLock l1 = new ReentrantLock();
    final ReentrantLock l2 = new ReentrantLock();
    final ReentrantLock l3 = new ReentrantLock();
    final ReentrantLock l4 = new ReentrantLock();
    int counter;

    @Benchmark
    public int syncUncontended() {
        synchronized (m1) {
            return ++counter;
        }
    }

    @Benchmark
    public int lockUncontended() {
        l1.lock();
        try {
            return ++counter;
        } finally {
            l1.unlock();
        }
    }

    @Benchmark
    public int syncNested2() {
        synchronized (m1) {
            synchronized (m2) {
                return ++counter;
            }
        }
    }

    @Benchmark
    public int syncNested4() {
        synchronized (m1) {
            synchronized (m2) {
                synchronized (m3) {
                    synchronized (m4) {
                        return ++counter;
                    }
                }
            }
        }
    }

    @Benchmark
    public int lockNested2() {
        l1.lock();
        try {
            l2.lock();
            try {
                return ++counter;
            } finally {
                l2.unlock();
            }
        } finally {
            l1.unlock();
        }
    }

    @Benchmark
    public int lockNested4() {
        l1.lock();
        try {
            l2.lock();
            try {
                l3.lock();
                try {
                    l4.lock();
                    try {
                        return ++counter;
                    } finally {
                        l4.unlock();
                    }
                } finally {
                    l3.unlock();
                }
            } finally {
                l2.unlock();
            }
        } finally {
            l1.unlock();
        }
    }

    /** Two new locks nested each time: every invocation creates a new edge (the agent's slow path). */
    @Benchmark
    public int lockFirstTimeEdge(Blackhole bh) {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        bh.consume(a);
        bh.consume(b);
        a.lock();
        try {
            b.lock();
            try {
                return ++counter;
            } finally {
                b.unlock();
            }
        } finally {
            a.unlock();
        }
    }
}
