package io.github.gridlock.maven;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Puts the Gridlock agent on the command line of the test JVMs, as JaCoCo's {@code prepare-agent} does: sets a
 * property ({@code argLine} by default, which Surefire and Failsafe read) to {@code -javaagent:AGENT=OPTIONS},
 * keeping what the property already held. The agent jar is the one this plugin depends on; nothing else needs
 * to be declared. The agent writes its reports to {@link #reportDirectory}, which {@code check-agent} reads.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractMojo {
    static final String AGENT_KEY = "io.github.gridlock:gridlock-agent";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    Map<String, Artifact> pluginArtifactMap;

    /** The property that receives the agent argument; {@code argLine} is what Surefire and Failsafe use. */
    @Parameter(property = "gridlock.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Classes to instrument, as globs ({@code com.acme.**}); default: every application class. */
    @Parameter
    List<String> includes = new ArrayList<>();

    /** Classes never to instrument, as globs. */
    @Parameter
    List<String> excludes = new ArrayList<>();

    /** Where the agent writes its JSON, SARIF and HTML reports (one of each per test JVM). */
    @Parameter(property = "gridlock.agent.reportDirectory", defaultValue = "${project.build.directory}/gridlock-agent")
    File reportDirectory;

    /** Also write a SARIF report per test JVM. */
    @Parameter(property = "gridlock.agent.sarif", defaultValue = "true")
    boolean sarif;

    /** Also write an HTML page per test JVM (the cycles with their lock graph and stacks). */
    @Parameter(property = "gridlock.agent.html", defaultValue = "true")
    boolean html;

    /** {@code log} (default) or {@code fail}: refuse the acquisition that closes a cycle (see the agent's docs). */
    @Parameter(property = "gridlock.agent.onCycle")
    String onCycle;

    /** {@code report} (default), {@code fail} or {@code off}: what to do with inversions seen only in sequence. */
    @Parameter(property = "gridlock.agent.sequential")
    String sequential;

    /** JDK classes whose monitors are watched too, e.g. {@code collections:io} (the agent's {@code jdk=}). */
    @Parameter(property = "gridlock.agent.jdk")
    String jdk;

    /** More agent options, appended as written ({@code watchdog=2s,banner=false}). */
    @Parameter(property = "gridlock.agent.options")
    String options;

    /** Leaves the property alone: the tests run without the agent. */
    @Parameter(property = "gridlock.agent.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("gridlock: prepare-agent skipped (gridlock.agent.skip)");
            return;
        }
        Artifact agent = pluginArtifactMap.get(AGENT_KEY);
        if (agent == null || agent.getFile() == null) {
            throw new MojoExecutionException("the Gridlock agent (" + AGENT_KEY + ") is not among the plugin's "
                    + "dependencies; do not exclude it from the plugin");
        }
        try {
            int old = AgentReports.deleteOld(reportDirectory);
            if (old > 0) {
                getLog().debug("gridlock: removed " + old + " agent reports of an earlier run");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot clear " + reportDirectory + ": " + e.getMessage(), e);
        }
        String argument = AgentArgument.of(agent.getFile(), agentOptions());
        Properties props = project.getProperties();
        String old = props.getProperty(propertyName);
        if (old == null) {
            old = System.getProperty(propertyName);
        }
        String value = AgentArgument.prependTo(old, argument);
        props.setProperty(propertyName, value);
        getLog().info("gridlock: " + propertyName + " set to " + value);
    }

    private String agentOptions() throws MojoExecutionException {
        List<String> opts = new ArrayList<>();
        if (!includes.isEmpty()) {
            opts.add("include=" + String.join(":", includes));
        }
        if (!excludes.isEmpty()) {
            opts.add("exclude=" + String.join(":", excludes));
        }
        opts.add("report=" + file(AgentReports.JSON));
        if (sarif) {
            opts.add("sarif=" + file(AgentReports.SARIF));
        }
        if (html) {
            opts.add("html=" + file(AgentReports.HTML));
        }
        add(opts, "onCycle", onCycle);
        add(opts, "sequential", sequential);
        add(opts, "jdk", jdk);
        if (options != null && !options.isBlank()) {
            opts.add(options.trim());
        }
        return String.join(",", opts);
    }

    private String file(String name) throws MojoExecutionException {
        String path = new File(reportDirectory, name).getAbsolutePath();
        if (path.indexOf(',') >= 0) {
            throw new MojoExecutionException("the agent's options are comma-separated: reportDirectory "
                    + reportDirectory + " must not contain a comma");
        }
        return path;
    }

    private static void add(List<String> opts, String key, String value) {
        if (value != null && !value.isBlank()) {
            opts.add(key + "=" + value.trim());
        }
    }
}
