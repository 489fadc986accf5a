package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_LOCK_ORDER_INVERSION in a connection pool (the shape of a deadlock connection pools have shipped with): the
 * evictor holds the pool's monitor while it asks the factory to validate each idle connection, and validation
 * takes the connection's monitor; a client closing a connection holds the connection's monitor while the
 * connection returns itself to the pool, which takes the pool's monitor. The validation is an interface call
 * ({@link Validator#validate}), and the pool and the connection are named by their classes whether the code says
 * {@code this}, {@code pool} or a parameter. The finding is at the evictor's validation call.
 *
 * @see PoolEvictorFixed
 */
public class PoolEvictorDeadlock {

    /** How the pool checks a connection; the pool does not know the implementation. */
    public interface Validator {
        boolean validate(Connection connection);
    }

    /** The pool: idle connections, an evictor that validates them. */
    public static final class Pool {
        private final List<Connection> idle = new ArrayList<>();
        private final Validator validator;

        public Pool(Validator validator) {
            this.validator = validator;
        }

        public synchronized void evict() {
            for (Connection c : new ArrayList<>(idle)) {
                if (!validator.validate(c)) { // expect: GL_LOCK_ORDER_INVERSION
                    idle.remove(c);
                }
            }
        }

        public synchronized void giveBack(Connection c) {
            idle.add(c);
        }
    }

    /** A pooled connection that returns itself to its pool when closed. */
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

    /** The one validator: asks the connection, under the connection's monitor. */
    public static final class OpenValidator implements Validator {
        @Override
        public boolean validate(Connection connection) {
            return connection.isOpen();
        }
    }
}
