package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a lock a callback takes only for some values of its argument, and a
 * caller that notifies another value, a static final constant. {@code LockTable.add} holds the lock table and, when
 * the transaction holds too many row locks, escalates: the transaction notifies its observers with {@code ESCALATE}
 * (as the JDK's {@code Observable.notifyObservers(arg)} does, handing {@code arg} to every observer's
 * {@code update}). {@code DropOnCommit.update} drops its container, under the container's monitor, only
 * when the event {@code equals} {@code COMMIT} or {@code ABORT}: three different {@code Integer} constants, so never
 * during an escalation. The other order ({@code Container.addPage} holds the container and releases the lock table's
 * locks of a nested transaction) therefore closes no cycle. The real shape: Derby's {@code LockSpace.addLock} calling
 * {@code Xact.reached}, which notifies {@code LOCK_ESCALATE}, against {@code DropOnCommit.update}. The same shape
 * with an observer that acts on {@code ESCALATE} is {@code ValueConstantObserverDeadlock}.
 */
public class ValueConstantObserverLookAlike {

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
                owner.escalated();
            }
        }

        synchronized void releaseAll() {
            rowLocks = 0;
        }
    }

    /** A container: adding a page commits a nested transaction, which releases its locks, under the container. */
    public static final class Container {
        private boolean dropped;

        synchronized void drop() {
            dropped = true;
        }

        public synchronized void addPage(LockTable nested) {
            nested.releaseAll();
        }
    }

    /** Drops a container when its transaction ends: only on COMMIT or ABORT. */
    public static final class DropOnCommit implements TransactionObserver {
        private final Container container;

        public DropOnCommit(Container container) {
            this.container = container;
        }

        @Override
        public void update(Transaction transaction, Object event) {
            if (event.equals(Transaction.COMMIT) || event.equals(Transaction.ABORT)) {
                container.drop();
            }
        }
    }
}
