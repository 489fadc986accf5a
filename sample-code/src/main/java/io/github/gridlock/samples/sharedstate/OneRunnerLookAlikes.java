package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Safe look-alikes for the counter codes (GL_UNSYNCHRONIZED_COUNTER, GL_SPLIT_READ_MODIFY_WRITE): code that one
 * thread runs per object, and writes that store back the value they read. None of them loses an update.
 */
public class OneRunnerLookAlikes {

    /**
     * A {@code Thread} subclass created at several places: each {@code new} is another thread with its own fields, and
     * the helpers its {@code run()} calls update {@code this}, the object of the one thread running it (ZooKeeper's
     * {@code QuorumPeer.run} → {@code Observer.observeLeader} → {@code nextObserverMaster++}).
     */
    public static class Rotator extends Thread {
        private final List<String> masters = new ArrayList<>(List.of("a", "b", "c"));
        private int next;
        private long rounds;

        @Override
        public void run() {
            while (!isInterrupted()) {
                connect(pick());
            }
        }

        private String pick() {
            if (next >= masters.size()) {
                next = 0;
            }
            return masters.get(next++);
        }

        private void connect(String master) {
            rounds += master.length();
        }
    }

    public static Rotator primary() {
        Rotator r = new Rotator();
        r.start();
        return r;
    }

    public static Rotator standby() {
        Rotator r = new Rotator();
        r.setDaemon(true);
        r.start();
        return r;
    }

    /**
     * A {@code Runnable} per connection, each given to a thread of its own in the accept loop: the session's state is
     * its own (H2's {@code PgServerThread}, one per client socket).
     */
    static final class Session implements Runnable {
        private int requests;

        @Override
        public void run() {
            for (int i = 0; i < 3; i++) {
                handle();
            }
        }

        private void handle() {
            requests++;
        }
    }

    public static void serve(int clients) {
        for (int i = 0; i < clients; i++) {
            new Thread(new Session()).start();
        }
    }

    private boolean reuseSpace = true;
    private Object cached;

    public boolean isReuseSpace() {
        return reuseSpace;
    }

    public void setReuseSpace(boolean reuse) {
        reuseSpace = reuse;
    }

    /**
     * A save and restore around a call (H2's {@code SingleFileStore.backup}): the value written back is the one read,
     * not one computed from it, so nothing is read-modify-written.
     */
    public void backup(Runnable copy) {
        boolean before = isReuseSpace();
        setReuseSpace(false);
        try {
            copy.run();
        } finally {
            setReuseSpace(before);
        }
    }

    /** Keep or replace: the value written back is the one read, or a new one (H2's {@code PgServerThread.executeQuery}). */
    public Object cachedOr(Supplier<Object> create) {
        Object value = cached;
        if (value == null) {
            value = create.get();
        }
        cached = value;
        return value;
    }

    public void startBackups(Runnable copy) {
        new Thread(() -> backup(copy)).start();
        new Thread(() -> cachedOr(Object::new)).start();
    }

    public void clearCache() {
        cached = null;
    }
}
