package io.github.gridlock.samples.sharedstate;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Safe look-alikes for GL_CHECK_THEN_ACT where the collection has one owner on the side that matters:
 * <ul>
 * <li>{@link ConnectionSettings}: a {@code Properties} (a {@code Hashtable}) filled by a helper only the constructor
 * calls, before any other thread can see the object (H2's {@code ConnectionInfo.readProperties});</li>
 * <li>{@link Connection}: a write queue that many threads add to and one remover empties: {@code handleWrite} is
 * private, reached only through the package-private {@code doIO} that the selector code of the package runs one
 * request at a time per connection (ZooKeeper's {@code NIOServerCnxn.handleWrite});</li>
 * <li>{@link EventOwner}: an event thread object created per owner, the only consumer of its own queue, checking
 * {@code isEmpty()} before it leaves and calling the blocking {@code take()} (ZooKeeper's {@code ClientCnxn.EventThread});</li>
 * <li>{@link Encodings}: a memo cache, {@code get() == null}, compute, {@code put()} of a value computed from the key:
 * two threads that both miss compute the same value (Jetty's {@code ResourceService.getPreferredEncodingOrder}).
 * Reported at low priority only: the analysis cannot tell a deterministic value from one that matters.</li>
 * </ul>
 */
public final class CheckThenActOwnerLookAlikes {

    private CheckThenActOwnerLookAlikes() {
    }

    /** Settings parsed once in the constructor. */
    public static final class ConnectionSettings {
        private final Properties prop = new Properties();

        public ConnectionSettings(Properties given) {
            readProperties(given);
        }

        private void readProperties(Properties given) {
            for (String key : given.stringPropertyNames()) {
                if (!prop.containsKey(key)) {
                    prop.put(key, given.getProperty(key));
                }
            }
        }

        public String get(String key) {
            return prop.getProperty(key);
        }
    }

    /** One connection's write path: many writers enqueue, one IO request at a time drains. */
    public static final class Connection {
        private final Queue<ByteBuffer> outgoing = new LinkedBlockingQueue<>();

        public void send(ByteBuffer buffer) {
            outgoing.add(buffer);
        }

        void doIO() {
            handleWrite();
        }

        private void handleWrite() {
            if (outgoing.isEmpty()) {
                return;
            }
            ByteBuffer head = outgoing.remove();
            System.out.println("wrote " + head.remaining());
        }
    }

    /** Owns one event thread; other threads only add to its queue. */
    public static final class EventOwner {
        private final EventThread events;

        public EventOwner() {
            events = new EventThread();
        }

        public void start() {
            events.start();
        }

        public void publish(String event) {
            events.waiting.add(event);
        }

        public void stop() {
            events.stopping = true;
            events.waiting.add("");
        }
    }

    /** The single consumer of its own queue. */
    static final class EventThread extends Thread {
        final LinkedBlockingQueue<String> waiting = new LinkedBlockingQueue<>();
        volatile boolean stopping;

        @Override
        public void run() {
            try {
                while (true) {
                    String event = waiting.take();
                    System.out.println("event " + event);
                    if (stopping && waiting.isEmpty()) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A memo cache of a value derived from the key alone. */
    public static final class Encodings {
        private final Map<String, String> order = new ConcurrentHashMap<>();

        public String orderOf(String accept) {
            String cached = order.get(accept);
            if (cached == null) {
                cached = parse(accept);
                order.put(accept, cached); // expect-low: GL_CHECK_THEN_ACT
            }
            return cached;
        }

        private static String parse(String accept) {
            return accept.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
