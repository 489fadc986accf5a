package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.BugRanker;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.Priorities;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.PluginRegistry;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * SpotBugs drops findings whose rank is above its visible maximum (20) without a word; a plugin without
 * bugrank.txt gets ranks that can fall there. These tests hold the plugin to SpotBugs' DEFAULT settings.
 */
class PluginDefaultSettingsTest {

    @Test
    void bugrankTxtIsAtThePluginRootAndEveryPatternIsVisible() throws Exception {
        Path pluginPath = Fixtures.plugin();
        boolean present;
        if (Files.isDirectory(pluginPath)) {
            present = Files.isRegularFile(pluginPath.resolve("bugrank.txt"));
        } else {
            try (ZipFile zip = new ZipFile(pluginPath.toFile())) {
                present = zip.getEntry("bugrank.txt") != null;
            }
        }
        assertTrue(present, "bugrank.txt is missing from the root of " + pluginPath);

        Plugin plugin = PluginRegistry.load(pluginPath);
        assertFalse(plugin.getBugPatterns().isEmpty(), "the plugin registers no bug pattern");
        List<String> hidden = new ArrayList<>();
        for (BugPattern pattern : plugin.getBugPatterns()) {
            int rank = BugRanker.findRank(pattern, Priorities.NORMAL_PRIORITY);
            if (rank > BugRanker.VISIBLE_RANK_MAX) {
                hidden.add(pattern.getType() + " (rank " + rank + ")");
            }
        }
        assertTrue(hidden.isEmpty(), "at medium priority these patterns rank above " + BugRanker.VISIBLE_RANK_MAX
                + " and SpotBugs drops them at default settings: " + hidden);
    }

    @Test
    void defaultSettingsProduceGridlockFindingsOnTheSampleCode() {
        ScanResult result = new GridlockEngine().scan(new ScanRequest().addInput(SampleCode.artifact())
                .addPlugin(Fixtures.plugin()));
        assertTrue(result.analysisRan(), () -> "nothing analysed: " + result.problems());
        long gl = result.findings().stream().map(Finding::code).filter(c -> c.startsWith("GL_")).count();
        assertTrue(gl > 0, () -> "no GL_ finding at SpotBugs' default settings over " + SampleCode.artifact()
                + "; problems: " + result.problems());
    }
}
