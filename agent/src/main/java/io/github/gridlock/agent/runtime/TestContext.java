package io.github.gridlock.agent.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which test a thread works for, so that a finding blames the test whose thread created the cycle's closing edge,
 * even when tests run in parallel. The JUnit extension sets it on the test's thread for the duration of the test;
 * a thread started by a tagged thread inherits it ({@link LockHooks#start}); a task submitted by a tagged thread to
 * an executor is wrapped (a CompletableFuture's task always is, by {@link AsyncTask}) so that the thread running it carries the tag while it runs. No
 * task is ever wrapped by an untagged thread, so outside tests nothing changes.
 */
final class TestContext {
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** Tests running now (with how many threads began each: normally 1). */
    private static final Map<String, Integer> ACTIVE = new HashMap<>();

    private TestContext() {
    }

    static String begin(ThreadState ts, String test) {
        String previous = ts.shared.test;
        ts.shared.test = test;
        LOCK.lock();
        try {
            ACTIVE.merge(test, 1, Integer::sum);
        } finally {
            LOCK.unlock();
        }
        return previous;
    }

    static void end(ThreadState ts, String test, String previous) {
        ts.shared.test = previous;
        LOCK.lock();
        try {
            ACTIVE.computeIfPresent(test, (k, n) -> n > 1 ? n - 1 : null);
        } finally {
            LOCK.unlock();
        }
    }

    /** The test to blame for a finding made on an untagged thread: the only test running, else none. */
    static String soleActive() {
        LOCK.lock();
        try {
            return ACTIVE.size() == 1 ? ACTIVE.keySet().iterator().next() : null;
        } finally {
            LOCK.unlock();
        }
    }

    /** Runs {@code body} with the current thread tagged {@code test}, then restores its own tag. */
    private abstract static class Tagged {
        final String test;

        Tagged(String test) {
            this.test = test;
        }

        final String enter() {
            ThreadState ts = LockHooks.stateOrNull();
            if (ts == null) {
                return null;
            }
            String previous = ts.shared.test;
            ts.shared.test = test;
            return previous;
        }

        final void exit(String previous) {
            ThreadState ts = LockHooks.stateOrNull();
            if (ts != null) {
                ts.shared.test = previous;
            }
        }
    }

    static final class TaggedRunnable extends Tagged implements Runnable {
        private final Runnable task;

        TaggedRunnable(Runnable task, String test) {
            super(test);
            this.task = task;
        }

        @Override
        public void run() {
            String previous = enter();
            try {
                task.run();
            } finally {
                exit(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    static final class TaggedCallable<V> extends Tagged implements Callable<V> {
        private final Callable<V> task;

        TaggedCallable(Callable<V> task, String test) {
            super(test);
            this.task = task;
        }

        @Override
        public V call() throws Exception {
            String previous = enter();
            try {
                return task.call();
            } finally {
                exit(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Collection<?> callables(Collection<?> tasks, String test) {
        List<Callable<?>> r = new ArrayList<>(tasks.size());
        for (Object o : tasks) {
            r.add(o == null ? null : new TaggedCallable((Callable) o, test));
        }
        return r;
    }
}
