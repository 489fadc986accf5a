package io.github.gridlock.detectors.inputs;

/**
 * Inputs for field facts: {@code // callers hold: a, b} on the first line of a helper gives the locks every
 * caller holds around its calls; {@code // guard: lock} gives the lock the field's {@code @GuardedBy} names for
 * the access on that line; {@code // around: closed: a | analysed: b} gives the locks held around every call of a
 * method outside code cannot call (package-private too), around every call in the analysed code of any method, and
 * (unnamed) around every call of a method outside code cannot call or a protected one, a lock it cannot name as {@code ?}.
 */
@SuppressWarnings("unused")
public class Fields {
    @interface GuardedBy {
        String value();
    }

    private static final Object STATIC_LOCK = new Object();
    private final Object lock = new Object();
    @GuardedBy("lock")
    private int guarded;
    @GuardedBy("this")
    private int byThis;
    @GuardedBy("Fields.class")
    private static int byClass;
    @GuardedBy("STATIC_LOCK")
    private static int byStatic;
    @GuardedBy("getLock()")
    private int byGetter;
    private int plain;

    Object getLock() {
        return lock;
    }

    void update() {
        synchronized (lock) {
            bumpLocked();
            guarded++; // guard: this.lock
        }
    }

    void updateAgain() {
        synchronized (lock) {
            synchronized (STATIC_LOCK) {
                bumpLocked();
            }
        }
    }

    private void bumpLocked() {
        plain++; // callers hold: this.lock
    }

    void unlockedCall() {
        sometimesLocked();
        synchronized (lock) {
            sometimesLocked();
        }
    }

    private void sometimesLocked() {
        plain--; // callers hold:
    }

    public void publicHelper() {
        plain += 2; // callers hold:
    }

    void callsPublic() {
        synchronized (lock) {
            publicHelper();
        }
    }

    void lambdaUnderLock() {
        synchronized (lock) {
            Runnable r = () -> {
                plain = 7; // callers hold: this.lock
            };
            r.run();
        }
    }

    synchronized void guards() {
        byThis++; // guard: this
        byClass++; // guard: Fields.class
        byStatic++; // guard: Fields.STATIC_LOCK
        byGetter++; // guard: this.lock
    }

    Fields() {
        packagePrivateHelper(); // on the object under construction: not a call another thread can make
    }

    void lockedCallsOfPackagePrivate() {
        synchronized (lock) {
            packagePrivateHelper();
        }
    }

    void packagePrivateHelper() {
        plain += 3; // around: closed: this.lock | analysed: this.lock | unnamed: this.lock
    }

    public void publicLockedByKnownCallers() {
        plain += 4; // around: closed:  | analysed: this.lock | unnamed:
    }

    void callsPublicLocked() {
        synchronized (lock) {
            publicLockedByKnownCallers();
        }
    }

    public void publicUnderCallersOwnLock() {
        plain += 5; // around: closed:  | analysed: ? | unnamed:
    }

    static void callsUnderItsOwnLock(Fields other, Object pool) {
        synchronized (pool) {
            other.publicUnderCallersOwnLock();
        }
    }

    static void callsUnderAnUnnamedLock(Fields other, Object pool) {
        synchronized (pool) {
            other.packagePrivateUnderUnnamedLock();
        }
    }

    void packagePrivateUnderUnnamedLock() {
        plain += 7; // around: closed:  | analysed: ? | unnamed: ?
    }

    void callsProtectedLocked() {
        synchronized (lock) {
            protectedHelper();
        }
    }

    protected void protectedHelper() {
        plain += 8; // around: closed:  | analysed: this.lock | unnamed: this.lock
    }

    void packagePrivateCalledUnlockedToo() {
        plain += 6; // around: closed:  | analysed:  | unnamed:
    }

    void oneLockedOneNot() {
        packagePrivateCalledUnlockedToo();
        synchronized (lock) {
            packagePrivateCalledUnlockedToo();
        }
    }
}
