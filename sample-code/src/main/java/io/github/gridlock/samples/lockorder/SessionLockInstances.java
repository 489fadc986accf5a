package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION that holds only if two references are one object, reported at low priority: a command
 * holds its session's lock and closes the database's files; closing the files takes the lock of the database's
 * system session. The locks are the same field of the same class, so they are one name in the lock graph, but the
 * cycle needs the running session to be the system session. The message says so.
 */
public class SessionLockInstances {

    public static final class Session {
        final Object lock = new Object();
    }

    public static final class Database {
        private final Object files = new Object();
        private final Session system = new Session();

        void closeFiles() {
            synchronized (files) {
                synchronized (system.lock) { // expect-low: GL_LOCK_ORDER_INVERSION
                    files.notifyAll();
                }
            }
        }
    }

    public static final class Command {
        private final Session session;
        private final Database database;

        public Command(Session session, Database database) {
            this.session = session;
            this.database = database;
        }

        public void run() {
            synchronized (session.lock) {
                database.closeFiles();
            }
        }
    }
}
