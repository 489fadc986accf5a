package io.github.gridlock.samples.lockorder;

import java.util.HashMap;
import java.util.Map;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a call's result whose class is bounded by what the called method
 * returns. {@code Session.isValid} holds the session and calls {@code setTimeout} on the statement it prepared
 * itself; {@code Session.prepare} is declared to return the {@link Query} interface, but it returns what
 * {@code prepareDirect} returns, declared as {@link DirectQuery}, a class. So the statement is a {@code DirectQuery}
 * (whatever the cache returns at run time), never the {@link PooledQuery} whose synchronized {@code setTimeout} would
 * be wanted under the session's monitor while {@code PooledQuery.close} holds its own and releases itself to the
 * session. No cycle. The real shape: derbyclient's {@code NetConnection40.isValid} calling {@code setQueryTimeout} on
 * the result of {@code prepareStatement(String)} (declared {@code java.sql.PreparedStatement}, returning
 * {@code prepareStatementX}'s {@code am.PreparedStatement}), never a {@code LogicalPreparedStatement}.
 */
public class DeclaredResultLookAlike {

    /** A prepared statement, as the application sees it. */
    public interface Query {
        void setTimeout(int seconds);
    }

    /** The session's own statement: its timeout is a plain field. */
    public static class DirectQuery implements Query {
        private final String sql;
        private int timeout;

        public DirectQuery(String sql) {
            this.sql = sql;
        }

        @Override
        public void setTimeout(int seconds) {
            timeout = seconds;
        }
    }

    /** A statement handed out by a pool: closing it returns it to the session. */
    public static final class PooledQuery implements Query {
        private final Session session;
        private int timeout;

        public PooledQuery(Session session) {
            this.session = session;
        }

        @Override
        public synchronized void setTimeout(int seconds) {
            timeout = seconds;
        }

        public synchronized void close() {
            session.release(this);
        }
    }

    /** A session: its monitor guards its statements. */
    public static final class Session {
        private final Map<String, DirectQuery> prepared = new HashMap<>();
        private Query validQuery;
        private int released;

        public synchronized boolean isValid(int seconds) {
            if (validQuery == null) {
                validQuery = prepare("VALUES 1");
            }
            validQuery.setTimeout(seconds);
            return true;
        }

        public Query prepare(String sql) {
            return prepareDirect(sql);
        }

        DirectQuery prepareDirect(String sql) {
            return prepared.computeIfAbsent(sql, DirectQuery::new);
        }

        public Query pooled() {
            return new PooledQuery(this);
        }

        synchronized void release(Query query) {
            released++;
        }
    }
}
