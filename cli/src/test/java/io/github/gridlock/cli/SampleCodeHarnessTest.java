package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.Plugin;
import io.github.gridlock.cli.SampleCode.Site;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.PluginRegistry;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The detectors' acceptance test: the real SpotBugs engine with the built plugin, at SpotBugs' default settings and
 * through the same engine code as {@code gridlock scan}, over the compiled sample code; its findings (code, file,
 * line) must equal the {@code // expect:} markers exactly. Codes in sample-code/pending-codes.txt are reported, not
 * enforced; a pending code the plugin registers, or an enforced code with markers the plugin does not register,
 * fails.
 */
class SampleCodeHarnessTest {

    @Test
    void findingsEqualExpectMarkers() throws Exception {
        Path artifact = SampleCode.artifact();
        Path pluginPath = Fixtures.plugin();
        Plugin plugin = PluginRegistry.load(pluginPath);
        Set<String> registered = plugin.getBugPatterns().stream().map(BugPattern::getType)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> pending = SampleCode.pendingCodes();
        Set<Site> expected = SampleCode.markers(SampleCode.sources(artifact));
        assertFalse(expected.isEmpty(), "no // expect: markers found in " + artifact);

        ScanResult result = new GridlockEngine().scan(new ScanRequest().addInput(artifact).addPlugin(pluginPath));
        Set<Site> found = new TreeSet<>();
        Map<Site, String> messages = new TreeMap<>();
        StringBuilder duplicates = new StringBuilder();
        for (Finding f : result.findings()) {
            if (f.code().startsWith("GL_")) {
                Site s = SampleCode.siteOf(f);
                if (!found.add(s)) {
                    duplicates.append("  ").append(s).append("  ").append(f.message()).append('\n');
                }
                messages.putIfAbsent(s, f.message());
            }
        }

        HarnessComparison comparison = new HarnessComparison(expected, found, messages, registered, pending);
        List<String> failures = new ArrayList<>();
        result.problems().forEach(p -> failures.add("scan problem: " + p));
        failures.addAll(comparison.failures);
        String table = String.format("%nSample-code harness: %s%nplugin %s%n%n", artifact, pluginPath) + comparison.table;
        if (duplicates.length() > 0) {
            // The comparison is on sets of (code, file, line), as specified; repeats are shown, not failed.
            table += "\nMore than one finding on the same line (counted once above):\n" + duplicates;
        }
        System.out.println(table);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures) + "\n" + table);
        }
    }
}
