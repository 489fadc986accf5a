package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.List;

/**
 * Safe look-alikes for GL_INCONSISTENT_GUARD: fields written under a lock but read without it where that is
 * correct: a lock-free read of a {@code volatile} field (the catalog's explicit exception), accesses in the
 * constructor before the object is shared, and a {@code final} field whose reference never changes (the
 * list itself is only touched under the lock).
 */
public class GuardLookAlikes {

    private final Object lock = new Object();

    @GuardedBy("lock")
    private volatile String status;

    @GuardedBy("lock")
    private final List<String> history;

    public GuardLookAlikes(String initial) {
        this.status = initial;
        this.history = new ArrayList<>();
        this.history.add(initial);
    }

    public void update(String next) {
        synchronized (lock) {
            history.add(next);
            status = next;
        }
    }

    public List<String> history() {
        synchronized (lock) {
            return new ArrayList<>(history);
        }
    }

    public String status() {
        return status;
    }
}
