package io.github.gridlock.samples.lockorder;

import java.util.HashMap;
import java.util.Map;

/**
 * GL_LOCK_ORDER_INVERSION through a lock a callee takes only under a branch on a parameter, when the caller passes
 * the constant that takes that branch: {@code Query.run} holds the query and prepares it with {@code useCache} true,
 * so {@code prepare} locks the cache; {@code QueryCache.invalidateAll} holds the cache and resets the query. Two
 * threads deadlock. The same shape with {@code false} passed is safe ({@code ConstantArgumentLookAlike}).
 */
public class ConstantArgumentDeadlock {

    /** The plan cache: its monitor guards the plans; invalidating resets the queries that use them. */
    public static final class QueryCache {
        private final Map<String, String> plans = new HashMap<>();

        public synchronized String lookup(String sql) {
            return plans.get(sql);
        }

        public synchronized void invalidateAll(Query query) {
            plans.clear();
            query.reset(); // expect: GL_LOCK_ORDER_INVERSION
        }
    }

    /** Compiles queries, using the cache only when asked to. */
    public static final class Planner {
        private final QueryCache cache;

        public Planner(QueryCache cache) {
            this.cache = cache;
        }

        String prepare(String sql, boolean useCache) {
            String plan = null;
            if (useCache) {
                plan = cache.lookup(sql);
            }
            return plan != null ? plan : "plan:" + sql;
        }
    }

    /** A query: running it sets its plan under its monitor, through the cache. */
    public static final class Query {
        private final Planner planner;
        private String plan;

        public Query(Planner planner) {
            this.planner = planner;
        }

        public synchronized void run(String sql) {
            plan = planner.prepare(sql, true);
        }

        synchronized void reset() {
            plan = null;
        }
    }
}
