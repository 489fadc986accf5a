package io.github.gridlock.cli.engine;

import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.FindBugsProgress;
import edu.umd.cs.findbugs.IClassScreener;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.config.UserPreferences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the SpotBugs engine in-process: a {@link FindBugs2} over a {@link Project}, the global
 * {@link DetectorFactoryCollection} with the Gridlock plugin loaded, SpotBugs' default user preferences (default
 * effort, default priority threshold "medium" unless {@link ScanRequest#minPriority(int)} says otherwise, default
 * rank threshold) and a bug reporter that collects.
 *
 * <p>Only one other change to the defaults: unless {@link ScanRequest#withCore()} is set, SpotBugs' own reporting
 * detectors are switched off (they would only cost time, their findings are not reported). Core's non-reporting
 * detectors — the databases other detectors read, and {@code @SuppressFBWarnings} handling — stay on.
 */
public final class GridlockEngine {

    /** Runs one scan. Never throws for bad input: every problem ends up in {@link ScanResult#problems()}. */
    public ScanResult scan(ScanRequest request) {
        List<Problem> problems = new ArrayList<>();
        List<Plugin> plugins = new ArrayList<>();
        for (Path pluginPath : request.plugins()) {
            try {
                plugins.add(PluginRegistry.load(pluginPath));
            } catch (PluginRegistry.PluginLoadException e) {
                problems.add(new Problem(Problem.Kind.ANALYSIS, null, e.getMessage()));
            }
        }
        DetectorFactoryCollection dfc = DetectorFactoryCollection.instance();
        Map<String, BugPattern> patterns = reportablePatterns(dfc, plugins, request.withCore());
        Project project = new Project();
        project.setProjectName("gridlock scan");

        InputInspector.Inspection inspection = new InputInspector().inspect(request.inputs());
        problems.addAll(inspection.problems);
        List<Path> sourceRoots = new ArrayList<>();
        for (Path p : request.sourcePath()) {
            if (Files.exists(p)) {
                sourceRoots.add(p.toAbsolutePath().normalize());
            } else {
                problems.add(new Problem(Problem.Kind.INPUT, p.toString(), "source path entry not found"));
            }
        }
        for (Path p : inspection.sourceRoots) {
            Path abs = p.toAbsolutePath().normalize();
            if (!sourceRoots.contains(abs)) {
                sourceRoots.add(abs);
            }
        }
        if (plugins.isEmpty() && !request.withCore() || inspection.codebases.isEmpty()) {
            return new ScanResult(List.of(), problems, Set.of(), patterns, diskRoots(sourceRoots), project,
                    new edu.umd.cs.findbugs.ProjectStats(), 0, false);
        }

        for (Path codebase : inspection.codebases) {
            project.addFile(codebase.toAbsolutePath().normalize().toString());
        }
        for (Path aux : request.auxClasspath()) {
            if (Files.isRegularFile(aux) && !isZip(aux)) {
                problems.add(new Problem(Problem.Kind.INPUT, aux.toString(),
                        "aux classpath entry is not a readable jar or zip file; skipped"));
            } else if (Files.exists(aux)) {
                project.addAuxClasspathEntry(aux.toAbsolutePath().normalize().toString());
            } else {
                problems.add(new Problem(Problem.Kind.INPUT, aux.toString(), "aux classpath entry not found; skipped"));
            }
        }
        List<String> roots = new ArrayList<>();
        sourceRoots.forEach(r -> roots.add(r.toString()));
        project.addSourceDirs(roots);

        UserPreferences prefs = UserPreferences.createDefaultUserPreferences();
        prefs.getFilterSettings().setMinPriority(
                edu.umd.cs.findbugs.config.ProjectFilterSettings.getIntPriorityAsString(request.minPriority()));
        if (!request.withCore()) {
            for (DetectorFactory factory : dfc.getFactories()) {
                if (factory.getPlugin().isCorePlugin() && factory.isReportingDetector()
                        && !factory.getReportedBugPatterns().isEmpty()) {
                    prefs.enableDetector(factory, false);
                }
            }
        }

        CollectingBugReporter reporter = new CollectingBugReporter(project);
        Path lockExport = null;
        reporter.setPriorityThreshold(prefs.getFilterSettings().getMinPriorityAsInt());
        FindBugs2 engine = new FindBugs2();
        try {
            engine.setDetectorFactoryCollection(dfc);
            engine.setBugReporter(reporter);
            engine.setProject(project);
            engine.setUserPreferences(prefs);
            engine.setProgressCallback(new ProgressAdapter(request.progress()));
            if (!inspection.unusableClasses.isEmpty()) {
                engine.setClassScreener(new SkipClasses(inspection.unusableClasses));
            }
            for (Path filter : request.excludeFilters()) {
                try {
                    engine.addFilter(filter.toAbsolutePath().toString(), false);
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem(Problem.Kind.INPUT, filter.toString(),
                            "cannot read SpotBugs filter file: " + e.getMessage()));
                }
            }
            engine.finishSettings();
            lockExport = exportFile(request, problems);
            if (lockExport != null) {
                edu.umd.cs.findbugs.SystemProperties.setProperty(LOCK_EXPORT_PROPERTY, lockExport.toString());
            }
            engine.execute();
        } catch (IOException e) {
            problems.add(new Problem(Problem.Kind.ANALYSIS, null, "the engine could not read the inputs: "
                    + messageChain(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(new Problem(Problem.Kind.ANALYSIS, null, "interrupted"));
        } catch (RuntimeException | LinkageError e) {
            problems.add(new Problem(Problem.Kind.ANALYSIS, null, "the engine failed: " + messageChain(e)));
        } catch (OutOfMemoryError e) {
            problems.add(new Problem(Problem.Kind.ANALYSIS, null,
                    "out of memory; give the JVM more with JAVA_OPTS=-Xmx4g"));
        } finally {
            if (lockExport != null) {
                edu.umd.cs.findbugs.SystemProperties.removeProperty(LOCK_EXPORT_PROPERTY);
            }
        }

        for (AnalysisError error : reporter.errors()) {
            Problem p = toProblem(error, inspection.unusableClasses);
            if (p != null && !problems.contains(p)) {
                problems.add(p);
            }
        }

        List<Finding> findings = new ArrayList<>();
        for (BugInstance bug : reporter.bugs()) {
            String type = bug.getType();
            if (!patterns.containsKey(type)) {
                continue;
            }
            if (!request.onlyCodes().isEmpty() && !request.onlyCodes().contains(type)) {
                continue;
            }
            Finding finding = new Finding(bug);
            finding.setSourceFile(locate(finding.sourcePath(), sourceRoots));
            for (Finding.Site site : finding.otherSites()) {
                site.setSourceFile(locate(site.sourcePath(), sourceRoots));
            }
            findings.add(finding);
        }
        ScanResult result = new ScanResult(findings, problems, reporter.missingClasses(), patterns,
                diskRoots(sourceRoots), project, reporter.getProjectStats(), reporter.getProjectStats().getNumClasses(),
                true);
        if (lockExport != null) {
            result.setLockGraph(readLockGraph(lockExport, problems));
            if (request.lockExport() == null) {
                deleteQuietly(lockExport);
            }
        }
        return result;
    }

    /** The SpotBugs property the lock-order detector reads (LockGraphExport.PROPERTY in the plugin). */
    static final String LOCK_EXPORT_PROPERTY = "gridlock.lockExport";

    /** Where the detector writes its lock graph export for this scan: the asked-for file, or a temporary one. */
    private static Path exportFile(ScanRequest request, List<Problem> problems) {
        if (!request.withLockGraph()) {
            return null;
        }
        if (request.lockExport() != null) {
            Path file = request.lockExport().toAbsolutePath().normalize();
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                problems.add(new Problem(Problem.Kind.INPUT, file.toString(), "cannot replace: " + e.getMessage()));
            }
            return file;
        }
        try {
            Path tmp = Files.createTempFile("gridlock-locks", ".json");
            Files.delete(tmp);
            return tmp;
        } catch (IOException e) {
            problems.add(new Problem(Problem.Kind.ANALYSIS, null, "cannot make a temporary file for the lock graph: "
                    + e.getMessage()));
            return null;
        }
    }

    private static LockGraph readLockGraph(Path file, List<Problem> problems) {
        if (!Files.isRegularFile(file)) {
            return null; // the lock-order detector did not run (e.g. --only without GL_LOCK_ORDER_INVERSION)
        }
        try {
            return LockGraph.read(file);
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(Problem.Kind.ANALYSIS, file.toString(), "cannot read the lock graph export: "
                    + messageChain(e)));
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /** The patterns of the given plugins (and of core when asked), sorted by type. */
    static Map<String, BugPattern> reportablePatterns(DetectorFactoryCollection dfc, List<Plugin> plugins,
            boolean withCore) {
        Map<String, BugPattern> patterns = new TreeMap<>();
        for (Plugin plugin : plugins) {
            for (BugPattern p : plugin.getBugPatterns()) {
                patterns.put(p.getType(), p);
            }
        }
        if (withCore) {
            for (BugPattern p : dfc.getCorePlugin().getBugPatterns()) {
                patterns.putIfAbsent(p.getType(), p);
            }
        }
        return patterns;
    }

    private static boolean isZip(Path file) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return zip.size() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> diskRoots(List<Path> roots) {
        List<Path> dirs = new ArrayList<>();
        for (Path r : roots) {
            if (Files.isDirectory(r)) {
                dirs.add(r);
            }
        }
        return dirs;
    }

    private static Path locate(String sourcePath, List<Path> roots) {
        if (sourcePath == null) {
            return null;
        }
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                Path candidate = root.resolve(sourcePath);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static Problem toProblem(AnalysisError error, Set<String> alreadyReported) {
        String message = error.getMessage() == null ? "unknown error" : error.getMessage();
        String exception = error.getExceptionMessage();
        for (String skipped : alreadyReported) {
            String slashed = skipped.replaceAll("\\.class$", "");
            String dotted = slashed.replace('/', '.');
            String text = message + " " + (exception == null ? "" : exception);
            if (text.contains(slashed + " ") || text.contains(dotted + " ") || text.endsWith(slashed)
                    || text.endsWith(dotted) || text.contains(skipped)) {
                return null; // already named by the input check
            }
        }
        if (exception != null && !exception.isBlank() && !message.contains(exception)) {
            message = message + ": " + exception;
        }
        return new Problem(Problem.Kind.ANALYSIS, null, message);
    }

    public static String messageChain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            String m = c.getMessage();
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m == null || m.isBlank() ? c.getClass().getSimpleName() : m);
        }
        return sb.toString();
    }

    /** Keeps the classes the input check found unusable away from the engine. */
    private static final class SkipClasses implements IClassScreener {
        private final Set<String> skipped;

        SkipClasses(Set<String> skipped) {
            this.skipped = skipped;
        }

        @Override
        public boolean matches(String fileName) {
            String name = fileName.replace('\\', '/');
            for (String s : skipped) {
                if (name.endsWith(s)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean vacuous() {
            return false;
        }
    }

    /** Turns SpotBugs' progress callbacks into {@link ProgressListener} calls. */
    private static final class ProgressAdapter implements FindBugsProgress {
        private final ProgressListener listener;
        private int[] passClassCounts = new int[0];
        private int pass;
        private int done;
        private int total;
        private int archives;
        private int archivesDone;

        ProgressAdapter(ProgressListener listener) {
            this.listener = listener;
        }

        @Override
        public void reportNumberOfArchives(int numArchives) {
            archives = numArchives;
            listener.phase("scanning " + numArchives + (numArchives == 1 ? " archive or folder" : " archives and folders"));
        }

        @Override
        public void startArchive(String name) {
        }

        @Override
        public void finishArchive() {
            archivesDone++;
        }

        @Override
        public void predictPassCount(int[] classesPerPass) {
            passClassCounts = classesPerPass.clone();
        }

        @Override
        public void startAnalysis(int numClasses) {
            pass++;
            done = 0;
            total = numClasses;
            listener.phase("analysis pass " + pass + " of " + Math.max(pass, passClassCounts.length) + ": "
                    + numClasses + " classes");
        }

        @Override
        public void finishClass() {
            done++;
            listener.classesDone(pass, Math.max(pass, passClassCounts.length), done, total);
        }

        @Override
        public void finishPerClassAnalysis() {
        }

        @Override
        public String toString() {
            return "archives " + archivesDone + "/" + archives;
        }
    }

    /** For tests and the CLI: the Gridlock codes of the loaded plugins. */
    public static Map<String, BugPattern> pluginPatterns(List<Plugin> plugins) {
        Map<String, BugPattern> result = new LinkedHashMap<>();
        for (Plugin p : plugins) {
            for (BugPattern bp : p.getBugPatterns()) {
                result.put(bp.getType(), bp);
            }
        }
        return result;
    }
}
