package io.github.gridlock.samples.lockorder;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a lock a callee takes only when a bit of its mode argument is clear,
 * and a caller that passes a constant mode with that bit set. {@code Table.escalate} holds the table and requests
 * with {@code FOR_UPDATE | NOWAIT}; {@code request} copies the mode into a local and waits, under the deadlock
 * detector's monitor, only {@code if ((m & NOWAIT) == 0)}. So the table's monitor is never held while the detector's is
 * wanted, and the other order ({@code Detector.look} holds the detector and counts a table's locks) closes no cycle.
 * The real shape: Derby's {@code Xact.reached} (under the lock space's monitor) opening a container with mode 196,
 * which includes {@code MODE_LOCK_NOWAIT} = 128, so the lock request never reaches {@code Deadlock.class}. The same
 * request without {@code NOWAIT} is {@code ConstantMaskDeadlock}.
 */
public class ConstantMaskLookAlike {
    static final int FOR_UPDATE = 4;
    static final int NOWAIT = 128;

    /** The deadlock detector: inspects the tables under its own monitor. */
    public static final class Detector {
        public synchronized int look(Table table) {
            return table.count();
        }
    }

    /** A lock table: escalation under its monitor never waits. */
    public static final class Table {
        private final Detector detector;
        private int locks;

        public Table(Detector detector) {
            this.detector = detector;
        }

        synchronized int count() {
            return locks;
        }

        public synchronized void escalate() {
            locks++;
            request(FOR_UPDATE | NOWAIT);
        }

        public void lockWaiting() {
            request(FOR_UPDATE);
        }

        void request(int mode) {
            int m = mode;
            if ((m & NOWAIT) == 0) {
                detector.look(this);
            }
        }
    }
}
