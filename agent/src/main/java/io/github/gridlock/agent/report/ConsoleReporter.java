package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.FindingListener;
import java.io.PrintStream;

/** Prints each finding on stderr (called on the agent's reporter thread). */
public final class ConsoleReporter implements FindingListener {
    private final PrintStream out;

    public ConsoleReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onFinding(Finding finding) {
        out.print(TextReport.format(finding));
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        out.println(message);
        out.flush();
    }
}
