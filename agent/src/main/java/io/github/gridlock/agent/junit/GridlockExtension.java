package io.github.gridlock.agent.junit;

import io.github.gridlock.agent.report.TextReport;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.runtime.RuntimeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test that created a lock-order cycle or a deadlock, with the report as message. Needs the JVM to run
 * with {@code -javaagent:gridlock-agent.jar}; without the agent it does nothing.
 *
 * <p>A finding is blamed on the test whose thread created the cycle's closing edge: the test's own thread, a thread
 * it started, or a thread running a task it submitted to an executor, so tests running in parallel never blame each
 * other. A finding made on a thread the agent cannot tie to a test is blamed on the test running at the time if
 * there is exactly one, else on none (it is still printed and written to the reports). A thread that outlives its
 * test and closes a cycle later fails the test class (after all its tests).
 *
 * <p>SEQUENTIAL_LOCK_ORDER_CYCLE (an inversion seen only in sequence) fails the test only with the agent option
 * {@code sequential=fail} or the JUnit configuration parameter {@code gridlock.sequential=fail}
 * ({@code junit-platform.properties}); otherwise it is reported without failing.
 */
public final class GridlockExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GridlockExtension.class);
    /** Sequence numbers of findings that already failed a test. */
    private static final Set<Integer> CLAIMED = ConcurrentHashMap.newKeySet();

    /** What beforeEach leaves for afterEach (a store value cannot be null). */
    private static final class Begun {
        final String previous;

        Begun(String previous) {
            this.previous = previous;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (LockHooks.isActive()) {
            context.getStore(NS).put(Begun.class, new Begun(LockHooks.beginTest(context.getUniqueId())));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Begun begun = context.getStore(NS).remove(Begun.class, Begun.class);
        if (begun == null) {
            return;
        }
        String test = context.getUniqueId();
        LockHooks.endTest(test, begun.previous);
        fail(context, claim(context, f -> test.equals(f.test)), "during this test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!LockHooks.isActive()) {
            return;
        }
        String prefix = context.getUniqueId() + "/";
        fail(context, claim(context, f -> f.test != null && f.test.startsWith(prefix)),
                "by threads of this class's tests after they ended");
    }

    private interface Blame {
        boolean of(Finding f);
    }

    private static List<Finding> claim(ExtensionContext context, Blame blame) {
        boolean sequentialFails = RuntimeConfig.failOnSequential
                || context.getConfigurationParameter("gridlock.sequential").map("fail"::equalsIgnoreCase).orElse(false);
        List<Finding> mine = new ArrayList<>();
        for (Finding f : LockHooks.findings()) {
            boolean fails = f.kind != Finding.Kind.SEQUENTIAL_LOCK_ORDER_CYCLE || sequentialFails;
            if (fails && blame.of(f) && CLAIMED.add(f.sequence)) {
                mine.add(f);
            }
        }
        return mine;
    }

    private static void fail(ExtensionContext context, List<Finding> findings, String when) {
        if (findings.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("Gridlock: ").append(findings.size())
                .append(" new lock-order problem(s) ").append(when).append('\n');
        for (Finding f : findings) {
            sb.append(TextReport.format(f));
        }
        throw new AssertionError(sb.toString());
    }
}
