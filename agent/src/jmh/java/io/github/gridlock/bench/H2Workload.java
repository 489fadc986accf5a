package io.github.gridlock.bench;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;

/**
 * One run of the application workload (issue #5): an H2 in-memory database, THREADS threads, each with its own
 * connection, doing a fixed number of operations: 40 % INSERT, 40 % SELECT by primary key, 10 % UPDATE by primary
 * key, 10 % SELECT COUNT(*) over a range of a secondary index. A warm-up phase of the same mix (on other keys) runs
 * first, so the timed phase measures the steady state rather than class loading and instrumentation.
 *
 * <p>Usage: {@code H2Workload THREADS OPS_PER_THREAD WARMUP_OPS_PER_THREAD}. Prints one line
 * {@code RESULT timedMs=.. totalMs=.. ops=.. rows=.. agent=true|false nodes=.. edges=.. findings=..}, followed by
 * one {@code FINDING ...} line per agent finding. {@link H2Bench} forks this class with and without the agent.
 */
public final class H2Workload {
    private H2Workload() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        int threads = Integer.parseInt(args[0]);
        int ops = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        String url = "jdbc:h2:mem:gridlock_bench;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv(id BIGINT PRIMARY KEY, val VARCHAR(64), n INT)");
            s.execute("CREATE INDEX kv_n ON kv(n)");
            phase(url, threads, warmup, 1L << 40); // warm-up keys live far from the timed ones
            long start = System.nanoTime();
            phase(url, threads, ops, 0L);
            long timed = System.nanoTime() - start;
            long rows;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
                rs.next();
                rows = rs.getLong(1);
            }
            long total = System.nanoTime() - t0;
            StringBuilder line = new StringBuilder();
            line.append("RESULT timedMs=").append(timed / 1_000_000).append(" totalMs=").append(total / 1_000_000)
                    .append(" ops=").append((long) threads * ops).append(" rows=").append(rows);
            List<String> findings = agentStats(line);
            System.out.println(line);
            for (String f : findings) {
                System.out.println("FINDING " + f);
            }
            s.execute("SHUTDOWN");
        }
    }

    /** Every thread runs {@code ops} operations of the mix on keys {@code base + thread * 2^32 + i}. */
    private static void phase(String url, int threads, int ops, long base) throws Exception {
        CyclicBarrier go = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                    work(url, base + ((long) id << 32), ops, id);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "h2-worker-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("worker failed", failure[0]);
        }
    }

    private static void work(String url, long keyBase, int ops, int seed) throws SQLException {
        SplittableRandom rnd = new SplittableRandom(42 + seed);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                PreparedStatement insert = c.prepareStatement("INSERT INTO kv(id, val, n) VALUES (?, ?, ?)");
                PreparedStatement get = c.prepareStatement("SELECT val, n FROM kv WHERE id = ?");
                PreparedStatement update = c.prepareStatement("UPDATE kv SET n = n + 1 WHERE id = ?");
                PreparedStatement range = c.prepareStatement("SELECT COUNT(*) FROM kv WHERE n BETWEEN ? AND ?")) {
            long inserted = 0;
            for (int i = 0; i < ops; i++) {
                int kind = i % 10;
                if (kind < 4 || inserted == 0) {
                    insert.setLong(1, keyBase + inserted);
                    insert.setString(2, "value-" + inserted);
                    insert.setInt(3, rnd.nextInt(100_000));
                    insert.executeUpdate();
                    inserted++;
                } else if (kind < 8) {
                    get.setLong(1, keyBase + rnd.nextLong(inserted));
                    try (ResultSet rs = get.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("row missing");
                        }
                    }
                } else if (kind == 8) {
                    update.setLong(1, keyBase + rnd.nextLong(inserted));
                    update.executeUpdate();
                } else {
                    int from = rnd.nextInt(100_000);
                    range.setInt(1, from);
                    range.setInt(2, from + 50);
                    try (ResultSet rs = range.executeQuery()) {
                        rs.next();
                    }
                }
            }
        }
    }

    /** Graph size and findings when running under the agent (looked up reflectively: absent without it). */
    private static List<String> agentStats(StringBuilder line) {
        List<String> findings = new ArrayList<>();
        try {
            Class<?> hooks = Class.forName("io.github.gridlock.agent.runtime.LockHooks");
            boolean active = (Boolean) hooks.getMethod("isActive").invoke(null);
            line.append(" agent=").append(active);
            if (active) {
                hooks.getMethod("flushReports").invoke(null);
                line.append(" nodes=").append(hooks.getMethod("liveLockCount").invoke(null));
                line.append(" edges=").append(hooks.getMethod("liveEdgeCount").invoke(null));
                Method all = hooks.getMethod("findings");
                for (Object f : (List<?>) all.invoke(null)) {
                    findings.add(String.valueOf(f));
                }
                line.append(" findings=").append(findings.size());
            }
        } catch (ClassNotFoundException e) {
            line.append(" agent=false");
        } catch (ReflectiveOperationException e) {
            line.append(" agent=error:").append(e);
        }
        return findings;
    }
}
