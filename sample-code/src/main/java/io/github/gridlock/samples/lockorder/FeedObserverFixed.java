package io.github.gridlock.samples.lockorder;

import java.util.Observable;
import java.util.Observer;

/**
 * The fixed twin of {@link FeedObserverDeadlock}: the feed updates its count under its monitor and notifies after
 * releasing it, so no thread holds the feed's monitor while an observer's is taken.
 */
@SuppressWarnings("deprecation")
public class FeedObserverFixed {

    public static final class Feed extends Observable {
        private int published;

        public void publish(Object item) {
            synchronized (this) {
                published++;
                setChanged();
            }
            notifyObservers(item);
        }
    }

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
