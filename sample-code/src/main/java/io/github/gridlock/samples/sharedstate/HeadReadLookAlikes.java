package io.github.gridlock.samples.sharedstate;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * GL_CHECK_THEN_ACT look-alike and its reported twins: a read of the head that fails on an empty queue
 * ({@code element()}, {@code getFirst()}) is an act that relies on a size check, but it takes nothing, so it is no
 * change that could make another thread's check stale. The one consumer's size check and {@code remove()} are safe
 * when the other thread only reads the head (ZooKeeper's {@code FollowerZooKeeperServer.commit}, whose queue
 * {@code Follower.processPacket} reads with {@code element()}); the reader's own size check and read are not, since
 * the consumer may take the last element in between.
 */
public class HeadReadLookAlikes {
    private final Deque<String> pending = new ConcurrentLinkedDeque<>();

    public void startWatchers() {
        new Thread(this::watchHead).start();
        new Thread(this::watchTail).start();
    }

    public void submit(String item) {
        pending.add(item);
    }

    /**
     * The one consumer: package-private, called by the package's one I/O thread (the shape of a selector loop), and
     * the only code that removes; the watchers' reads of the head take nothing.
     */
    void drain() {
        while (!pending.isEmpty()) {
            handle(pending.remove());
        }
    }

    /** Reads the head after a size check: the consumer may take the last element in between, and element() throws. */
    private void watchHead() {
        if (pending.size() > 0) {
            handle(pending.element()); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** The same with the tail of a deque. */
    private void watchTail() {
        if (!pending.isEmpty()) {
            handle(pending.getLast()); // expect: GL_CHECK_THEN_ACT
        }
    }

    private static void handle(String item) {
        System.out.println(item);
    }
}
