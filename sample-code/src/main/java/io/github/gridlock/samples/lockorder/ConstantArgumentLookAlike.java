package io.github.gridlock.samples.lockorder;

import java.util.HashMap;
import java.util.Map;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a lock taken by a callee only under a branch on a parameter, and a
 * caller that passes the constant which takes the other branch. {@code Procedure.compile} holds the procedure and
 * prepares its plan through {@code Compiler.prepareStorable}, which calls the shared {@code prepare(sql, false)}
 * (through one more helper that passes its parameter on): with {@code useCache} false, {@code prepare} never looks
 * the plan up in the cache, so the procedure's monitor is never held while the cache's is wanted. The other order
 * ({@code PlanCache.invalidateAll} holds the cache and resets a procedure) therefore closes no cycle. The real shape:
 * Derby's {@code GenericStatement.prepareStorable} calling {@code prepMinion(lcc, false, ...)}, whose
 * {@code lookupStatement} runs only {@code if (cacheMe)}. The same cycle with {@code true} passed is
 * {@code ConstantArgumentDeadlock}.
 */
public class ConstantArgumentLookAlike {

    /** The plan cache: its monitor guards the plans; invalidating resets the procedures that use them. */
    public static final class PlanCache {
        private final Map<String, String> plans = new HashMap<>();

        public synchronized String lookup(String sql) {
            return plans.get(sql);
        }

        public synchronized void invalidateAll(Procedure procedure) {
            plans.clear();
            procedure.reset();
        }
    }

    /** Compiles statements, using the cache only when asked to. */
    public static final class Compiler {
        private final PlanCache cache;

        public Compiler(PlanCache cache) {
            this.cache = cache;
        }

        String prepare(String sql, boolean useCache) {
            String plan = null;
            if (useCache) {
                plan = cache.lookup(sql);
            }
            return plan != null ? plan : "plan:" + sql;
        }

        String prepareVia(String sql, boolean useCache) {
            return prepare(sql.trim(), useCache);
        }

        /** A stored procedure's plan is kept by the procedure itself: never through the cache. */
        String prepareStorable(String sql) {
            return prepareVia(sql, false);
        }
    }

    /** A stored procedure: compiling it sets its plan under its monitor. */
    public static final class Procedure {
        private final Compiler compiler;
        private String plan;

        public Procedure(Compiler compiler) {
            this.compiler = compiler;
        }

        public synchronized void compile(String sql) {
            plan = compiler.prepareStorable(sql);
        }

        synchronized void reset() {
            plan = null;
        }
    }
}
