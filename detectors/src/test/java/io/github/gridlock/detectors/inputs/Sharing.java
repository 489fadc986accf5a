package io.github.gridlock.detectors.inputs;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Inputs for the shared-field fact: {@code // threads: RUNNERS / shared|unshared} on a field access gives the
 * threads that may run it ({@code NAME once|concurrent} per thread entry, by name prefix, and {@code callers}) and
 * whether a write of the same field may run at the same time on another thread (the callers' threads counted as one).
 */
@SuppressWarnings("unused")
public class Sharing {
    private int twoEntries;
    private int inLoop;
    private int joined;
    private int configured;
    private int viaHelper;
    private int apiOnly;
    private int withCallers;
    private int beforeJoin;
    private int submitted;
    private static int total;
    private int onEventThread;
    private int eventOrPool;
    private final java.util.Timer timer = new java.util.Timer(true);
    private int onTimer;

    void twoEntries() {
        new Thread(() -> {
            twoEntries++; // threads: lambda$twoEntries once / shared
        }).start();
        new Thread(() -> {
            twoEntries = 0; // threads: lambda$twoEntries once / shared
        }).start();
    }

    void inLoop(ExecutorService pool, List<String> items) {
        for (String s : items) {
            pool.execute(() -> {
                inLoop += s.length(); // threads: lambda$inLoop concurrent / shared
            });
        }
    }

    public int joinedAfter() throws InterruptedException {
        Thread worker = new Thread(() -> {
            joined++; // threads: lambda$joinedAfter once / unshared
        });
        worker.start();
        worker.join();
        return joined; // threads: callers / unshared
    }

    public int readBeforeJoin() throws InterruptedException {
        Thread worker = new Thread(() -> {
            beforeJoin++; // threads: lambda$readBeforeJoin once / unshared
        });
        worker.start();
        int seen = beforeJoin; // threads: callers / shared
        worker.join();
        return seen;
    }

    public void configuredBeforeStart(int n) {
        configured = n; // threads: callers / unshared
        Thread worker = new Thread(() -> System.out.println(configured)); // threads: lambda$configuredBeforeStart once / unshared
        worker.start();
    }

    public void helperBeforeStart() {
        prepare();
        new Thread(() -> System.out.println(viaHelper)).start(); // threads: lambda$helperBeforeStart once / unshared
    }

    private void prepare() {
        viaHelper = 42; // threads: callers / unshared
    }

    public void apiOnly() {
        apiOnly++; // threads: callers / unshared
    }

    public void startCounting() {
        new Thread(this::count).start();
    }

    private void count() {
        withCallers++; // threads: count once / shared
    }

    public void reset() {
        withCallers = 0; // threads: callers / shared
    }

    public Object submitAndGet(ExecutorService pool) throws Exception {
        Future<?> f = pool.submit(() -> {
            submitted++; // threads: lambda$submitAndGet once / unshared
        });
        f.get();
        return submitted; // threads: callers / unshared
    }

    /** A task object per thread: its own counter is not shared between the two runs. */
    static final class PerRunTask implements Runnable {
        private int done;

        @Override
        public void run() {
            done++; // threads: run concurrent / unshared
            total++; // threads: run concurrent / shared
        }
    }

    void perRunTasks() {
        new Thread(new PerRunTask()).start();
        new Thread(new PerRunTask()).start();
    }

    /** One task object given to two threads: both increment the same field. */
    static final class SharedTask implements Runnable {
        private int done;

        @Override
        public void run() {
            done++; // threads: run concurrent / shared
        }
    }

    void sharedTask() {
        SharedTask task = new SharedTask();
        new Thread(task).start();
        new Thread(task).start();
    }

    /** invokeLater runs every task on the one event dispatch thread: the two never overlap, nor does the asserting method. */
    void eventThreadTasks() {
        javax.swing.SwingUtilities.invokeLater(() -> {
            onEventThread++; // threads: lambda$eventThreadTasks once / unshared
        });
        javax.swing.SwingUtilities.invokeLater(() -> {
            onEventThread--; // threads: lambda$eventThreadTasks once / unshared
        });
    }

    public void assertsEventThread() {
        assert javax.swing.SwingUtilities.isEventDispatchThread();
        onEventThread = 0; // threads: callers / unshared
    }

    /** One task on the event thread, one on a pool: these overlap. */
    void eventThreadAndPool(ExecutorService pool) {
        javax.swing.SwingUtilities.invokeLater(() -> {
            eventOrPool++; // threads: lambda$eventThreadAndPool once / shared
        });
        pool.execute(() -> {
            eventOrPool--; // threads: lambda$eventThreadAndPool once / shared
        });
    }

    /** A Timer runs all its tasks on its one thread, one after the other: the two never overlap. */
    void timerTasks() {
        timer.schedule(new java.util.TimerTask() {
            @Override
            public void run() {
                onTimer++; // threads: run once / unshared
            }
        }, 1L);
        timer.schedule(new java.util.TimerTask() {
            @Override
            public void run() {
                onTimer--; // threads: run once / unshared
            }
        }, 1L);
    }

    /** The "yes" side of an own-thread check runs on that thread, like the task queued for it. */
    public void onEventThreadOrLater() {
        if (javax.swing.SwingUtilities.isEventDispatchThread()) {
            onEventThread += 2; // threads: callers / unshared
        } else {
            javax.swing.SwingUtilities.invokeLater(() -> {
                onEventThread += 3; // threads: lambda$onEventThreadOrLater once / unshared
            });
        }
    }

    /** A thread per {@code new}; each run makes its own tally and keeps it in a field of its own object. */
    static final class Tallier extends Thread {
        private OwnTally tally;

        @Override
        public void run() {
            tally = new OwnTally();
            tally.add();
        }
    }

    static final class OwnTally {
        private int count;

        void add() {
            count++; // threads: run concurrent / unshared
        }
    }

    void twoTalliers() {
        new Tallier().start();
        new Tallier().start();
    }

    /** The twin: every run adds to the one tally of a static field. */
    static final class CommonTallier extends Thread {
        static final CommonTally TALLY = new CommonTally();

        @Override
        public void run() {
            TALLY.add();
        }
    }

    static final class CommonTally {
        private int count;

        void add() {
            count++; // threads: run concurrent / shared
        }
    }

    void twoCommonTalliers() {
        new CommonTallier().start();
        new CommonTallier().start();
    }

    /** A public method of a class outside code can hold no reference of: only the lambda runs it. */
    static final class Hidden {
        private int hits;

        Hidden() {
        }

        public void hit() {
            hits++; // threads: lambda$hitHidden once / unshared
        }
    }

    void hitHidden() {
        Hidden h = new Hidden();
        new Thread(() -> h.hit()).start();
    }

    /** The twin: a public class with a public constructor, so the callers may run {@code hit()} too. */
    public static final class Shown {
        private int hits;

        public void hit() {
            hits++; // threads: callers, lambda$hitShown once / shared
        }
    }

    void hitShown() {
        Shown h = new Shown();
        new Thread(() -> h.hit()).start();
    }
}
