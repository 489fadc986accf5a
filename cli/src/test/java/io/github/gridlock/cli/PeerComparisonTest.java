package io.github.gridlock.cli;

import io.github.gridlock.cli.SampleCode.Site;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a Gridlock code overlaps a SpotBugs core pattern, Gridlock must find everything core finds on
 * the same samples, and raise no more false alarms. A core finding counts as true when its line carries
 * the overlapping Gridlock marker; any other line is a false alarm (the samples' fixed twins and
 * look-alikes are exactly the code a checker must stay quiet on). The table is printed for docs.
 */
class PeerComparisonTest {
    private static final Map<String, String> OVERLAPS = Map.ofEntries(
            Map.entry("RU_INVOKE_RUN", "GL_RUN_INSTEAD_OF_START"),
            Map.entry("SWL_SLEEP_WITH_LOCK_HELD", "GL_BLOCKING_WHILE_LOCKED"),
            Map.entry("AT_NONATOMIC_OPERATIONS_ON_SHARED_VARIABLE", "GL_UNSYNCHRONIZED_COUNTER"),
            Map.entry("AT_STALE_THREAD_WRITE_OF_PRIMITIVE", "GL_SPLIT_READ_MODIFY_WRITE"),
            Map.entry("VO_VOLATILE_INCREMENT", "GL_VOLATILE_COUNTER"),
            Map.entry("AT_OPERATION_SEQUENCE_ON_CONCURRENT_ABSTRACTION", "GL_CHECK_THEN_ACT"),
            Map.entry("IS2_INCONSISTENT_SYNC", "GL_INCONSISTENT_GUARD"),
            Map.entry("UL_UNRELEASED_LOCK", "GL_LOCK_NOT_RELEASED"),
            Map.entry("UL_UNRELEASED_LOCK_EXCEPTION_PATH", "GL_LOCK_NOT_RELEASED"),
            Map.entry("WA_NOT_IN_LOOP", "GL_WAIT_WITHOUT_LOOP"),
            Map.entry("WA_AWAIT_NOT_IN_LOOP", "GL_WAIT_WITHOUT_LOOP"),
            Map.entry("CWO_CLOSED_WITHOUT_OPENED", "GL_UNLOCK_WITHOUT_LOCK"));

    private static Set<Site> markers;
    private static List<Finding> findings;

    @BeforeAll
    static void scanWithCore() throws Exception {
        Path artifact = SampleCode.artifact();
        markers = SampleCode.markers(SampleCode.sources(artifact));
        ScanResult result = new GridlockEngine().scan(new ScanRequest().withCore(true).addInput(artifact).addPlugin(Fixtures.plugin()));
        findings = result.findings();
    }

    @Test
    void gridlockFindsWhatCoreFindsWithoutMoreFalseAlarms() {
        StringBuilder table = new StringBuilder(String.format("%n%-26s %-26s %6s %6s %8s %8s%n",
                "core pattern", "Gridlock code", "core+", "core-", "ours+", "ours-"));
        List<String> failures = new ArrayList<>();
        OVERLAPS.forEach((core, ours) -> {
            Set<Site> expected = markers.stream().filter(s -> s.code.equals(ours)).collect(Collectors.toCollection(TreeSet::new));
            Set<Site> coreSites = sites(core, ours);
            Set<Site> ourSites = sites(ours, ours);
            Set<Site> coreTrue = new TreeSet<>(coreSites);
            coreTrue.retainAll(expected);
            Set<Site> ourTrue = new TreeSet<>(ourSites);
            ourTrue.retainAll(expected);
            int coreFalse = coreSites.size() - coreTrue.size();
            int ourFalse = ourSites.size() - ourTrue.size();
            table.append(String.format("%-26s %-26s %6d %6d %8d %8d%n", core, ours, coreTrue.size(), coreFalse, ourTrue.size(), ourFalse));
            Set<Site> coreOnly = new TreeSet<>(coreTrue);
            coreOnly.removeAll(ourTrue);
            if (!coreOnly.isEmpty()) {
                failures.add(core + " finds what " + ours + " misses: " + coreOnly);
            }
            if (ourFalse > coreFalse) {
                failures.add(ours + " raises more false alarms (" + ourFalse + ") than " + core + " (" + coreFalse + ")");
            }
            if (ourTrue.size() < expected.size()) {
                failures.add(ours + " misses markers: it found " + ourTrue.size() + " of " + expected.size());
            }
        });
        table.append("(+ true findings on marked lines, - findings on unmarked lines; ").append(markers.size()).append(" markers)\n");
        System.out.println(table);
        assertTrue(failures.isEmpty(), String.join("\n", failures) + table);
    }

    /** Findings of {@code code}, located as markers are, relabelled with the Gridlock code they are compared to. */
    private static Set<Site> sites(String code, String as) {
        Set<Site> out = new TreeSet<>();
        for (Finding f : findings) {
            if (f.code().equals(code)) {
                Site at = SampleCode.siteOf(f);
                out.add(new Site(as, at.file, at.line));
            }
        }
        return out;
    }
}
