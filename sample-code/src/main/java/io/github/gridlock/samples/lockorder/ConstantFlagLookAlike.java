package io.github.gridlock.samples.lockorder;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a mode bit turned into a flag, the flag into a timeout, and the
 * timeout tested by a helper, three calls down, before the lock. {@code Space.escalate} holds the lock space and opens
 * with {@code FOR_UPDATE | NOWAIT}; {@code open} keeps {@code (mode & NOWAIT) == 0} in a boolean, {@code lockContainer}
 * passes {@code wait ? -2 : 0}, and {@code lockObject} returns when {@code noLockWait(timeout)} says the request must
 * not wait, before it takes the deadlock detector's monitor. With {@code NOWAIT} set the timeout is 0, so the lock
 * space is never held while the detector is wanted, and the other order ({@code Detector.look} holds the detector and
 * counts a space's locks) closes no cycle. The real shape: Derby's {@code Xact.reached} opening a container with mode
 * 196 ({@code BaseDataFileFactory.openContainer}'s {@code waitForLock}, {@code ContainerLocking3.lockContainer}'s
 * {@code waitForLock ? -2 : 0}, {@code ConcurrentLockSet.lockObject}'s {@code noLockWait(timeout, space)}). The same
 * open without {@code NOWAIT} is {@code ConstantFlagDeadlock}.
 */
public class ConstantFlagLookAlike {
    static final int FOR_UPDATE = 4;
    static final int NOWAIT = 128;

    /** The deadlock detector: inspects the lock spaces under its own monitor. */
    public static final class Detector {
        public synchronized int look(Space space) {
            return space.count();
        }
    }

    /** A lock space: escalation under its monitor opens without waiting. */
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
            open(FOR_UPDATE | NOWAIT);
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
