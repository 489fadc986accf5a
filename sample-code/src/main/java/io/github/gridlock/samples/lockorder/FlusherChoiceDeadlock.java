package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION, certain because the receiver's value is known: {@link Flusher} has two implementations,
 * and only {@link JournalFlusher} takes the journal's monitor; but the store's field is only ever assigned a
 * {@code new JournalFlusher(...)}, so {@code flusher.flush()} runs that one. {@code Store.save} holds the store and
 * waits for the journal; {@code Journal.rotate} holds the journal and waits for the store. (With the declared type
 * alone this was a low-priority "one of 2 possible targets" finding.)
 */
public class FlusherChoiceDeadlock {

    public interface Flusher {
        void flush();
    }

    public static final class Journal {
        private Store store;

        public synchronized void attach(Store s) {
            this.store = s;
        }

        public synchronized void append(String line) {
            System.out.println(line);
        }

        public synchronized void rotate() {
            store.save(); // expect: GL_LOCK_ORDER_INVERSION
        }
    }

    /** Writes to the journal, under the journal's monitor. */
    public static final class JournalFlusher implements Flusher {
        private final Journal journal;

        public JournalFlusher(Journal journal) {
            this.journal = journal;
        }

        @Override
        public void flush() {
            journal.append("flushed");
        }
    }

    /** Takes no lock. */
    public static final class NoopFlusher implements Flusher {
        @Override
        public void flush() {
        }
    }

    public static final class Store {
        private final Flusher flusher;

        public Store(Journal journal) {
            this.flusher = new JournalFlusher(journal);
        }

        public synchronized void save() {
            flusher.flush();
        }
    }
}
