package io.github.gridlock.samples.lockorder;

import java.util.Enumeration;
import java.util.Hashtable;

/**
 * Safe look-alikes for GL_LOCK_ORDER_INVERSION: a virtual call whose declared type has an implementation that takes
 * the other lock, on a receiver whose value can only be one that does not. Each pair of classes would be a cycle if
 * the call could run the locking implementation (as it was, at low priority, before receivers were typed by where
 * their value comes from). Not reported.
 */
public class ReceiverProvenanceLookAlikes {

    public interface Sink {
        void put(String s);
    }

    /** Takes the monitor of a ledger: the implementation that would close every cycle below. */
    public static final class LedgerSink implements Sink {
        private final Ledger ledger;

        public LedgerSink(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public void put(String s) {
            ledger.record(s);
        }
    }

    /** Takes no lock. */
    public static final class ConsoleSink implements Sink {
        @Override
        public void put(String s) {
            System.out.println(s);
        }
    }

    /** Every return is a new ConsoleSink. */
    public static final class Sinks {
        private Sinks() {
        }

        public static Sink console() {
            return new ConsoleSink();
        }
    }

    public static final class Ledger {
        private final Object owner;

        public Ledger(Object owner) {
            this.owner = owner;
        }

        public synchronized void record(String s) {
            System.out.println(s);
        }

        /** Holds the ledger, then takes the owner's monitor (every owner below has a synchronized publish()). */
        public synchronized void close() {
            if (owner instanceof FieldOwner) {
                ((FieldOwner) owner).publish();
            } else if (owner instanceof FactoryOwner) {
                ((FactoryOwner) owner).publish();
            } else if (owner instanceof LocalOwner) {
                ((LocalOwner) owner).publish();
            } else if (owner instanceof TableOwner) {
                ((TableOwner) owner).publish();
            }
        }
    }

    /** The field is only ever assigned a new ConsoleSink (and null). */
    public static final class FieldOwner {
        private Sink sink = new ConsoleSink();

        public synchronized void publish() {
            if (sink != null) {
                sink.put("field");
            }
        }

        public synchronized void reset() {
            sink = null;
        }
    }

    /** The field is assigned from a factory method whose every return is a new ConsoleSink. */
    public static final class FactoryOwner {
        private final Sink sink = Sinks.console();

        public synchronized void publish() {
            sink.put("factory");
        }
    }

    /** A local assigned from the same factory method. */
    public static final class LocalOwner {
        public synchronized void publish() {
            Sink local = Sinks.console();
            local.put("local");
        }
    }

    /** The JDK's own enumerator of a Hashtable the class created: never the application's locking Enumeration. */
    public static final class TableOwner {
        private final Hashtable<String, String> names = new Hashtable<>();

        public synchronized void publish() {
            Enumeration<String> e = names.elements();
            while (e.hasMoreElements()) {
                System.out.println(e.nextElement());
            }
        }
    }

    /**
     * dbcp 1.2's {@code AbandonedTrace}: the constructor hands {@code parent} to {@code init}, which adds the new
     * trace to its parent's list under the parent's monitor; but {@code parent} is never assigned, so that never runs.
     * {@code TracePool.make} holds the pool and builds a trace; {@code Trace.close} holds the trace and returns it to
     * the pool: no cycle, because the pool never waits for a trace's monitor.
     */
    public static final class Trace {
        private final TracePool pool;
        private Trace parent;
        private int children;

        public Trace(TracePool pool) {
            this.pool = pool;
            init(parent);
        }

        private void init(Trace p) {
            if (p != null) {
                p.addChild();
            }
        }

        private synchronized void addChild() {
            children++;
        }

        public synchronized void close() {
            pool.release(this);
        }
    }

    public static final class TracePool {
        private int made;

        public synchronized Trace make() {
            made++;
            return new Trace(this);
        }

        public synchronized void release(Trace t) {
            made--;
        }
    }

    /** An application Enumeration that takes a ledger's monitor: what an open-world guess would run above. */
    public static final class LedgerEnumeration implements Enumeration<String> {
        private final Ledger ledger;

        public LedgerEnumeration(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public boolean hasMoreElements() {
            ledger.record("asked");
            return false;
        }

        @Override
        public String nextElement() {
            return null;
        }
    }
}
