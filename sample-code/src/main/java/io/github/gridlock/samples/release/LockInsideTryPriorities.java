package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_INSIDE_TRY, the two priorities. A JDK {@code ReentrantLock}'s plain {@code lock()} as the first statement
 * of the {@code try} (Kafka's {@code FetchBuffer} style: a {@code Lock} field set to {@code new ReentrantLock()})
 * fails only with an {@link Error}: literally the mistake, harmless in practice, low. A {@code Lock} handed in from
 * outside is an implementation nobody here knows; its {@code lock()} may throw anything, and the {@code finally}
 * then hides that exception behind {@code IllegalMonitorStateException}: normal.
 *
 * @see LockInsideTryFixed
 */
public class LockInsideTryPriorities {

    private final Lock own = new ReentrantLock();
    private final Lock supplied;
    private final List<String> log = new ArrayList<>();

    public LockInsideTryPriorities(Lock supplied) {
        this.supplied = supplied;
    }

    public void appendOwn(String line) {
        try {
            own.lock(); // expect-low: GL_LOCK_INSIDE_TRY
            log.add(line);
        } finally {
            own.unlock();
        }
    }

    public void appendSupplied(String line) {
        try {
            supplied.lock(); // expect: GL_LOCK_INSIDE_TRY
            log.add(line);
        } finally {
            supplied.unlock();
        }
    }
}
