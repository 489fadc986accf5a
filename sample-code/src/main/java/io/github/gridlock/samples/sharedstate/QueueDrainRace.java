package io.github.gridlock.samples.sharedstate;

import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * GL_CHECK_THEN_ACT. Seed {@code 004_9b7a5e9ccfbf269c.txt}'s reader: {@code if not q.empty(): value = q.get(True)};
 * give it a second reader on the same queue and it breaks. Each call on a concurrent collection is atomic, but the pair
 * is not: between the check and the act another thread empties the queue (the reader blocks forever in {@code take()},
 * or {@code remove()} throws) or inserts the key (one of two values is silently overwritten). The finding is at the
 * act.
 *
 * @see QueueDrainRaceFixed
 */
public class QueueDrainRace {

    private final BlockingQueue<String> inbox;
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

    public QueueDrainRace(BlockingQueue<String> inbox) {
        this.inbox = inbox;
    }

    static final class Session {
        final String user;

        Session(String user) {
            this.user = user;
        }
    }

    /** The seed's {@code read(q)} loop. */
    public void read() throws InterruptedException {
        while (true) {
            if (!inbox.isEmpty()) {
                String value = inbox.take(); // expect: GL_CHECK_THEN_ACT
                System.out.println("Get " + value);
            } else {
                break;
            }
        }
    }

    /** Drain loop with the size check and the removal as two calls. */
    public void flush() {
        while (!outbox.isEmpty()) {
            send(outbox.remove()); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** Put-if-absent spelled out: two threads both see "absent" and both put. */
    public void open(String user) {
        if (!sessions.containsKey(user)) {
            sessions.put(user, new Session(user)); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** Check for presence, then use: a concurrent close() in between makes get() return null. */
    public String userOf(String id) {
        if (sessions.containsKey(id)) {
            return sessions.get(id).user; // expect: GL_CHECK_THEN_ACT
        }
        return "anonymous";
    }

    public void close(String id) {
        sessions.remove(id);
    }

    private static void send(String message) {
        System.out.println("send " + message);
    }
}
