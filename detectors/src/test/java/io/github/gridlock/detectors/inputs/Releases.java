package io.github.gridlock.detectors.inputs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Inputs for path states per acquisition site: {@code // leaks: KINDS} at an acquisition says through which
 * exits some path leaves the method still holding it ({@code none}, {@code exception}, {@code return}); a release
 * matches the latest acquisition of its lock that is held (the inner one of a reentrant pair);
 * {@code // unmatched} marks a release reached on a path where nothing it releases is held;
 * {@code // at return: H/R, ...} lists the holds/releases of the site on the paths that return normally
 * ({@code inexact} when a loop the analysis cannot count took them past its bound).
 */
@SuppressWarnings("unused")
public class Releases {
    private final Lock lock = new ReentrantLock();
    private final Lock other = new ReentrantLock();
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final Semaphore permits = new Semaphore(4);
    private final Handle handle = new Handle();
    private final Object monitor = new Object();
    private final ReentrantLock reentrant = new ReentrantLock();
    private final Executor executor = Runnable::run;
    private int n;

    static void work() {
        if (System.nanoTime() == 0) {
            throw new IllegalStateException();
        }
    }

    /** A lock handle in the style of try-with-resources lock wrappers. */
    static final class Handle implements AutoCloseable {
        private final ReentrantLock inner = new ReentrantLock();

        Handle lock() {
            inner.lock();
            return this;
        }

        @Override
        public void close() {
            inner.unlock();
        }
    }

    void tryFinally() {
        lock.lock(); // leaks: none
        try {
            work();
        } finally {
            lock.unlock();
        }
    }

    void noFinally() {
        lock.lock(); // leaks: exception
        work();
        lock.unlock();
    }

    void noCallInBetween() {
        lock.lock(); // leaks: none
        n++;
        lock.unlock();
    }

    boolean earlyReturn(boolean skip) {
        lock.lock(); // leaks: return
        if (skip) {
            return false;
        }
        lock.unlock();
        return true;
    }

    void correlatedTryLock() {
        boolean ok = lock.tryLock(); // leaks: none
        try {
            if (ok) {
                work();
            }
        } finally {
            if (ok) {
                lock.unlock();
            }
        }
    }

    void tryLockBranch() {
        if (lock.tryLock()) { // leaks: none
            try {
                work();
            } finally {
                lock.unlock();
            }
        }
    }

    void tryWithResources() {
        try (Handle h = handle.lock()) { // leaks: none
            work();
        }
    }

    void nestedFinally() {
        lock.lock(); // leaks: none
        try {
            other.lock(); // leaks: none
            try {
                work();
            } finally {
                other.unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    void monitorInsideTry() {
        lock.lock(); // leaks: none
        try {
            synchronized (monitor) {
                work();
            }
        } finally {
            lock.unlock();
        }
    }

    void permitsShort() throws InterruptedException {
        permits.acquire(2); // leaks: exception, return
        try {
            work();
        } finally {
            permits.release();
        }
    }

    void permitsMatched() throws InterruptedException {
        permits.acquire(2); // leaks: none
        try {
            work();
        } finally {
            permits.release(2);
        }
    }

    void inLoop(int times) {
        for (int i = 0; i < times; i++) {
            lock.lock(); // leaks: none
            try {
                work();
            } finally {
                lock.unlock();
            }
        }
    }

    void recursive(int depth) {
        lock.lock(); // leaks: none
        try {
            if (depth > 0) {
                recursive(depth - 1);
            }
        } finally {
            lock.unlock();
        }
    }

    void lockInsideTry() {
        try {
            lock.lock(); // leaks: none
            work();
        } finally {
            lock.unlock(); // unmatched
        }
    }

    void ignoredTryResult() {
        lock.tryLock(); // leaks: none
        try {
            work();
        } finally {
            lock.unlock(); // unmatched
        }
    }

    void stamps() {
        long stamp = stamped.writeLock(); // leaks: none
        try {
            work();
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    void readHalf() {
        rw.readLock().lock(); // leaks: none
        try {
            work();
        } finally {
            rw.readLock().unlock();
        }
    }

    void reentrantImbalance() {
        lock.lock(); // leaks: exception, return
        lock.lock(); // leaks: none
        try {
            work();
        } finally {
            lock.unlock();
        }
    }
    /** A flag set right after the acquisition: the finally's test is exact on every path. */
    void flagSetAfterAcquire() throws InterruptedException {
        boolean locked = false;
        try {
            lock.lockInterruptibly(); // leaks: none
            locked = true;
            work();
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    /** Locked only when a parameter says so, unlocked under the same test. */
    void conditionalOnParameter(boolean exclusive) {
        if (exclusive) {
            lock.lock(); // leaks: none
        }
        try {
            work();
        } finally {
            if (exclusive) {
                lock.unlock();
            }
        }
    }

    /** Values that decide nothing do not multiply the paths: the counts stay exact. */
    void unrelatedFlags(boolean a, boolean b, boolean c) {
        lock.lock(); // at return: 0/1
        try {
            if (a) {
                n++;
            }
            if (b) {
                n--;
            }
            if (c) {
                n = 0;
            }
        } finally {
            lock.unlock();
        }
    }

    void countedLoopBalanced() {
        for (int i = 0; i < 2; i++) {
            lock.lock(); // at return: 0/2
        }
        try {
            n++;
        } finally {
            for (int i = 0; i < 2; i++) {
                lock.unlock();
            }
        }
    }

    void countedLoopShort() {
        for (int i = 0; i < 3; i++) {
            lock.lock(); // at return: 1/2
        }
        lock.unlock();
        lock.unlock();
    }

    void uncountedLoop(int times) {
        for (int i = 0; i < times; i++) {
            lock.lock(); // at return: inexact
        }
        for (int i = 0; i < times; i++) {
            lock.unlock();
        }
    }

    /** isHeldByCurrentThread() is answered from the path: the unlock runs only where the lock is held. */
    void heldCheck(boolean take) {
        if (take) {
            reentrant.lock(); // at return: 0/0, 0/1
        }
        n++;
        if (reentrant.isHeldByCurrentThread()) {
            reentrant.unlock();
        }
    }

    void holdCountLoop() {
        reentrant.lock(); // at return: 0/1
        reentrant.lock(); // at return: 0/1
        n++;
        while (reentrant.getHoldCount() > 0) {
            reentrant.unlock();
        }
    }

    /** A read stamp converted to a write stamp: unlock(stamp) releases whichever is held. */
    void stampConversion() {
        long stamp = stamped.readLock(); // at return: 0/1
        try {
            long ws = stamped.tryConvertToWriteLock(stamp); // leaks: none
            if (ws != 0L) {
                stamp = ws;
                n++;
            }
        } finally {
            stamped.unlock(stamp);
        }
    }

    /** The JDK's upgrade loop: converting the write stamp taken after a failed conversion cannot fail. */
    void stampUpgradeLoop() {
        long stamp = stamped.readLock(); // leaks: none
        try {
            while (n == 0) {
                long ws = stamped.tryConvertToWriteLock(stamp); // leaks: none
                if (ws != 0L) {
                    stamp = ws;
                    n = 1;
                    break;
                }
                stamped.unlockRead(stamp);
                stamp = stamped.writeLock(); // leaks: none
            }
        } finally {
            stamped.unlock(stamp);
        }
    }

    void tryWriteStamp() {
        long stamp = stamped.tryWriteLock(); // leaks: none
        if (stamp == 0L) {
            return;
        }
        try {
            work();
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    void tryWriteStampIgnored() {
        long stamp = stamped.tryWriteLock(); // at return: 0/0, 0/1
        n++;
        stamped.unlockWrite(stamp); // unmatched
    }

    /** A permit released by the task it guards, on the executor's thread; if execute() throws, the catch releases it. */
    void permitReleasedByTask() throws InterruptedException {
        permits.acquire(); // leaks: none
        try {
            executor.execute(() -> {
                try {
                    work();
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** The lock released by a callback when the future completes. */
    void releasedByCallback(CompletableFuture<String> future) {
        lock.lock(); // at return: 0/1
        future.whenComplete((result, failure) -> lock.unlock());
    }

    private final java.util.concurrent.locks.Condition changed = lock.newCondition();
    private boolean flag;
    int changes;

    private static void markDone(Releases r) {
        r.flag = true;
    }

    /** Overridable, and {@link Checked} overrides it with one that throws. */
    void setFlag() {
        flag = true;
    }

    /** Overridable; its one override below cannot throw either (every analysed body is known). */
    void clearFlag() {
        flag = false;
    }

    /** The overrides: one throws, one only writes a field. */
    static class Checked extends Releases {
        @Override
        void setFlag() {
            if (changes > 0) {
                throw new IllegalStateException("set twice");
            }
        }

        @Override
        void clearFlag() {
            changes++;
        }
    }

    /** A finally whose statements before unlock() cannot throw: a field write, a private setter, a signal. */
    void finallyThatCannotThrow() {
        lock.lock(); // leaks: none
        try {
            work();
        } finally {
            flag = false;
            markDone(this);
            changed.signalAll();
            lock.unlock();
        }
    }

    /** The same with an overridable setter before the unlock: its override's exception skips the unlock. */
    void finallyWithOverridableCall() {
        lock.lock(); // leaks: exception
        try {
            work();
        } finally {
            setFlag();
            lock.unlock();
        }
    }

    /** An overridable call whose every analysed body cannot throw (NonThrowingCalls.cannotThrowDeeply). */
    void finallyWithNonThrowingOverrides() {
        lock.lock(); // leaks: none
        try {
            work();
        } finally {
            clearFlag();
            lock.unlock();
        }
    }

    /** commons-pool2's upgrade: the read half released, then the write half taken through the same local. */
    void upgradeThroughReassignedLocal(boolean upgrade) {
        Lock l = rw.readLock();
        l.lock(); // leaks: none
        try {
            if (upgrade) {
                l.unlock();
                l = rw.writeLock();
                l.lock(); // leaks: none
                work();
            }
        } finally {
            l.unlock();
        }
    }

    /** Jetty's AutoLock: close() unlocks only if the thread holds the lock. */
    static class GuardedHandle implements AutoCloseable {
        private final ReentrantLock inner = new ReentrantLock();

        GuardedHandle lock() {
            inner.lock();
            return this;
        }

        @Override
        public void close() {
            if (inner.isHeldByCurrentThread()) {
                inner.unlock();
            }
        }
    }

    /** AutoLock.WithCondition: lock() narrows the type of what super.lock() returns (a checkcast of this). */
    static class NarrowedHandle extends GuardedHandle {
        @Override
        NarrowedHandle lock() {
            return (NarrowedHandle) super.lock();
        }
    }

    private final GuardedHandle guarded = new GuardedHandle();
    private final NarrowedHandle narrowed = new NarrowedHandle();

    void guardedHandleInCatch() {
        try (GuardedHandle h = guarded.lock()) { // leaks: none
            work();
        } catch (RuntimeException e) {
            n++;
        }
    }

    void narrowedHandle() {
        try (NarrowedHandle h = narrowed.lock()) { // leaks: none
            work();
        }
    }

    /**
     * Guava's Monitor.enterIf: javac keeps the result both in the flag and in its return slot (dup, istore, istore);
     * testing the flag in the finally tells what the return slot holds, so true is returned exactly when holding.
     */
    boolean enterIf(java.util.function.BooleanSupplier guard) {
        lock.lock(); // contract: boolean
        boolean satisfied = false;
        try {
            return satisfied = guard.getAsBoolean();
        } finally {
            if (!satisfied) {
                lock.unlock();
            }
        }
    }

    boolean tryEnterIf(java.util.function.BooleanSupplier guard) {
        if (!lock.tryLock()) { // contract: boolean
            return false;
        }
        boolean satisfied = false;
        try {
            return satisfied = guard.getAsBoolean();
        } finally {
            if (!satisfied) {
                lock.unlock();
            }
        }
    }

    /** True on both paths, one of them still holding: no contract, a leak. */
    boolean offerHolding(boolean full) {
        lock.lock(); // contract: plain
        if (full) {
            return true;
        }
        lock.unlock();
        return true;
    }

    /** The value tested is a call's result that the loop makes again: the earlier result tells nothing about it. */
    boolean retestedInLoop(java.util.function.BooleanSupplier guard) {
        boolean last = false;
        for (int i = 0; i < 2; i++) {
            boolean now = guard.getAsBoolean();
            if (i == 0) {
                last = now;
            }
        }
        lock.lock(); // contract: plain
        if (last) {
            return true;
        }
        lock.unlock();
        return true;
    }

    private final StampedLock optionalStamped = System.nanoTime() > 0 ? new StampedLock() : null;
    private final Lock optionalLock = System.nanoTime() > 0 ? new ReentrantLock() : null;
    private Lock replaceableLock = new ReentrantLock();

    /** Two null tests of one final field agree: the path that took the stamp releases it. */
    void nullGuardedFinalStamp() {
        long stamp = optionalStamped != null ? optionalStamped.writeLock() : 0; // leaks: none
        try {
            work();
        } finally {
            if (optionalStamped != null) {
                optionalStamped.unlockWrite(stamp);
            }
        }
    }

    /** The same through a local copy of the final field. */
    void nullGuardedFinalLock() {
        Lock l = optionalLock;
        if (l != null) {
            l.lock(); // leaks: none
        }
        try {
            work();
        } finally {
            if (l != null) {
                l.unlock();
            }
        }
    }

    /** A field that is not final may change between the tests: both sides stay paths. */
    void nullGuardedMutableLock() {
        if (replaceableLock != null) {
            replaceableLock.lock(); // leaks: exception, return
        }
        try {
            work();
        } finally {
            if (replaceableLock != null) {
                replaceableLock.unlock(); // unmatched
            }
        }
    }

    /** An inner class locks its outer object's handle in two try-with-resources blocks. */
    final class Inner {
        int twoBlocks() {
            try (Handle h = handle.lock()) { // leaks: none
                work();
            }
            if (n == 0) {
                return 0;
            }
            try (Handle h = handle.lock()) { // leaks: none
                n++;
            }
            return n;
        }
    }

    /** Gives its caller's hold back around work and takes it again: the caller's count is unchanged. */
    private void unlockedWork() {
        lock.unlock(); // unmatched
        try {
            work();
        } finally {
            lock.lock();
        }
    }

    private void sometimesUnlocked() {
        if (n > 0) {
            unlockedWork();
        }
    }

    void holdsAroundRestoringCallee() {
        lock.lock(); // leaks: none
        try {
            sometimesUnlocked();
        } finally {
            lock.unlock();
        }
    }
}
