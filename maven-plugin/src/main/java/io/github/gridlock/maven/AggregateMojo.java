package io.github.gridlock.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * In a report module of a multi-module build: merges the lock exports ({@code target/gridlock-locks.json}) that the
 * {@code scan}/{@code check} goal wrote in each module this module depends on, and fails on a lock-order cycle
 * whose edges lie in more than one module, which no per-module analysis can see. Depending on the modules puts this
 * module after them in the reactor, also with {@code -T}: Maven does the ordering, this goal only reads files.
 */
@Mojo(name = "aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class AggregateMojo extends AbstractMojo {
    static final String EXPORT = "gridlock-locks.json";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Fail the build on a cross-module cycle. */
    @Parameter(property = "gridlock.failOnCycle", defaultValue = "true")
    boolean failOnCycle;

    /** Where the merged report is written. */
    @Parameter(defaultValue = "${project.build.directory}/gridlock-aggregate.txt")
    File report;

    @Parameter(property = "gridlock.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("gridlock: aggregate skipped (gridlock.skip)");
            return;
        }
        LockGraphMerge merge = new LockGraphMerge();
        List<String> missing = new ArrayList<>();
        for (MavenProject module : modules()) {
            Path export = new File(module.getBuild().getDirectory(), EXPORT).toPath();
            if (!Files.isRegularFile(export)) {
                missing.add(module.getArtifactId());
                continue;
            }
            try {
                merge.add(module.getArtifactId(), export);
            } catch (IOException e) {
                throw new MojoExecutionException("gridlock: " + e.getMessage(), e);
            }
        }
        if (!missing.isEmpty()) {
            getLog().warn("gridlock: no " + EXPORT + " in " + String.join(", ", missing) + " (does the scan or check "
                    + "goal run there?); their lock order is not in the merge");
        }
        merge.link();
        List<List<LockGraphMerge.Edge>> cycles = merge.crossModuleCycles();
        List<String> lines = new ArrayList<>();
        int n = 1;
        for (List<LockGraphMerge.Edge> cycle : cycles) {
            StringBuilder ring = new StringBuilder();
            for (LockGraphMerge.Edge e : cycle) {
                ring.append(merge.display(e.from)).append(" -> ");
            }
            ring.append(merge.display(cycle.get(0).from));
            lines.add("gridlock: cross-module lock-order cycle #" + n++ + ": " + ring);
            for (LockGraphMerge.Edge e : cycle) {
                lines.add("  " + merge.display(e.to) + " taken while holding " + merge.display(e.from) + ":");
                e.sites.forEach(s -> lines.add("      " + s));
            }
        }
        String summary = "gridlock: merged the lock order of " + merge.modules().size() + " modules ("
                + String.join(", ", merge.modules()) + "), " + merge.edgeCount() + " edges: " + cycles.size()
                + " cross-module lock-order cycles";
        lines.add(summary);
        write(lines);
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (failOnCycle) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        if (failOnCycle && !cycles.isEmpty()) {
            throw new MojoFailureException(summary + " (" + report + ")");
        }
        getLog().info(summary);
    }

    /** The reactor's modules this module depends on (Maven has built them before this one). */
    private List<MavenProject> modules() {
        Set<String> wanted = new HashSet<>();
        for (Dependency d : project.getDependencies()) {
            wanted.add(d.getGroupId() + ":" + d.getArtifactId());
        }
        List<MavenProject> out = new ArrayList<>();
        for (MavenProject p : session.getProjects()) {
            if (wanted.contains(p.getGroupId() + ":" + p.getArtifactId())) {
                out.add(p);
            }
        }
        return out;
    }

    private void write(List<String> lines) throws MojoExecutionException {
        try {
            Files.createDirectories(report.toPath().getParent());
            Files.write(report.toPath(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("gridlock: cannot write " + report + ": " + e.getMessage(), e);
        }
    }
}
