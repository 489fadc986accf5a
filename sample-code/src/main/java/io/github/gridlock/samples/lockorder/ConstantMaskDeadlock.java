package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION through a lock a callee takes when a bit of its mode argument is clear, and a caller that
 * passes a constant mode without that bit: {@code Table.escalate} holds the table and requests with
 * {@code FOR_UPDATE} alone, so {@code request} waits under the deadlock detector's monitor; {@code Detector.look}
 * holds the detector and counts the table's locks. Two threads deadlock. With {@code NOWAIT} set the request never
 * waits ({@code ConstantMaskLookAlike}).
 */
public class ConstantMaskDeadlock {
    static final int FOR_UPDATE = 4;
    static final int NOWAIT = 128;

    /** The deadlock detector: inspects the tables under its own monitor. */
    public static final class Detector {
        public synchronized int look(Table table) {
            return table.count(); // expect: GL_LOCK_ORDER_INVERSION
        }
    }

    /** A lock table: escalation under its monitor may wait. */
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
            request(FOR_UPDATE);
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
