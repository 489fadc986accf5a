package io.github.gridlock.detectors.suppression;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

/** Lock-order cycles with suppressions where users put them; see {@code SuppressionTest}. */
@SuppressWarnings("unused")
final class SuppressionInputs {
    private SuppressionInputs() {
    }

    /** The control: a cycle nobody suppresses. */
    static final class Unsuppressed {
        static final Object A = new Object();
        static final Object B = new Object();

        void ab() {
            synchronized (A) {
                synchronized (B) {
                    A.hashCode();
                }
            }
        }

        void ba() {
            synchronized (B) {
                synchronized (A) {
                    B.hashCode();
                }
            }
        }
    }

    /** Suppressed on the method SpotBugs would not call primary (the later edge). */
    static final class OnTheOtherMethod {
        static final Object A = new Object();
        static final Object B = new Object();

        void ab() {
            synchronized (A) {
                synchronized (B) {
                    A.hashCode();
                }
            }
        }

        @SuppressFBWarnings(value = "GL_LOCK_ORDER_INVERSION", justification = "the callers are serialised elsewhere")
        void ba() {
            synchronized (B) {
                synchronized (A) {
                    B.hashCode();
                }
            }
        }
    }

    /** Suppressed on both methods, one by prefix: neither suppression may be reported as useless. */
    static final class OnBothMethods {
        static final Object A = new Object();
        static final Object B = new Object();

        @SuppressFBWarnings(value = "GL_LOCK", justification = "test")
        void ab() {
            synchronized (A) {
                synchronized (B) {
                    A.hashCode();
                }
            }
        }

        @SuppressFBWarnings(value = "GL_LOCK_ORDER_INVERSION", justification = "test")
        void ba() {
            synchronized (B) {
                synchronized (A) {
                    B.hashCode();
                }
            }
        }
    }

    /** A suppression of something else does not hide the cycle. */
    static final class OtherSuppression {
        static final Object A = new Object();
        static final Object B = new Object();

        @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "test")
        void ab() {
            synchronized (A) {
                synchronized (B) {
                    A.hashCode();
                }
            }
        }

        void ba() {
            synchronized (B) {
                synchronized (A) {
                    B.hashCode();
                }
            }
        }
    }

    /** The sleep is SpotBugs' SWL_SLEEP_WITH_LOCK_HELD too; its suppression silences Gridlock's finding there. */
    static final class CoreSuppressionOfASleep {
        private int n;

        @SuppressFBWarnings(value = "SWL_SLEEP_WITH_LOCK_HELD", justification = "test")
        synchronized void pace() throws InterruptedException {
            n++;
            Thread.sleep(10);
        }

        synchronized int count() {
            return n;
        }
    }

    /** One blocking root cause reached from two methods; the suppression sits on the second. */
    static final class BlockingSuppressedOnAnotherPath {
        private final Object lock = new Object();
        private int n;

        private static void throttle() throws InterruptedException {
            Thread.sleep(10);
        }

        void first() throws InterruptedException {
            synchronized (lock) {
                n++;
                throttle();
            }
        }

        @SuppressFBWarnings(value = "GL_BLOCKING_WHILE_LOCKED", justification = "test")
        void second() throws InterruptedException {
            synchronized (lock) {
                n--;
                throttle();
            }
        }
    }

    /** The control for blocking: the same shape, unsuppressed. */
    static final class BlockingUnsuppressed {
        private final Object lock = new Object();
        private int n;

        void first() throws InterruptedException {
            synchronized (lock) {
                n++;
                Thread.sleep(10);
            }
        }

        void second() {
            synchronized (lock) {
                n--;
            }
        }
    }
}
