package io.github.gridlock.detectors.inputs;

import java.util.List;
import java.util.function.Supplier;

/**
 * Inputs for lambdas and execute-around: each {@code // runs:} marker names a method the line runs on the
 * calling thread (by name prefix) and the locks held when it runs, in the caller's terms.
 */
@SuppressWarnings("unused")
public class Lambdas {
    private final Object lock = new Object();
    private final Object index = new Object();
    private int n;

    void underLock(Runnable body) {
        synchronized (lock) {
            body.run();
        }
    }

    void viaHelper(Runnable body) {
        underLock(body);
    }

    <T> T compute(Supplier<T> body) {
        synchronized (index) {
            return body.get();
        }
    }

    void touchIndex() {
        synchronized (index) {
            n++;
        }
    }

    void executeAround() {
        underLock(() -> touchIndex()); // runs: lambda$executeAround held: this.lock
    }

    void twoLevels() {
        viaHelper(() -> touchIndex()); // runs: lambda$twoLevels held: this.lock
    }

    void methodReference() {
        underLock(this::touchIndex); // runs: touchIndex held: this.lock
    }

    void anonymousClass() {
        underLock(new Runnable() { // runs: run held: this.lock
            @Override
            public void run() {
                touchIndex();
            }
        });
    }

    void localLambda() {
        Runnable r = () -> touchIndex();
        synchronized (lock) {
            r.run(); // runs: lambda$localLambda held: this.lock
        }
    }

    void jdkForEach(List<String> xs) {
        synchronized (lock) {
            xs.forEach(x -> touchIndex()); // runs: lambda$jdkForEach held: this.lock
        }
    }

    int supplier() {
        return compute(() -> n + 1); // runs: lambda$supplier held: this.index
    }

    void captured(Object other) {
        underLock(() -> {
            synchronized (other) {
                n++;
            }
        });
    }

    void notRunHere() {
        Runnable r = () -> touchIndex();
        n++;
    }
}
