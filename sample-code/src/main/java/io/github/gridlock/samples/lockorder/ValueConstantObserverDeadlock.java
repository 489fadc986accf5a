package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_LOCK_ORDER_INVERSION through a callback that takes a lock for the value the caller notifies:
 * {@code LockTable.add} holds the lock table while the transaction notifies {@code ESCALATE} to its observers (as the
 * JDK's {@code Observable.notifyObservers(arg)} does), and {@code FlushOnEscalate.update} flushes its container, under the
 * container's monitor, exactly for {@code ESCALATE} (or {@code ABORT}); {@code Container.addPage} holds the container
 * and releases the lock table's locks. Two threads deadlock. The observer that acts only on {@code COMMIT} or
 * {@code ABORT} is safe ({@code ValueConstantObserverLookAlike}).
 */
public class ValueConstantObserverDeadlock {

    /** Learns what happened to a transaction ({@code java.util.Observer}'s contract). */
    public interface TransactionObserver {
        void update(Transaction transaction, Object event);
    }

    /** A transaction: its observers learn what happened to it. */
    public static final class Transaction {
        static final Integer COMMIT = Integer.valueOf(0);
        static final Integer ABORT = Integer.valueOf(1);
        static final Integer ESCALATE = Integer.valueOf(3);

        private final List<TransactionObserver> observers = new ArrayList<>();

        public void observe(TransactionObserver observer) {
            observers.add(observer);
        }

        void escalated() {
            notifyObservers(ESCALATE);
        }

        void committed() {
            notifyObservers(COMMIT);
        }

        private void notifyObservers(Object event) {
            for (TransactionObserver o : observers) {
                o.update(this, event);
            }
        }
    }

    /** The lock table: adding a lock may escalate the transaction's row locks, under the table's monitor. */
    public static final class LockTable {
        private final Transaction owner;
        private int rowLocks;

        public LockTable(Transaction owner) {
            this.owner = owner;
        }

        public synchronized void add(Object lock) {
            if (++rowLocks > 100) {
                owner.escalated(); // expect: GL_LOCK_ORDER_INVERSION
            }
        }

        synchronized void releaseAll() {
            rowLocks = 0;
        }
    }

    /** A container: adding a page commits a nested transaction, which releases its locks, under the container. */
    public static final class Container {
        private boolean flushed;

        synchronized void flush() {
            flushed = true;
        }

        public synchronized void addPage(LockTable nested) {
            nested.releaseAll();
        }
    }

    /** Flushes a container when its transaction escalates or aborts. */
    public static final class FlushOnEscalate implements TransactionObserver {
        private final Container container;

        public FlushOnEscalate(Container container) {
            this.container = container;
        }

        @Override
        public void update(Transaction transaction, Object event) {
            if (event.equals(Transaction.ESCALATE) || event.equals(Transaction.ABORT)) {
                container.flush();
            }
        }
    }
}
