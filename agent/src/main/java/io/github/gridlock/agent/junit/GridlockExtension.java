package io.github.gridlock.agent.junit;

import io.github.gridlock.agent.report.TextReport;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.LockHooks;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which the agent found a new lock-order cycle or deadlock, with the report as message.
 * Needs the JVM to run with {@code -javaagent:gridlock-agent.jar}; without the agent it does nothing. Findings
 * are attributed by time, so tests that run in parallel can be blamed for each other's cycles.
 */
public final class GridlockExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GridlockExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", LockHooks.findingCount());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!LockHooks.isActive()) {
            return;
        }
        Integer before = context.getStore(NS).get("before", Integer.class);
        int from = before == null ? 0 : before;
        List<Finding> all = LockHooks.findings();
        if (all.size() <= from) {
            return;
        }
        StringBuilder sb = new StringBuilder("Gridlock: ").append(all.size() - from)
                .append(" new lock-order problem(s) during this test\n");
        for (Finding f : all.subList(from, all.size())) {
            sb.append(TextReport.format(f));
        }
        throw new AssertionError(sb.toString());
    }
}
