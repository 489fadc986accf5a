package io.github.gridlock.agent.programs;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/** Runs {@link ProbeCases} on the JUnit Platform and prints which tests failed and why. */
public final class ExtensionProbe {
    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ProbeCases.class)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        System.out.println("tests=" + s.getTestsFoundCount() + " succeeded=" + s.getTestsSucceededCount()
                + " failed=" + s.getTestsFailedCount());
        for (TestExecutionSummary.Failure f : s.getFailures()) {
            System.out.println("FAILED " + f.getTestIdentifier().getDisplayName() + ": "
                    + f.getException().getMessage());
        }
    }
}
