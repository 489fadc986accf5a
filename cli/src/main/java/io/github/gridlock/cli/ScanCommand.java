package io.github.gridlock.cli;

import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.filter.Filter;
import io.github.gridlock.cli.agentlink.AgentLinkedWriter;
import io.github.gridlock.cli.agentlink.AgentReport;
import io.github.gridlock.cli.baseline.Baseline;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.PluginRegistry;
import io.github.gridlock.cli.engine.Problem;
import io.github.gridlock.cli.engine.ScanRequest;
import io.github.gridlock.cli.engine.ScanResult;
import io.github.gridlock.cli.report.HtmlReportWriter;
import io.github.gridlock.cli.report.Plural;
import io.github.gridlock.cli.report.ReportWriter;
import io.github.gridlock.cli.report.SarifReportWriter;
import io.github.gridlock.cli.report.TextReportWriter;
import io.github.gridlock.cli.report.XmlReportWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridlock scan}: runs SpotBugs with the Gridlock plugin over jars and class folders and reports. */
@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Analyse jars, class folders or Maven projects (their target/classes) for concurrency hazards.",
            "With no PATH, scans the bundled sample code, which contains every hazard on purpose (exit code 1)."},
        exitCodeListHeading = "%nExit codes (the highest that applies):%n",
        exitCodeList = {
            "0:no finding at or above --fail-on; every input analysed",
            "1:findings at or above --fail-on",
            "2:usage error (bad option, unreadable filter or baseline), or nothing could be analysed",
            "3:analysis error (plugin missing or broken, engine failure, out of memory)",
            "4:partial: the rest was scanned and reported, but an input could not be used (missing path, corrupt "
                    + "jar or class, class too new, missing aux classpath entry) or a class or method could not "
                    + "be analysed (listed on stderr)"})
final class ScanCommand implements Callable<Integer> {

    enum Format { text, sarif, xml, html }

    enum FailOn {
        none(0), low(3), medium(2), high(1);

        final int maxPriority;

        FailOn(int maxPriority) {
            this.maxPriority = maxPriority;
        }
    }

    /** The lowest priority shown, as SpotBugs ranks them: high 1, medium 2, low 3. */
    enum MinPriority {
        low(3), medium(2), high(1);

        final int spotbugsPriority;

        MinPriority(int spotbugsPriority) {
            this.spotbugsPriority = spotbugsPriority;
        }
    }

    @CommandLine.ParentCommand
    Main parent;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Jar, class file, class folder, or Maven project folder (uses target/classes and "
                    + "src/main/java).")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-a", "--aux-classpath"}, paramLabel = "CLASSPATH", split = "${sys:path.separator}",
            description = "Libraries the code uses, not analysed (repeatable; '${sys:path.separator}'-separated).")
    List<Path> auxClasspath = new ArrayList<>();

    @Option(names = {"-s", "--source-path"}, paramLabel = "DIRS", split = "${sys:path.separator}",
            description = "Source roots, to show and link source files (repeatable; found automatically for Maven "
                    + "projects).")
    List<Path> sourcePath = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = "--report", paramLabel = "FORMAT=FILE",
            description = "Also write the report in FORMAT to FILE, e.g. --report sarif=gridlock.sarif --report "
                    + "html=gridlock.html (repeatable; the main report still goes to --output or stdout).")
    Map<Format, Path> reports = new java.util.LinkedHashMap<>();

    @Option(names = "--fail-on", paramLabel = "PRIORITY", defaultValue = "low",
            description = "Exit with 1 when a finding has this priority or higher: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}: any reported finding fails).")
    FailOn failOn;

    @Option(names = "--min-priority", paramLabel = "PRIORITY", defaultValue = "medium",
            description = "Report findings of this priority or higher: ${COMPLETION-CANDIDATES} (default: "
                    + "${DEFAULT-VALUE}, SpotBugs' default threshold; low also shows e.g. lock-order cycles that only "
                    + "a timed tryLock or a queued writer can close).")
    MinPriority minPriority;

    @Option(names = "--only", paramLabel = "CODE", split = ",",
            description = "Report only these bug codes, e.g. GL_LOCK_ORDER_INVERSION,GL_RUN_INSTEAD_OF_START.")
    List<String> only = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "FILTER.xml",
            description = "SpotBugs exclude filter file; matching findings are not reported (repeatable).")
    List<Path> excludes = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier SARIF or XML report from gridlock scan: report only findings not in it.")
    Path baseline;

    @Option(names = "--with-core",
            description = "Also run and report SpotBugs' own detectors (slower).")
    boolean withCore;

    @Option(names = {"--source-root", "--project-root"}, paramLabel = "DIR",
            description = "The repository root that SARIF locations are relative to (default: the current directory).")
    Path projectRoot;

    @Option(names = "--docs-url", paramLabel = "URL",
            description = "Link each bug code to URL/CODE.md, where your team publishes Gridlock's pages (default: "
                    + "the pages shipped with the tool, on disk).")
    String docsUrl;

    @Option(names = "--plugin", paramLabel = "JAR",
            description = "Load this SpotBugs plugin instead of the bundled Gridlock plugin (repeatable).")
    List<Path> plugins = new ArrayList<>();

    @Option(names = "--lock-graph", paramLabel = "FILE.dot",
            description = "Write the whole-program lock-order graph here, in Graphviz dot, cycle edges in red; each "
                    + "edge is labelled with one site, its tooltip has every site and call chain.")
    Path lockGraph;

    enum LockGraphScope { all, cycles }

    @Option(names = "--lock-graph-scope", paramLabel = "SCOPE", defaultValue = "all",
            description = "What --lock-graph draws: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; cycles: only "
                    + "the locks of reported cycles and the locks one edge away).")
    LockGraphScope lockGraphScope;

    @Option(names = "--lock-export", paramLabel = "FILE.json",
            description = "Write the lock-order graph with lock identities, method summaries and the calls into code "
                    + "not scanned here, as JSON: what a merge of several modules' scans reads (the Maven plugin's "
                    + "aggregate goal).")
    Path lockExport;

    @Option(names = "--agent-report", paramLabel = "FILE",
            description = "A report of the Gridlock agent (its report= JSON or sarif= SARIF): mark the lock-order"
                    + " findings seen at run time and list the run-time cycles the scan did not find (text, SARIF).")
    Path agentReport;

    @Option(names = {"-q", "--quiet"}, description = "No progress messages on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "List every class and method that could not be analysed, with the reason.")
    boolean verbose;

    /** The SpotBugs property the lock-order detector reads (LockOrderInversionDetector.LOCK_GRAPH_PROPERTY). */
    static final String LOCK_GRAPH_PROPERTY = "gridlock.lockGraph";
    /** LockOrderInversionDetector.LOCK_GRAPH_SCOPE_PROPERTY. */
    static final String LOCK_GRAPH_SCOPE_PROPERTY = "gridlock.lockGraph.scope";

    @Override
    public Integer call() {
        PrintWriter err = parent.err();
        Path cwd = Paths.get("").toAbsolutePath();

        List<Path> pluginPaths = plugins.isEmpty() ? Locations.defaultPlugins() : plugins;
        if (pluginPaths.isEmpty()) {
            err.println("gridlock: the Gridlock plugin was not found (looked in: "
                    + String.join(", ", Locations.pluginSearchDescription()) + ").");
            err.println("gridlock: build it with 'mvn -B -pl cli -am install -DskipTests', or pass --plugin FILE.");
            return ExitCodes.ANALYSIS_ERROR;
        }
        List<Plugin> loaded = new ArrayList<>();
        for (Path p : pluginPaths) {
            try {
                loaded.add(PluginRegistry.load(p));
            } catch (PluginRegistry.PluginLoadException e) {
                err.println("gridlock: " + e.getMessage());
                return ExitCodes.ANALYSIS_ERROR;
            }
        }

        Map<String, BugPattern> known = new TreeMap<>(GridlockEngine.pluginPatterns(loaded));
        if (withCore) {
            DetectorFactoryCollection.instance().getCorePlugin().getBugPatterns()
                    .forEach(bp -> known.putIfAbsent(bp.getType(), bp));
        }
        Set<String> onlyCodes = new LinkedHashSet<>();
        for (String code : only) {
            String c = code.trim().toUpperCase(Locale.ROOT);
            if (c.isEmpty()) {
                continue;
            }
            if (!known.containsKey(c)) {
                err.println("gridlock: --only: unknown bug code " + c + "; known codes: "
                        + known.keySet().stream().filter(k -> withCore || k.startsWith("GL_"))
                                .collect(Collectors.joining(", ")));
                return ExitCodes.INPUT_ERROR;
            }
            onlyCodes.add(c);
        }
        for (Path filter : excludes) {
            try {
                if (!Files.isRegularFile(filter)) {
                    err.println("gridlock: " + filter + ": exclude filter file not found");
                    return ExitCodes.INPUT_ERROR;
                }
                Filter.parseFilter(filter.toString());
            } catch (IOException | RuntimeException e) {
                err.println("gridlock: " + filter + ": not a valid SpotBugs filter file: "
                        + GridlockEngine.messageChain(e));
                return ExitCodes.INPUT_ERROR;
            }
        }
        Baseline base = Baseline.empty();
        if (baseline != null) {
            try {
                base = Baseline.read(baseline);
            } catch (Baseline.BaselineException e) {
                err.println("gridlock: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
        }

        AgentReport agent = null;
        if (agentReport != null) {
            try {
                agent = AgentReport.read(agentReport);
            } catch (AgentReport.AgentReportException e) {
                err.println("gridlock: --agent-report: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
        }

        List<Path> inputs = new ArrayList<>(paths);
        boolean scansSamples = inputs.isEmpty();
        if (scansSamples) {
            Path samples = Locations.sampleCode();
            if (samples == null) {
                err.println("gridlock: no PATH given, and the bundled sample code is not available;"
                        + " give a jar or class folder to scan.");
                return ExitCodes.INPUT_ERROR;
            }
            if (!quiet) {
                err.println("gridlock: no PATH given: scanning the bundled sample code (" + samples + ")");
            }
            inputs.add(samples);
        }

        ScanRequest request = new ScanRequest().withCore(withCore).only(onlyCodes)
                .minPriority(minPriority.spotbugsPriority);
        inputs.forEach(request::addInput);
        auxClasspath.forEach(request::addAuxClasspath);
        sourcePath.forEach(request::addSourcePath);
        pluginPaths.forEach(request::addPlugin);
        excludes.forEach(request::addExcludeFilter);
        request.lockExport(lockExport).withLockGraph(format == Format.html || reports.containsKey(Format.html));
        StderrProgress progress = new StderrProgress(err, System.console() != null);
        if (!quiet) {
            request.progress(progress);
        }
        // The lock-order detector writes the graph itself (it lives inside the engine); this names the file.
        if (lockGraph != null) {
            edu.umd.cs.findbugs.SystemProperties.setProperty(LOCK_GRAPH_PROPERTY, lockGraph.toAbsolutePath().toString());
            edu.umd.cs.findbugs.SystemProperties.setProperty(LOCK_GRAPH_SCOPE_PROPERTY, lockGraphScope.name());
        }
        ScanResult result;
        try {
            result = new GridlockEngine().scan(request);
        } finally {
            edu.umd.cs.findbugs.SystemProperties.removeProperty(LOCK_GRAPH_PROPERTY);
            edu.umd.cs.findbugs.SystemProperties.removeProperty(LOCK_GRAPH_SCOPE_PROPERTY);
        }
        progress.finish();
        if (lockGraph != null && !quiet) {
            err.println(java.nio.file.Files.exists(lockGraph) ? "gridlock: lock-order graph written to " + lockGraph
                    : "gridlock: no lock-order graph written (is GL_LOCK_ORDER_INVERSION excluded by --only?)");
        }

        int known0 = result.findings().size();
        if (baseline != null) {
            result = result.withFindings(base.newFindings(result.findings()));
            if (!quiet) {
                err.println("gridlock: baseline " + baseline + ": "
                        + Plural.of(known0 - result.findings().size(), "known finding") + " not reported again, "
                        + result.findings().size() + " new");
            }
        }

        for (Problem p : result.problems()) {
            err.println("gridlock: " + p);
        }
        reportAnalysisFailures(result, err);
        if (!result.missingClasses().isEmpty() && !quiet) {
            List<String> some = result.missingClasses().stream().sorted().limit(8).collect(Collectors.toList());
            err.println("gridlock: warning: " + Plural.of(result.missingClasses().size(), "referenced class",
                    "referenced classes") + (result.missingClasses().size() == 1 ? " was" : " were")
                    + " not found (add their jars with --aux-classpath): "
                    + String.join(", ", some) + (result.missingClasses().size() > some.size() ? ", ..." : ""));
        }

        try {
            if (output == null) {
                OutputStream out = parent.out();
                writer(format, cwd, agent, cwd).write(result, out);
                out.flush();
            } else {
                writeFile(result, format, output, agent, cwd, err);
            }
            for (Map.Entry<Format, Path> extra : reports.entrySet()) {
                writeFile(result, extra.getKey(), extra.getValue(), agent, cwd, err);
            }
        } catch (IOException e) {
            err.println("gridlock: cannot write the report: " + GridlockEngine.messageChain(e));
            return ExitCodes.INPUT_ERROR;
        }

        long failing = result.findings().stream().filter(f -> f.priority() <= failOn.maxPriority).count();
        int code = exitCode(result, failing);
        long problems = result.problems().stream().filter(p -> p.kind() != Problem.Kind.WARNING).count();
        if (code == ExitCodes.PARTIAL) {
            err.println("gridlock: partial scan: " + (problems == 0 ? "" : Plural.of(problems, "problem") + " (above)"
                    + (result.analysisFailures().isEmpty() ? "" : " and ")) + (result.analysisFailures().isEmpty() ? ""
                    : Plural.of(result.analysisFailures().size(), "analysis failure")) + "; the report covers"
                    + " everything else; exit code " + code + ".");
        } else if (code > ExitCodes.FINDINGS && problems == 0) {
            // Only warnings (say, a folder without class files): counting "0 problems" would contradict them.
            err.println("gridlock: nothing was analysed" + (result.hasProblems(Problem.Kind.WARNING)
                    ? " (see the warning above)" : "") + "; exit code " + code + ".");
        } else if (code > ExitCodes.FINDINGS) {
            err.println("gridlock: " + Plural.of(problems, "problem")
                    + " (above): the report covers only what could be analysed; exit code " + code + ".");
        } else if (code == ExitCodes.FINDINGS && !quiet) {
            err.println(whyExitCodeIsOne(failing, scansSamples));
        }
        err.flush();
        return code;
    }

    private void writeFile(ScanResult result, Format as, Path file, AgentReport agent, Path cwd, PrintWriter err)
            throws IOException {
        Path parentDir = file.toAbsolutePath().getParent();
        if (parentDir != null) {
            Files.createDirectories(parentDir);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            writer(as, parentDir == null ? cwd : parentDir, agent, cwd).write(result, out);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (!quiet) {
            err.println("gridlock: " + Plural.of(result.findings().size(), "finding") + "; " + as
                    + " report written to " + file);
        }
    }

    /** The writer of one format; {@code base} is where the report goes (links in it are relative to it). */
    private ReportWriter writer(Format as, Path base, AgentReport agent, Path cwd) {
        ReportWriter writer;
        switch (as) {
        case sarif:
            writer = new SarifReportWriter(projectRoot == null ? cwd : projectRoot, Locations.version(),
                    Locations.docs(docsUrl));
            break;
        case xml:
            writer = new XmlReportWriter();
            break;
        case html:
            writer = new HtmlReportWriter(base, projectRoot == null ? cwd : projectRoot, Locations.version(), Locations.docs(docsUrl));
            break;
        default:
            writer = new TextReportWriter(cwd, Locations.docs(docsUrl));
        }
        if (agent != null) {
            writer = new AgentLinkedWriter(writer, as == Format.text ? AgentLinkedWriter.Kind.TEXT
                    : as == Format.sarif ? AgentLinkedWriter.Kind.SARIF : AgentLinkedWriter.Kind.OTHER, agent, cwd);
        }
        return writer;
    }

    /** The gravest exit code that applies: 3, then 2, then 4 (partial), then 1. */
    static int exitCode(ScanResult result, long failingFindings) {
        if (result.hasProblems(Problem.Kind.FAILURE)) {
            return ExitCodes.ANALYSIS_ERROR;
        }
        if (!result.analysisRan()) {
            return ExitCodes.INPUT_ERROR;
        }
        if (result.partial()) {
            return ExitCodes.PARTIAL;
        }
        return failingFindings > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * How many classes and methods could not be analysed, on one line; with --verbose, each one. The plugin's own
     * failures are counted apart from SpotBugs', whose analyses the plugin's findings build on.
     */
    private void reportAnalysisFailures(ScanResult result, PrintWriter err) {
        List<io.github.gridlock.cli.engine.AnalysisFailure> failures = result.analysisFailures();
        if (failures.isEmpty()) {
            return;
        }
        long methods = result.methodsNotAnalysed();
        long classes = failures.stream().filter(io.github.gridlock.cli.engine.AnalysisFailure::onClass).count();
        long engine = failures.stream().filter(f -> !f.gridlock()).count();
        // Whole-program limits are one sentence each, and say what may be missing: always shown.
        failures.stream().filter(io.github.gridlock.cli.engine.AnalysisFailure::wholeProgram)
                .forEach(f -> err.println("gridlock: " + f));
        List<String> parts = new ArrayList<>();
        if (methods > 0) {
            parts.add(Plural.of(methods, "method"));
        }
        if (classes > 0) {
            parts.add(Plural.of(classes, "class", "classes"));
        }
        if (!parts.isEmpty()) {
            err.println("gridlock: " + String.join(" and ", parts) + " could not be analysed; their findings may be"
                    + " missing" + (verbose ? ":" : " (--verbose lists them)"));
        }
        if (verbose) {
            failures.stream().filter(f -> f.method() || f.onClass())
                    .forEach(f -> err.println("gridlock:   cannot analyse " + f));
        }
        if (engine > 0) {
            err.println("gridlock: SpotBugs' own analyses, which Gridlock's build on, failed "
                    + Plural.of(engine, "time") + (verbose ? ":" : " (--verbose lists them)"));
        }
        if (verbose) {
            failures.stream().filter(f -> !f.gridlock()).forEach(f -> err.println("gridlock:   " + f));
        }
    }

    /** The line after the report that says why the scan "failed", so that {@code scan && next} is no surprise. */
    private String whyExitCodeIsOne(long failing, boolean scannedSamples) {
        if (scannedSamples) {
            return "gridlock: exit code 1: the bundled sample code contains these hazards on purpose, and findings"
                    + " at or above --fail-on " + failOn + " fail a scan. Scan your own code with: gridlock scan PATH";
        }
        return "gridlock: exit code 1: " + Plural.of(failing, "finding") + " at or above --fail-on " + failOn
                + " (--fail-on none reports without failing; --baseline FILE fails only on new findings).";
    }
}
