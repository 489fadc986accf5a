package io.github.gridlock.samples.release;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Look-alikes for GL_LOCK_NOT_RELEASED, GL_UNBALANCED_REENTRANT and GL_UNLOCK_WITHOUT_LOCK: Jetty's {@code AutoLock},
 * a lock handle whose {@code lock()} returns itself and whose {@code close()} unlocks if the thread holds it, used in
 * try-with-resources: {@code try (AutoLock l = lock.lock()) { ... }}. javac closes the handle on every path out of
 * the block, so the pairing is visible: nothing here is reported, also with a catch around the block, an early
 * return inside it, the subclass with a condition whose {@code lock()} narrows the type, and the outer object's
 * handle locked from an inner class or a lambda (Jetty's {@code ManagedSelector.SelectorProducer.processUpdates}:
 * {@code this$0._lock}, a captured path).
 */
public class AutoLockLookAlikes {

    /** The handle, as Jetty writes it. */
    public static class Handle implements AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();

        public Handle lock() {
            lock.lock();
            return this;
        }

        public boolean isHeldByCurrentThread() {
            return lock.isHeldByCurrentThread();
        }

        public Condition newCondition() {
            return lock.newCondition();
        }

        @Override
        public void close() {
            if (isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    /** Jetty's {@code AutoLock.WithCondition}. */
    public static class WithCondition extends Handle {
        private final Condition condition = newCondition();

        @Override
        public WithCondition lock() {
            return (WithCondition) super.lock();
        }

        public void signalAll() {
            condition.signalAll();
        }

        /** A wait wrapper: its callers loop (take() below); the wrapper itself is reported at low priority only. */
        public void await() throws InterruptedException {
            condition.await(); // expect-low: GL_WAIT_WITHOUT_LOOP
        }
    }

    private final Handle handle = new Handle();
    private final WithCondition notEmpty = new WithCondition();
    private final Deque<String> items = new ArrayDeque<>();
    private boolean hooked;

    /** Jetty's {@code ShutdownThread.hook()}: a catch around the block. */
    public void hook() {
        try (Handle l = handle.lock()) {
            if (!hooked) {
                items.add("hook");
            }
            hooked = true;
        } catch (RuntimeException e) {
            items.add("failed: " + e);
        }
    }

    /** An early return inside the block. */
    public String peek() {
        try (Handle l = handle.lock()) {
            if (items.isEmpty()) {
                return null;
            }
            return items.peekFirst();
        }
    }

    /** The subclass: Jetty's {@code BlockingArrayQueue.offer()} signalling under its tail lock. */
    public boolean offer(String item) {
        try (WithCondition l = notEmpty.lock()) {
            items.addLast(item);
            l.signalAll();
            return true;
        }
    }

    /** Waiting on the subclass's condition in a loop. */
    public String take() throws InterruptedException {
        try (WithCondition l = notEmpty.lock()) {
            while (items.isEmpty()) {
                l.await();
            }
            return items.pollFirst();
        }
    }

    /** Jetty's {@code SelectorProducer}: an inner class locks its outer object's handle, twice, with work between. */
    public class Producer {
        private Deque<String> updateable = new ArrayDeque<>();

        public int processUpdates() {
            try (Handle l = handle.lock()) {
                Deque<String> swapped = updateable;
                updateable = new ArrayDeque<>(items);
                items.clear();
                items.addAll(swapped);
            }
            if (updateable.isEmpty()) {
                return 0;
            }
            String first = updateable.pollFirst();
            int size;
            try (Handle l = handle.lock()) {
                size = items.size();
                hooked = size == 0;
            }
            return first.length() + size;
        }
    }

    /** The same from a lambda. */
    public Runnable clearer() {
        return () -> {
            try (Handle l = handle.lock()) {
                items.clear();
            }
            System.out.println("cleared");
        };
    }
}
