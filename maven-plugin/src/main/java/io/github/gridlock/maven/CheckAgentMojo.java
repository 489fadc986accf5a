package io.github.gridlock.maven;

import io.github.gridlock.cli.agentlink.AgentReport;
import io.github.gridlock.cli.agentlink.Frame;
import io.github.gridlock.cli.agentlink.RuntimeCycle;
import io.github.gridlock.cli.agentlink.RuntimeEdge;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * After the tests: reads the agent's JSON reports that {@code prepare-agent} asked for and fails the build on a
 * lock-order cycle or a deadlock the tests ran into, printing each cycle with the stack of every edge.
 * Inversions seen only in sequence ({@code SEQUENTIAL_LOCK_ORDER_CYCLE}) are printed as warnings and fail the
 * build only with {@code failOnSequential}.
 */
@Mojo(name = "check-agent", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckAgentMojo extends AbstractMojo {
    /** Stack frames printed per edge (the JSON report has them all). */
    static final int FRAMES_SHOWN = 8;

    /** Where prepare-agent had the agent write (the same parameter as there). */
    @Parameter(property = "gridlock.agent.reportDirectory", defaultValue = "${project.build.directory}/gridlock-agent")
    File reportDirectory;

    /** Fail the build on a {@code LOCK_ORDER_CYCLE} or a {@code DEADLOCK}. */
    @Parameter(property = "gridlock.agent.failOnCycle", defaultValue = "true")
    boolean failOnCycle;

    /** Fail the build on a {@code SEQUENTIAL_LOCK_ORDER_CYCLE} too. */
    @Parameter(property = "gridlock.agent.failOnSequential", defaultValue = "false")
    boolean failOnSequential;

    @Parameter(property = "gridlock.agent.skip", defaultValue = "false")
    boolean skip;

    /** Skipped tests mean the agent never ran: nothing to check. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("gridlock: check-agent skipped");
            return;
        }
        List<Path> files;
        try {
            files = AgentReports.jsonReports(reportDirectory);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list " + reportDirectory + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            getLog().warn("gridlock: no agent report in " + reportDirectory + ": did prepare-agent run before the "
                    + "tests, and does the test plugin's configuration keep its argLine (write @{argLine} in an "
                    + "<argLine> of your own)?");
            return;
        }
        int failing = 0;
        int sequential = 0;
        int deadlocks = 0;
        int cycles = 0;
        for (Path file : files) {
            AgentReport report;
            try {
                report = AgentReport.read(file);
            } catch (AgentReport.AgentReportException e) {
                throw new MojoExecutionException("gridlock: " + e.getMessage());
            }
            cycles += report.cycles().size();
            for (RuntimeCycle cycle : report.cycles()) {
                boolean isSequential = cycle.kind().startsWith("SEQUENTIAL");
                boolean fails = isSequential ? failOnSequential : failOnCycle;
                List<String> lines = describe(cycle, file);
                for (String line : lines) {
                    if (fails) {
                        getLog().error(line);
                    } else {
                        getLog().warn(line);
                    }
                }
                failing += fails ? 1 : 0;
                sequential += isSequential ? 1 : 0;
            }
            if (report.deadlocks() > 0) {
                deadlocks += report.deadlocks();
                String line = "gridlock: " + report.deadlocks() + " DEADLOCK (threads deadlocked while the tests ran;"
                        + " every thread's stack is in " + file + ")";
                if (failOnCycle) {
                    getLog().error(line);
                    failing += report.deadlocks();
                } else {
                    getLog().warn(line);
                }
            }
        }
        String summary = "gridlock: the agent saw " + (cycles - sequential) + " lock-order cycles, " + sequential
                + " sequential inversions and " + deadlocks + " deadlocks in " + files.size() + " test JVMs ("
                + reportDirectory + ")";
        if (failing > 0) {
            throw new MojoFailureException(summary + "; " + failing + " fail the build"
                    + (failOnSequential ? "" : " (sequential inversions fail it only with failOnSequential)"));
        }
        getLog().info(summary);
    }

    /** The cycle, then each edge: who took which lock while holding which, and where. */
    static List<String> describe(RuntimeCycle cycle, Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("gridlock: " + cycle.describe() + (cycle.filter() == null ? "" : " (seen only in sequence: "
                + cycle.filter() + ")") + " in " + file.getFileName());
        int i = 1;
        for (RuntimeEdge edge : cycle.edges()) {
            lines.add("  edge " + i++ + ": " + (edge.thread() == null ? "a thread" : "thread \"" + edge.thread() + "\"")
                    + " took " + edge.to() + " while holding " + edge.from());
            int shown = 0;
            for (Frame f : edge.frames()) {
                if (shown++ == FRAMES_SHOWN) {
                    lines.add("      ... " + (edge.frames().size() - FRAMES_SHOWN) + " more");
                    break;
                }
                lines.add("      at " + f);
            }
        }
        return lines;
    }
}
