package io.github.gridlock.maven;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs the Gridlock detectors on the module's classes, with its compile class path as auxiliary class path, and
 * writes the reports into {@code target/}: {@code gridlock.txt}, {@code gridlock.sarif}, {@code gridlock.html}, and
 * the lock-order export {@code gridlock-locks.json} that {@code aggregate} merges. Prints the findings; fails the
 * build only on an analysis error (the {@code check} goal also fails on findings). {@code @SuppressFBWarnings} and
 * SpotBugs exclude filter files are honoured as SpotBugs honours them.
 *
 * <p>The scan runs {@code gridlock scan} in a JVM of its own, with the plugin's class path: SpotBugs keeps global
 * state, and a parallel reactor ({@code -T}) runs several modules' scans at the same time.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public class ScanMojo extends AbstractMojo {
    static final String DETECTORS_KEY = "io.github.gridlock:gridlock-detectors";
    static final String CLI_MAIN = "io.github.gridlock.cli.Main";
    /** The pages of the bug codes inside the plugin jar (copied there by its build). */
    static final String DOCS_RESOURCE = "/io/github/gridlock/maven/docs/patterns/";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    Map<String, Artifact> pluginArtifactMap;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    /** Where the reports go. */
    @Parameter(property = "gridlock.outputDirectory", defaultValue = "${project.build.directory}")
    File outputDirectory;

    /** The repository root: SARIF and the HTML page name files relative to it. */
    @Parameter(property = "gridlock.sourceRoot", defaultValue = "${session.executionRootDirectory}")
    File sourceRoot;

    /** SpotBugs exclude filter files ({@code <FindBugsFilter>}); findings they match are not reported. */
    @Parameter
    List<File> excludeFilterFiles = new ArrayList<>();

    /** Report findings of this priority and above: {@code high}, {@code medium} or {@code low}. */
    @Parameter(property = "gridlock.minPriority", defaultValue = "medium")
    String minPriority;

    /** Only these bug codes (all when empty). */
    @Parameter
    List<String> only = new ArrayList<>();

    /** A baseline report (SARIF or XML of an earlier scan): only new findings count. */
    @Parameter(property = "gridlock.baseline")
    File baseline;

    /** Heap of the scanning JVM. */
    @Parameter(property = "gridlock.maxHeap", defaultValue = "1g")
    String maxHeap;

    @Parameter(property = "gridlock.skip", defaultValue = "false")
    boolean skip;

    /** The priority at which findings fail the build; {@code none} for the {@code scan} goal. */
    String failOn() {
        return "none";
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("gridlock: scan skipped (gridlock.skip)");
            return;
        }
        File classes = new File(project.getBuild().getOutputDirectory());
        if (!classes.isDirectory()) {
            getLog().info("gridlock: no classes in " + classes + ", nothing to scan");
            return;
        }
        Path out = outputDirectory.toPath();
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-Dgridlock.docs=" + docs(out.resolve("gridlock/docs/patterns")));
        cmd.add("-cp");
        cmd.add(engineClasspath());
        cmd.add(CLI_MAIN);
        cmd.add("scan");
        cmd.add("-q");
        cmd.add("--plugin");
        cmd.add(artifact(DETECTORS_KEY).getFile().getAbsolutePath());
        String aux = auxClasspath(classes);
        if (!aux.isEmpty()) {
            cmd.add("--aux-classpath");
            cmd.add(aux);
        }
        String sources = project.getCompileSourceRoots().stream().filter(s -> new File(s).isDirectory())
                .collect(Collectors.joining(File.pathSeparator));
        if (!sources.isEmpty()) {
            cmd.add("--source-path");
            cmd.add(sources);
        }
        cmd.add("--source-root");
        cmd.add(sourceRoot.getAbsolutePath());
        for (File filter : excludeFilterFiles) {
            cmd.add("--exclude");
            cmd.add(filter.getAbsolutePath());
        }
        if (!only.isEmpty()) {
            cmd.add("--only");
            cmd.add(String.join(",", only));
        }
        if (baseline != null) {
            cmd.add("--baseline");
            cmd.add(baseline.getAbsolutePath());
        }
        cmd.add("--min-priority");
        cmd.add(minPriority);
        cmd.add("--fail-on");
        cmd.add(failOn());
        cmd.add("--output");
        cmd.add(out.resolve("gridlock.txt").toString());
        cmd.add("--report");
        cmd.add("sarif=" + out.resolve("gridlock.sarif"));
        cmd.add("--report");
        cmd.add("html=" + out.resolve("gridlock.html"));
        cmd.add("--lock-export");
        cmd.add(out.resolve("gridlock-locks.json").toString());
        cmd.add(classes.getAbsolutePath());
        int code = run(cmd, out.resolve("gridlock.txt"));
        switch (code) {
            case 0:
                return;
            case 1:
                throw new MojoFailureException("gridlock: findings at or above priority " + failOn() + " (see "
                        + out.resolve("gridlock.txt") + "; " + out.resolve("gridlock.html") + " has them with the "
                        + "lock-order graph)");
            case 2:
                throw new MojoExecutionException("gridlock: bad input to the scan (exit code 2); see the messages above");
            case 4:
                throw new MojoExecutionException("gridlock: partial scan (exit code 4): an input, class or method could"
                        + " not be analysed; the reports cover the rest; see the messages above");
            default:
                throw new MojoExecutionException("gridlock: the analysis failed (exit code " + code + "); see the "
                        + "messages above");
        }
    }

    /** Runs the scan, passing its messages to the log, then prints the text report. */
    private int run(List<String> cmd, Path textReport) throws MojoExecutionException {
        getLog().debug("gridlock: " + String.join(" ", cmd));
        try {
            Files.createDirectories(textReport.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            for (String line : messages.split("\n")) {
                if (!line.isBlank()) {
                    getLog().info(line);
                }
            }
            if (Files.isRegularFile(textReport)) {
                for (String line : Files.readAllLines(textReport, StandardCharsets.UTF_8)) {
                    getLog().info(line);
                }
            }
            return code;
        } catch (IOException e) {
            throw new MojoExecutionException("gridlock: cannot run the scan: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("gridlock: interrupted", e);
        }
    }

    /** The plugin's own class path, less the jars that must not be on it (the detectors load as a plugin). */
    private String engineClasspath() {
        List<String> entries = new ArrayList<>();
        for (Artifact a : pluginArtifacts) {
            String key = a.getGroupId() + ":" + a.getArtifactId();
            if (a.getFile() != null && !key.equals(DETECTORS_KEY) && !key.equals(PrepareAgentMojo.AGENT_KEY)) {
                entries.add(a.getFile().getAbsolutePath());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private String auxClasspath(File classes) throws MojoExecutionException {
        try {
            return project.getCompileClasspathElements().stream().filter(e -> !new File(e).equals(classes))
                    .filter(e -> new File(e).exists()).collect(Collectors.joining(File.pathSeparator));
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("gridlock: the compile class path is not resolved: " + e.getMessage(), e);
        }
    }

    private Artifact artifact(String key) throws MojoExecutionException {
        Artifact a = pluginArtifactMap.get(key);
        if (a == null || a.getFile() == null) {
            throw new MojoExecutionException(key + " is not among the plugin's dependencies; do not exclude it");
        }
        return a;
    }

    /** Copies the bug codes' pages out of the plugin jar, so that the reports can link them. */
    private Path docs(Path dir) throws MojoExecutionException {
        try {
            Files.createDirectories(dir);
            URI pages = ScanMojo.class.getResource(DOCS_RESOURCE).toURI();
            if ("jar".equals(pages.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(pages, Map.of())) {
                    copyPages(jar.getPath(DOCS_RESOURCE), dir);
                }
            } else {
                copyPages(Paths.get(pages), dir);
            }
            return dir;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new MojoExecutionException("gridlock: cannot copy the bug codes' pages to " + dir + ": " + e, e);
        }
    }

    private static void copyPages(Path from, Path to) throws IOException {
        try (Stream<Path> pages = Files.list(from)) {
            for (Path page : (Iterable<Path>) pages::iterator) {
                String name = page.getFileName().toString();
                if (name.startsWith("GL_") && name.endsWith(".md")) {
                    Files.copy(page, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
