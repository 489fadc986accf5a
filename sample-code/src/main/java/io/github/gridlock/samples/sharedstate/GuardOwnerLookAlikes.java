package io.github.gridlock.samples.sharedstate;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_INCONSISTENT_GUARD: the lock is held, or no other thread can see the object yet, though
 * the access itself shows neither.
 * <ul>
 * <li>{@link HostList}: a private {@code init} only the constructors call (ZooKeeper's {@code StaticHostProvider.init});</li>
 * <li>{@link Searcher}: a private helper called by the constructor and by a {@code synchronized} method (H2's
 * {@code FullTextLucene.IndexAccess.initializeSearcher});</li>
 * <li>{@link Ring}: a constructor that links a sentinel it has just created (H2's {@code CacheLongKeyLIRS.Segment});</li>
 * <li>{@link Partitions}: a private setter of a state object, called only from {@code synchronized} methods of the
 * object that looks the state up (Kafka's {@code SubscriptionState.TopicPartitionState.highWatermark});</li>
 * <li>{@link SharedCallback}: the outer object's lock around a field of its inner-class object, which the inner class
 * itself names {@code this$0.lock} (Jetty's {@code SharedBlockingCallback.Blocker});</li>
 * <li>{@link Settings}: a {@code volatile} setting written in one store, read under the lock (H2's
 * {@code Database.setCloseDelay});</li>
 * <li>{@link ContentSource}: a protected {@code locked*} helper every analysed caller calls with the lock held; a
 * subclass is assumed to call it the same way (Jetty's {@code ByteChannelContentSource.lockedSetTerminal});</li>
 * <li>{@link Rescheduler}: a {@code @GuardedBy} field written by a private helper whose only caller is annotated
 * {@code @GuardedBy}: the contract passes through the helper (Guava's {@code access$} bridge of
 * {@code SupplantableFuture.currentFuture}).</li>
 * </ul>
 */
public final class GuardOwnerLookAlikes {

    private GuardOwnerLookAlikes() {
    }

    public static final class HostList {
        private String[] hosts;
        private int current;

        public HostList(String[] hosts) {
            init(hosts);
        }

        public HostList() {
            init(new String[] {"localhost"});
        }

        private void init(String[] given) {
            hosts = given.clone();
            current = 0;
        }

        public synchronized String next() {
            current = (current + 1) % hosts.length;
            return hosts[current];
        }

        public synchronized int size() {
            return hosts.length;
        }

        public synchronized void replace(String[] given) {
            hosts = given.clone();
            current = 0;
        }
    }

    public static final class Searcher {
        private Object searcher;

        public Searcher() {
            open();
        }

        private void open() {
            searcher = new Object();
        }

        public synchronized Object get() {
            if (searcher == null) {
                open();
            }
            return searcher;
        }

        public synchronized void close() {
            searcher = null;
        }

        public synchronized boolean isOpen() {
            return searcher != null;
        }
    }

    public static final class Ring {
        private final Node head;

        public Ring() {
            head = new Node();
            head.next = head;
            head.prev = head;
        }

        public synchronized void add(Node n) {
            n.next = head.next;
            n.prev = head;
            head.next.prev = n;
            head.next = n;
        }

        public synchronized void remove(Node n) {
            n.prev.next = n.next;
            n.next.prev = n.prev;
        }
    }

    public static final class Node {
        Node next;
        Node prev;
    }

    public static final class Partitions {
        private final Map<String, State> states = new HashMap<>();

        public synchronized void update(String partition, long mark) {
            stateOf(partition).setMark(mark);
        }

        public synchronized void lower(String partition, long mark) {
            State s = stateOf(partition);
            if (s.mark == null || s.mark > mark) {
                s.setMark(mark);
            }
        }

        public synchronized long lag(String partition, long position) {
            State s = stateOf(partition);
            return s.mark == null ? 0 : s.mark - position;
        }

        private State stateOf(String partition) {
            return states.computeIfAbsent(partition, k -> new State());
        }
    }

    static final class State {
        private Long mark;

        private void setMark(long value) {
            mark = value;
        }
    }

    public static final class SharedCallback {
        private final ReentrantLock lock = new ReentrantLock();
        private final Blocker blocker = new Blocker();

        public Blocker acquire() {
            lock.lock();
            try {
                blocker.state = 1;
                return blocker;
            } finally {
                lock.unlock();
            }
        }

        public final class Blocker {
            private int state;

            public void succeeded() {
                lock.lock();
                try {
                    state = 2;
                } finally {
                    lock.unlock();
                }
            }

            public void failed() {
                lock.lock();
                try {
                    state = 3;
                } finally {
                    lock.unlock();
                }
            }

            public int state() {
                lock.lock();
                try {
                    return state;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    public static final class Settings {
        private volatile int closeDelay;
        private int sessions;

        public void setCloseDelay(int delay) {
            closeDelay = delay;
        }

        public synchronized boolean closeNow() {
            return sessions == 0 && closeDelay == 0;
        }

        public synchronized int delay() {
            return closeDelay;
        }

        public synchronized void leave() {
            sessions--;
            if (closeDelay < 0) {
                sessions = 0;
            }
        }
    }

    public static class ContentSource {
        private final ReentrantLock lock = new ReentrantLock();
        private String terminal;

        public String read() {
            lock.lock();
            try {
                if (terminal == null) {
                    lockedSetTerminal("eof");
                }
                return terminal;
            } finally {
                lock.unlock();
            }
        }

        public void fail(Throwable failure) {
            lock.lock();
            try {
                lockedSetTerminal(String.valueOf(failure));
            } finally {
                lock.unlock();
            }
        }

        public boolean isTerminal() {
            lock.lock();
            try {
                return terminal != null;
            } finally {
                lock.unlock();
            }
        }

        /** Callers hold {@code lock}. */
        protected void lockedSetTerminal(String value) {
            terminal = value;
        }
    }

    public static final class Rescheduler {
        private final Object lock = new Object();
        @GuardedBy("lock")
        private Object current;

        public void schedule(Object next) {
            synchronized (lock) {
                current = next;
            }
        }

        public Object current() {
            synchronized (lock) {
                return current;
            }
        }

        /** Called by the package's scheduler with {@code lock} held, as its annotation says. */
        @GuardedBy("lock")
        void replace(Object next) {
            store(next);
        }

        private void store(Object next) {
            current = next;
        }
    }
}
