package io.github.gridlock.agent.programs;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes on the JUnit Platform and prints which tests failed and why. Args: simple names of classes in
 * this package (default ProbeCases), and JUnit configuration parameters as key=value.
 */
public final class ExtensionProbe {
    public static void main(String[] args) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                request.configurationParameter(a.substring(0, eq), a.substring(eq + 1));
            } else {
                selectors.add(DiscoverySelectors.selectClass(ExtensionProbe.class.getPackageName() + "." + a));
            }
        }
        if (selectors.isEmpty()) {
            selectors.add(DiscoverySelectors.selectClass(ProbeCases.class));
        }
        LauncherDiscoveryRequest built = request.selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(built, listener);
        TestExecutionSummary s = listener.getSummary();
        System.out.println("tests=" + s.getTestsFoundCount() + " succeeded=" + s.getTestsSucceededCount()
                + " failed=" + s.getTestsFailedCount());
        for (TestExecutionSummary.Failure f : s.getFailures()) {
            String where = f.getTestIdentifier().getSource().filter(MethodSource.class::isInstance)
                    .map(m -> ((MethodSource) m).getJavaClass().getSimpleName() + ".").orElse("");
            System.out.println("FAILED " + where + f.getTestIdentifier().getDisplayName() + ": "
                    + f.getException().getMessage());
        }
    }
}
