package io.github.gridlock.samples.sharedstate;

// sample-release: 8

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * A look-alike for GL_INCONSISTENT_GUARD, compiled for Java 8 by the detector tests (the marker above) as Guava's
 * {@code SequentialExecutor} is: the {@code @GuardedBy("queue")} field {@code state} is read and written by the inner
 * {@code Worker} under {@code synchronized (queue)}, and javac routes those accesses through synthetic static
 * accessors ({@code static State access$000(AccessorGuardLookAlikes o) { return o.state; }}). Each call of an accessor
 * is the access, made where it is called and under the caller's lock; the accessor's own field instruction, with no
 * lock and a parameter for its object, is no access of its own. (Compiled with nestmates, as the sample-code module
 * compiles it, the worker reads the field directly: safe either way.) The annotation is declared here so that the
 * file compiles on its own for Java 8.
 */
public class AccessorGuardLookAlikes {
    /** Detectors know a {@code GuardedBy} by its simple name. */
    @Retention(RetentionPolicy.CLASS)
    @interface GuardedBy {
        String value();
    }

    enum State { IDLE, QUEUED, RUNNING }

    private final Executor executor;
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final Worker worker = new Worker();

    @GuardedBy("queue")
    private State state = State.IDLE;

    public AccessorGuardLookAlikes(Executor executor) {
        this.executor = executor;
    }

    public void execute(Runnable task) {
        synchronized (queue) {
            queue.add(task);
            if (state != State.IDLE) {
                return;
            }
            state = State.QUEUED;
        }
        executor.execute(worker);
    }

    /** Drains the queue on the executor's thread; its accesses of {@code state} go through javac's accessors. */
    private final class Worker implements Runnable {
        @Override
        public void run() {
            while (true) {
                Runnable next;
                synchronized (queue) {
                    if (state == State.RUNNING && queue.isEmpty()) {
                        state = State.IDLE;
                        return;
                    }
                    state = State.RUNNING;
                    next = queue.poll();
                }
                if (next != null) {
                    next.run();
                }
            }
        }
    }
}
