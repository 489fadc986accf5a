package io.github.gridlock.samples.lockorder;

import java.util.Observable;
import java.util.Observer;

/**
 * GL_LOCK_ORDER_INVERSION through the JDK's {@code Observable}: {@code publish} holds the feed's monitor while
 * {@code notifyObservers} calls every observer's {@code update}, which is synchronized on the subscriber; a subscriber
 * leaving holds its own monitor while {@code deleteObserver}, a synchronized JDK method, takes the feed's. Neither
 * lock is taken by name in the other's code: the JDK takes one and calls back for the other.
 *
 * @see FeedObserverFixed
 */
@SuppressWarnings("deprecation")
public class FeedObserverDeadlock {

    /** The observable: publishes under its own monitor. */
    public static final class Feed extends Observable {
        private int published;

        public synchronized void publish(Object item) {
            published++;
            setChanged();
            notifyObservers(item); // expect: GL_LOCK_ORDER_INVERSION
        }
    }

    /** An observer that counts what it saw, and can leave. */
    public static final class Subscriber implements Observer {
        private final Feed feed;
        private int seen;

        public Subscriber(Feed feed) {
            this.feed = feed;
        }

        @Override
        public synchronized void update(Observable source, Object item) {
            seen++;
        }

        public synchronized void leave() {
            feed.deleteObserver(this);
        }
    }
}
