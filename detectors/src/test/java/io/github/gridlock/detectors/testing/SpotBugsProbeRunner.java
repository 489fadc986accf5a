package io.github.gridlock.detectors.testing;

import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.config.UserPreferences;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Runs the real SpotBugs engine, with SpotBugs' default user preferences, with the test probe plugin
 * loaded, over compiled test inputs. The probe is packaged as a plugin jar on the fly because
 * SpotBugs loads plugins from jars or directories holding a findbugs.xml, not from the classpath.
 */
public final class SpotBugsProbeRunner {
    private SpotBugsProbeRunner() {
    }

    public static BugCollectionBugReporter analyze(Path... classDirs) throws Exception {
        Path probeJar = probePluginJar();
        DetectorFactoryCollection.resetInstance(new DetectorFactoryCollection());
        Plugin.addCustomPlugin(probeJar.toUri());
        Project project = new Project();
        for (Path p : classDirs) {
            project.addFile(p.toAbsolutePath().toString());
        }
        FindBugs2 engine = new FindBugs2();
        try {
            engine.setProject(project);
            engine.setDetectorFactoryCollection(DetectorFactoryCollection.instance());
            BugCollectionBugReporter reporter = new BugCollectionBugReporter(project);
            // The thresholds SpotBugs' own command line uses when given no options.
            reporter.setPriorityThreshold(edu.umd.cs.findbugs.Priorities.NORMAL_PRIORITY);
            reporter.setRankThreshold(edu.umd.cs.findbugs.BugRanker.VISIBLE_RANK_MAX);
            engine.setBugReporter(reporter);
            engine.setUserPreferences(UserPreferences.createDefaultUserPreferences());
            engine.execute();
            return reporter;
        } finally {
            engine.close();
            project.close();
        }
    }

    private static Path probePluginJar() throws IOException {
        Path dir = Paths.get("target", "test-classes", "probe-plugin");
        Path jar = Paths.get("target", "probe-plugin.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String name : new String[] {"findbugs.xml", "messages.xml"}) {
                zip.putNextEntry(new JarEntry(name));
                zip.write(Files.readAllBytes(dir.resolve(name)));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
