package io.github.gridlock.samples.sharedstate;

import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * Fixed twin of {@link QueueDrainRace}: one atomic call does both the check and the act ({@code poll()} returns
 * null instead of blocking or throwing, {@code computeIfAbsent} inserts at most once, a single {@code get()}
 * is checked for null).
 */
public class QueueDrainRaceFixed {

    private final BlockingQueue<String> inbox;
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final ConcurrentMap<String, QueueDrainRace.Session> sessions = new ConcurrentHashMap<>();

    public QueueDrainRaceFixed(BlockingQueue<String> inbox) {
        this.inbox = inbox;
    }

    public void read() {
        String value;
        while ((value = inbox.poll()) != null) {
            System.out.println("Get " + value);
        }
    }

    public void flush() {
        String message;
        while ((message = outbox.poll()) != null) {
            System.out.println("send " + message);
        }
    }

    public void open(String user) {
        sessions.computeIfAbsent(user, QueueDrainRace.Session::new);
    }

    public String userOf(String id) {
        QueueDrainRace.Session s = sessions.get(id);
        return s != null ? s.user : "anonymous";
    }
}
