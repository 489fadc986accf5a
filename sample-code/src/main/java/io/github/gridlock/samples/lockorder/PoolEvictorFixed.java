package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed twin of {@link PoolEvictorDeadlock}: the evictor copies the idle list under the pool's monitor and
 * validates the connections after releasing it, so no thread holds the pool's monitor while it takes a
 * connection's.
 */
public class PoolEvictorFixed {

    public interface Validator {
        boolean validate(Connection connection);
    }

    public static final class Pool {
        private final List<Connection> idle = new ArrayList<>();
        private final Validator validator;

        public Pool(Validator validator) {
            this.validator = validator;
        }

        public void evict() {
            List<Connection> candidates;
            synchronized (this) {
                candidates = new ArrayList<>(idle);
            }
            for (Connection c : candidates) {
                if (!validator.validate(c)) {
                    remove(c);
                }
            }
        }

        private synchronized void remove(Connection c) {
            idle.remove(c);
        }

        public synchronized void giveBack(Connection c) {
            idle.add(c);
        }
    }

    public static final class Connection {
        private final Pool pool;
        private boolean open = true;

        public Connection(Pool pool) {
            this.pool = pool;
        }

        public synchronized boolean isOpen() {
            return open;
        }

        public synchronized void close() {
            pool.giveBack(this);
        }
    }

    public static final class OpenValidator implements Validator {
        @Override
        public boolean validate(Connection connection) {
            return connection.isOpen();
        }
    }
}
