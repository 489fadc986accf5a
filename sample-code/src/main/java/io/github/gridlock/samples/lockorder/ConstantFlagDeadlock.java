package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION through a mode bit turned into a flag, the flag into a timeout, and the timeout tested by a
 * helper before the lock, when the caller's constant mode lacks the bit: {@code Space.escalate} holds the lock space
 * and opens with {@code FOR_UPDATE} alone, so the request waits under the deadlock detector's monitor;
 * {@code Detector.look} holds the detector and counts the space's locks. Two threads deadlock. With {@code NOWAIT} set
 * the request never waits ({@code ConstantFlagLookAlike}).
 */
public class ConstantFlagDeadlock {
    static final int FOR_UPDATE = 4;
    static final int NOWAIT = 128;

    /** The deadlock detector: inspects the lock spaces under its own monitor. */
    public static final class Detector {
        public synchronized int look(Space space) {
            return space.count(); // expect: GL_LOCK_ORDER_INVERSION
        }
    }

    /** A lock space: escalation under its monitor may wait. */
    public static final class Space {
        private final Detector detector;
        private int locks;

        public Space(Detector detector) {
            this.detector = detector;
        }

        synchronized int count() {
            return locks;
        }

        public synchronized void escalate() {
            locks++;
            open(FOR_UPDATE);
        }

        public void openWaiting() {
            open(FOR_UPDATE);
        }

        void open(int mode) {
            boolean wait = (mode & NOWAIT) == 0;
            lockContainer(wait);
        }

        void lockContainer(boolean wait) {
            lockObject(wait ? -2 : 0);
        }

        void lockObject(int timeout) {
            if (noLockWait(timeout)) {
                return;
            }
            detector.look(this);
        }

        static boolean noLockWait(int timeout) {
            return timeout == 0;
        }
    }
}
