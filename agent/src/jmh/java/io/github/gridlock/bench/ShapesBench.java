package io.github.gridlock.bench;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nested locking the way real code does it: each lock taken in its own method invocation, through {@code Lock}-typed
 * fields and arrays (invokeinterface) as well as {@code ReentrantLock}-typed ones, by
 * <ul>
 * <li>a recursive helper over an array of locks ({@code *Recursive}),</li>
 * <li>a chain of distinct methods, one per lock ({@code *Chain}),</li>
 * <li>an execute-around helper running a lambda under the lock ({@code *ExecuteAround}).</li>
 * </ul>
 * {@code depth} locks are held at the innermost point, always in the same order (every edge known after the first
 * invocation). {@code impl=guava}: the locks come from Guava's {@code CycleDetectingLockFactory} (Policies.THROW);
 * it has no {@code synchronized} counterpart, so the sync benchmarks are run with {@code impl=jdk} only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ShapesBench {
    static final CycleDetectingLockFactory GUAVA =
            CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.THROW);

    @Param({"1", "2", "4"})
    int depth;

    @Param({"jdk", "guava"})
    String impl;

    Lock[] locks;
    ReentrantLock[] reentrantLocks;
    Object[] monitors;
    Lock c1;
    Lock c2;
    Lock c3;
    Lock c4;
    final Object m1 = new Object();
    final Object m2 = new Object();
    final Object m3 = new Object();
    final Object m4 = new Object();
    int counter;

    @Setup
    public void setup() {
        reentrantLocks = new ReentrantLock[depth];
        locks = new Lock[depth];
        monitors = new Object[depth];
        for (int i = 0; i < depth; i++) {
            reentrantLocks[i] = newLock("l" + i);
            locks[i] = reentrantLocks[i];
            monitors[i] = new Object();
        }
        c1 = newLock("c1");
        c2 = newLock("c2");
        c3 = newLock("c3");
        c4 = newLock("c4");
    }

    private ReentrantLock newLock(String name) {
        return impl.equals("guava") ? GUAVA.newReentrantLock(name) : new ReentrantLock();
    }

    // ---------------------------------------------------------------- recursive helper over an array

    @Benchmark
    public int lockRecursive() {
        return lockRec(0);
    }

    private int lockRec(int i) {
        if (i == depth) {
            return ++counter;
        }
        Lock l = locks[i];
        l.lock();
        try {
            return lockRec(i + 1);
        } finally {
            l.unlock();
        }
    }

    @Benchmark
    public int reentrantLockRecursive() {
        return reentrantRec(0);
    }

    private int reentrantRec(int i) {
        if (i == depth) {
            return ++counter;
        }
        ReentrantLock l = reentrantLocks[i];
        l.lock();
        try {
            return reentrantRec(i + 1);
        } finally {
            l.unlock();
        }
    }

    @Benchmark
    public int syncRecursive() {
        return syncRec(0);
    }

    private int syncRec(int i) {
        if (i == depth) {
            return ++counter;
        }
        synchronized (monitors[i]) {
            return syncRec(i + 1);
        }
    }

    // ---------------------------------------------------------------- a chain of distinct methods

    @Benchmark
    public int lockChain() {
        return chain1();
    }

    private int chain1() {
        c1.lock();
        try {
            return depth > 1 ? chain2() : ++counter;
        } finally {
            c1.unlock();
        }
    }

    private int chain2() {
        c2.lock();
        try {
            return depth > 2 ? chain3() : ++counter;
        } finally {
            c2.unlock();
        }
    }

    private int chain3() {
        c3.lock();
        try {
            return chain4();
        } finally {
            c3.unlock();
        }
    }

    private int chain4() {
        c4.lock();
        try {
            return ++counter;
        } finally {
            c4.unlock();
        }
    }

    @Benchmark
    public int syncChain() {
        return syncChain1();
    }

    private int syncChain1() {
        synchronized (m1) {
            return depth > 1 ? syncChain2() : ++counter;
        }
    }

    private int syncChain2() {
        synchronized (m2) {
            return depth > 2 ? syncChain3() : ++counter;
        }
    }

    private int syncChain3() {
        synchronized (m3) {
            return syncChain4();
        }
    }

    private int syncChain4() {
        synchronized (m4) {
            return ++counter;
        }
    }

    // ---------------------------------------------------------------- execute-around with a lambda

    static int withLock(Lock lock, IntSupplier body) {
        lock.lock();
        try {
            return body.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    static int withMonitor(Object monitor, IntSupplier body) {
        synchronized (monitor) {
            return body.getAsInt();
        }
    }

    @Benchmark
    public int lockExecuteAround() {
        return around(0);
    }

    private int around(int i) {
        return i == depth ? ++counter : withLock(locks[i], () -> around(i + 1));
    }

    @Benchmark
    public int syncExecuteAround() {
        return syncAround(0);
    }

    private int syncAround(int i) {
        return i == depth ? ++counter : withMonitor(monitors[i], () -> syncAround(i + 1));
    }
}
