package io.github.gridlock.samples.lockorder;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: one object, locked under several names. The session is
 * {@code this} in {@link Session}, {@code session} in {@link Channel} and in {@link Reply}; each of them
 * re-enters the same monitor inside the other's code ({@code commit} holds it and calls {@code Channel.flush},
 * which locks {@code session}; {@code Reply.apply} locks {@code session} and calls the session's synchronized
 * {@code record}). Re-entering a monitor you hold never waits: there is one lock here, and no order to invert.
 */
public class OneObjectManyNamesLookAlike {

    /** The session: its monitor guards its state. */
    public static final class Session {
        private final Channel channel = new Channel(this);
        private int changes;

        public synchronized void commit() {
            changes++;
            channel.flush();
        }

        public synchronized void record(String what) {
            changes += what.length();
        }
    }

    /** Writes for a session, under the session's monitor. */
    public static final class Channel {
        private final Session session;
        private final StringBuilder out = new StringBuilder();

        Channel(Session session) {
            this.session = session;
        }

        void flush() {
            synchronized (session) {
                out.setLength(0);
            }
        }
    }

    /** Applies a reply to its session. */
    public static final class Reply {
        private final Session session;

        public Reply(Session session) {
            this.session = session;
        }

        public void apply(String text) {
            synchronized (session) {
                session.record(text);
            }
        }
    }
}
