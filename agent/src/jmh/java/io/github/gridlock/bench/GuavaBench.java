package io.github.gridlock.bench;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/** The same shapes with Guava's CycleDetectingLockFactory locks (no agent). Guava offers no synchronized variant. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuavaBench {
    static final CycleDetectingLockFactory FACTORY =
            CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.THROW);

    @State(Scope.Thread)
    public static class Locks {
        final ReentrantLock l1 = FACTORY.newReentrantLock("l1");
        final ReentrantLock l2 = FACTORY.newReentrantLock("l2");
        final ReentrantLock l3 = FACTORY.newReentrantLock("l3");
        final ReentrantLock l4 = FACTORY.newReentrantLock("l4");
        int counter;
    }

    @State(Scope.Benchmark)
    public static class Shared {
        final ReentrantLock lock = FACTORY.newReentrantLock("shared");
        int counter;
    }

    @Benchmark
    public int lockUncontended(Locks s) {
        s.l1.lock();
        try {
            return ++s.counter;
        } finally {
            s.l1.unlock();
        }
    }

    @Benchmark
    public int lockNested2(Locks s) {
        s.l1.lock();
        try {
            s.l2.lock();
            try {
                return ++s.counter;
            } finally {
                s.l2.unlock();
            }
        } finally {
            s.l1.unlock();
        }
    }

    @Benchmark
    public int lockNested4(Locks s) {
        s.l1.lock();
        try {
            s.l2.lock();
            try {
                s.l3.lock();
                try {
                    s.l4.lock();
                    try {
                        return ++s.counter;
                    } finally {
                        s.l4.unlock();
                    }
                } finally {
                    s.l3.unlock();
                }
            } finally {
                s.l2.unlock();
            }
        } finally {
            s.l1.unlock();
        }
    }

    @Benchmark
    @Threads(8)
    public int lockContended8(Shared s) {
        s.lock.lock();
        try {
            return ++s.counter;
        } finally {
            s.lock.unlock();
        }
    }

    @Benchmark
    public int lockFirstTimeEdge(Locks s, Blackhole bh) {
        ReentrantLock a = FACTORY.newReentrantLock("a");
        ReentrantLock b = FACTORY.newReentrantLock("b");
        bh.consume(a);
        bh.consume(b);
        a.lock();
        try {
            b.lock();
            try {
                return ++s.counter;
            } finally {
                b.unlock();
            }
        } finally {
            a.unlock();
        }
    }
}
