package io.github.gridlock.cli.engine;

import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.FindBugsProgress;
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
import java.util.TreeSet;

/**
 * Runs the SpotBugs engine in-process: a {@link FindBugs2} over a {@link Project}, the global
 * {@link DetectorFactoryCollection} with the Gridlock plugin loaded, SpotBugs' default user preferences (default
 * effort, default priority threshold "medium" unless {@link ScanRequest#minPriority(int)} says otherwise, default
 * rank threshold) and a bug reporter that collects.
 *
 * <p>Two other changes to the defaults: methods too big for SpotBugs' default effort are analysed too (see
 * {@link #analysingHugeMethods}), and unless {@link ScanRequest#withCore()} is set, SpotBugs' own reporting
 * detectors are switched off (they would only cost time, their findings are not reported). Core's non-reporting
 * detectors — the databases other detectors read, and {@code @SuppressFBWarnings} handling — stay on.
 */
public final class GridlockEngine {
    /** How many classes the analysis may crash on (each left out and the scan repeated) before giving up. */
    static final int MAX_CRASHED_CLASSES = 5;

    /** Runs one scan. Never throws for bad input: every problem ends up in {@link ScanResult#problems()}. */
    public ScanResult scan(ScanRequest request) {
        List<Problem> problems = new ArrayList<>();
        List<Plugin> plugins = new ArrayList<>();
        for (Path pluginPath : request.plugins()) {
            try {
                plugins.add(PluginRegistry.load(pluginPath));
            } catch (PluginRegistry.PluginLoadException e) {
                problems.add(new Problem(Problem.Kind.FAILURE, null, e.getMessage()));
            }
        }
        DetectorFactoryCollection dfc = DetectorFactoryCollection.instance();
        Map<String, BugPattern> patterns = reportablePatterns(dfc, plugins, request.withCore());

        InputInspector.Inspection inspection;
        try {
            inspection = new InputInspector().inspect(request.inputs());
        } catch (OutOfMemoryError e) {
            problems.add(new Problem(Problem.Kind.FAILURE, null, needsMoreMemory()));
            return ScanResult.nothingAnalysed(problems, patterns, List.of(), reportProject(request, List.of()));
        }
        problems.addAll(inspection.problems);
        List<Path> sourceRoots = sourceRoots(request, inspection, problems);
        List<Path> aux = auxClasspath(request, problems);
        Project reportProject = reportProject(request, aux);
        if (plugins.isEmpty() && !request.withCore() || inspection.inputs.isEmpty()) {
            return ScanResult.nothingAnalysed(problems, patterns, diskRoots(sourceRoots), reportProject);
        }

        Path lockExport = exportFile(request, problems);
        Set<String> crashedClasses = new TreeSet<>();
        Analysis analysis;
        while (true) {
            analysis = analyse(request, inspection, aux, sourceRoots, crashedClasses, lockExport);
            String crashed = analysis.crashedClass;
            if (crashed == null || crashedClasses.size() >= MAX_CRASHED_CLASSES || !isAnalysed(crashed, inspection)
                    || !crashedClasses.add(crashed)) {
                break;
            }
            problems.add(new Problem(Problem.Kind.ANALYSIS, crashed.replace('/', '.'),
                    "the analysis crashed on this class (" + analysis.crash + "); the class is left out and the"
                            + " rest analysed again without it"));
        }
        problems.addAll(analysis.problems);
        for (String method : analysis.reporter.skippedMethods()) {
            problems.add(new Problem(Problem.Kind.WARNING, null, "method " + method + " not analysed: SpotBugs skips"
                    + " enum initialisers of more than 6000 bytes of code"));
        }
        if (analysis.crashedClass != null) {
            problems.add(new Problem(Problem.Kind.FAILURE, analysis.crashedClass.replace('/', '.'),
                    "the analysis crashed on this class (" + analysis.crash + ")"
                            + (crashedClasses.size() >= MAX_CRASHED_CLASSES ? ", the " + (MAX_CRASHED_CLASSES + 1)
                                    + "th class to crash it: giving up" : "")));
        }

        List<AnalysisFailure> failures = new ArrayList<>();
        for (AnalysisError error : analysis.reporter.errors()) {
            AnalysisFailure failure = toFailure(error, analysis.inputs);
            if (!failures.contains(failure)) {
                failures.add(failure);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (BugInstance bug : analysis.reporter.bugs()) {
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
        String leftBehind = analysis.inputs == null ? null : analysis.inputs.delete();
        if (leftBehind != null) {
            problems.add(new Problem(Problem.Kind.WARNING, null, leftBehind));
        }
        ScanResult result = new ScanResult(findings, problems, failures, analysis.reporter.missingClasses(), patterns,
                diskRoots(sourceRoots), reportProject, analysis.reporter.getProjectStats(),
                analysis.reporter.getProjectStats().getNumClasses(), true);
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
            problems.add(new Problem(Problem.Kind.WARNING, null, "cannot make a temporary file for the lock graph: "
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
            problems.add(new Problem(Problem.Kind.WARNING, file.toString(), "cannot read the lock graph export: "
                    + messageChain(e)));
            return null;
        }
    }

    /** A run after a crash starts again: no graph of an earlier, abandoned run may be taken for this one's. */
    private static void forgetEarlierExport(Path file, List<Problem> problems) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            problems.add(new Problem(Problem.Kind.WARNING, file.toString(), "cannot replace the lock graph export: "
                    + e.getMessage()));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /** One run of the engine over the screened inputs. */
    private static final class Analysis {
        final List<Problem> problems = new ArrayList<>();
        CollectingBugReporter reporter;
        ScreenedInputs inputs;
        /** The class (slashed) the analysis crashed on, if it crashed while analysing one. */
        String crashedClass;
        String crash;
    }

    private Analysis analyse(ScanRequest request, InputInspector.Inspection inspection, List<Path> aux,
            List<Path> sourceRoots, Set<String> leftOut, Path lockExport) {
        Analysis analysis = new Analysis();
        Project project = new Project();
        project.setProjectName("gridlock scan");
        analysis.reporter = new CollectingBugReporter(project);
        try {
            analysis.inputs = ScreenedInputs.of(inspection.inputs, leftOut);
        } catch (IOException | RuntimeException e) {
            analysis.problems.add(new Problem(Problem.Kind.FAILURE, null,
                    "cannot make the screened copies of the inputs: " + messageChain(e)));
            return analysis;
        }
        analysis.inputs.codebases().forEach(c -> project.addFile(c.toAbsolutePath().normalize().toString()));
        aux.forEach(a -> project.addAuxClasspathEntry(a.toString()));
        List<String> roots = new ArrayList<>();
        sourceRoots.forEach(r -> roots.add(r.toString()));
        project.addSourceDirs(roots);

        UserPreferences prefs = preferences(request);
        analysis.reporter.setPriorityThreshold(prefs.getFilterSettings().getMinPriorityAsInt());
        FindBugs2 engine = new FindBugs2();
        try {
            engine.setDetectorFactoryCollection(DetectorFactoryCollection.instance());
            engine.setBugReporter(analysis.reporter);
            engine.setProject(project);
            engine.setUserPreferences(prefs);
            engine.setAnalysisFeatureSettings(analysingHugeMethods(prefs.getAnalysisFeatureSettings()));
            engine.setProgressCallback(new ProgressAdapter(request.progress()));
            for (Path filter : request.excludeFilters()) {
                try {
                    engine.addFilter(filter.toAbsolutePath().toString(), false);
                } catch (IOException | RuntimeException e) {
                    analysis.problems.add(new Problem(Problem.Kind.INPUT, filter.toString(),
                            "cannot read SpotBugs filter file: " + e.getMessage()));
                }
            }
            engine.finishSettings();
            if (lockExport != null) {
                forgetEarlierExport(lockExport, analysis.problems);
                edu.umd.cs.findbugs.SystemProperties.setProperty(LOCK_EXPORT_PROPERTY, lockExport.toString());
            }
            engine.execute();
        } catch (IOException e) {
            analysis.problems.add(new Problem(Problem.Kind.FAILURE, null, "the engine could not read the inputs: "
                    + analysis.inputs.withInputPaths(messageChain(e))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            analysis.problems.add(new Problem(Problem.Kind.FAILURE, null, "interrupted"));
        } catch (RuntimeException | Error e) {
            if (causedBy(e, OutOfMemoryError.class)) {
                analysis.problems.add(new Problem(Problem.Kind.FAILURE, null, needsMoreMemory()));
            } else if (crashedWhileAnalysingAClass(e) && engine.getCurrentClass() != null) {
                analysis.crashedClass = engine.getCurrentClass().replace('.', '/');
                analysis.crash = analysis.inputs.withInputPaths(messageChain(e.getCause().getCause()));
                analysis.inputs.delete();
            } else if (e instanceof RuntimeException || e instanceof LinkageError || e instanceof AssertionError
                    || e instanceof StackOverflowError) {
                analysis.problems.add(new Problem(Problem.Kind.FAILURE, null, "the engine failed: "
                        + analysis.inputs.withInputPaths(messageChain(e))));
            } else {
                throw (Error) e;
            }
        } finally {
            if (lockExport != null) {
                edu.umd.cs.findbugs.SystemProperties.removeProperty(LOCK_EXPORT_PROPERTY);
            }
            engine.dispose();
        }
        return analysis;
    }

    /**
     * SpotBugs' default effort skips methods of more than 6,000 bytes of code (2,000 for static initialisers), and
     * says so nowhere: a lock taken in a generated or hand-unrolled method would go unseen. Gridlock analyses them
     * (the last setting wins). Only enum initialisers over 6,000 bytes stay skipped, which SpotBugs does at any
     * effort; those are named as warnings.
     */
    private static edu.umd.cs.findbugs.config.AnalysisFeatureSetting[] analysingHugeMethods(
            edu.umd.cs.findbugs.config.AnalysisFeatureSetting[] settings) {
        edu.umd.cs.findbugs.config.AnalysisFeatureSetting[] result = java.util.Arrays.copyOf(settings,
                settings.length + 1);
        result[settings.length] = new edu.umd.cs.findbugs.config.AnalysisFeatureSetting(
                edu.umd.cs.findbugs.ba.AnalysisFeatures.SKIP_HUGE_METHODS, false);
        return result;
    }

    /**
     * SpotBugs catches what a detector throws while it analyses a class, except errors, which end the whole
     * analysis: {@code AnalysisException("Exception was thrown during analysis", ExecutionException(error))}.
     */
    private static boolean crashedWhileAnalysingAClass(Throwable e) {
        return e instanceof edu.umd.cs.findbugs.ba.AnalysisException
                && e.getCause() instanceof java.util.concurrent.ExecutionException && e.getCause().getCause() != null;
    }

    private static boolean isAnalysed(String slashedClass, InputInspector.Inspection inspection) {
        return inspection.inputs.stream().flatMap(i -> i.accepted.values().stream())
                .anyMatch(c -> c.className().equals(slashedClass));
    }

    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** What to say when the heap was too small: the maximum heap of this run, and one to try (twice as much). */
    public static String needsMoreMemory() {
        long max = Runtime.getRuntime().maxMemory();
        long suggestMegabytes = Math.max(1024, Math.round(2.0 * max / (1024 * 1024) / 512) * 512);
        String suggest = suggestMegabytes % 1024 == 0 ? suggestMegabytes / 1024 + "g" : suggestMegabytes + "m";
        return "needs more memory: use -Xmx" + suggest + " (this run had " + (max / (1024 * 1024))
                + " MB): JAVA_OPTS=-Xmx" + suggest + " ./gridlock scan ..., or java -Xmx" + suggest
                + " -jar gridlock-cli.jar scan ...";
    }

    private UserPreferences preferences(ScanRequest request) {
        UserPreferences prefs = UserPreferences.createDefaultUserPreferences();
        prefs.getFilterSettings().setMinPriority(
                edu.umd.cs.findbugs.config.ProjectFilterSettings.getIntPriorityAsString(request.minPriority()));
        if (!request.withCore()) {
            for (DetectorFactory factory : DetectorFactoryCollection.instance().getFactories()) {
                if (factory.getPlugin().isCorePlugin() && factory.isReportingDetector()
                        && !factory.getReportedBugPatterns().isEmpty()) {
                    prefs.enableDetector(factory, false);
                }
            }
        }
        return prefs;
    }

    private static List<Path> sourceRoots(ScanRequest request, InputInspector.Inspection inspection,
            List<Problem> problems) {
        List<Path> sourceRoots = new ArrayList<>();
        for (Path p : request.sourcePath()) {
            if (Files.exists(p)) {
                sourceRoots.add(p.toAbsolutePath().normalize());
            } else {
                problems.add(new Problem(Problem.Kind.WARNING, p.toString(), "source path entry not found"));
            }
        }
        for (Path p : inspection.sourceRoots) {
            Path abs = p.toAbsolutePath().normalize();
            if (!sourceRoots.contains(abs)) {
                sourceRoots.add(abs);
            }
        }
        return sourceRoots;
    }

    private static List<Path> auxClasspath(ScanRequest request, List<Problem> problems) {
        List<Path> aux = new ArrayList<>();
        for (Path entry : request.auxClasspath()) {
            if (Files.isRegularFile(entry) && !isZip(entry)) {
                problems.add(new Problem(Problem.Kind.INPUT, entry.toString(),
                        "aux classpath entry is not a readable jar or zip file; skipped"));
            } else if (Files.exists(entry)) {
                aux.add(entry.toAbsolutePath().normalize());
            } else {
                problems.add(new Problem(Problem.Kind.INPUT, entry.toString(), "aux classpath entry not found; skipped"));
            }
        }
        return aux;
    }

    /** The project as the reports describe it: the inputs as given, never a screened copy. */
    private static Project reportProject(ScanRequest request, List<Path> aux) {
        Project project = new Project();
        project.setProjectName("gridlock scan");
        request.inputs().forEach(i -> project.addFile(i.toAbsolutePath().normalize().toString()));
        aux.forEach(a -> project.addAuxClasspathEntry(a.toString()));
        return project;
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

    private static AnalysisFailure toFailure(AnalysisError error, ScreenedInputs inputs) {
        String message = error.getMessage() == null ? "unknown error" : error.getMessage();
        String exception = error.getExceptionMessage() == null ? "" : error.getExceptionMessage();
        if (inputs != null) {
            message = inputs.withInputPaths(message);
            exception = inputs.withInputPaths(exception);
        }
        if (message.startsWith(AnalysisFailure.GRIDLOCK_PREFIX)) {
            return new AnalysisFailure(message.substring(AnalysisFailure.GRIDLOCK_PREFIX.length()), true, exception);
        }
        if (message.startsWith(AnalysisFailure.PLUGIN_PREFIX)) {
            return new AnalysisFailure(message.substring(AnalysisFailure.PLUGIN_PREFIX.length()), true,
                    message.contains(exception) ? "" : exception);
        }
        return new AnalysisFailure(message, false, message.contains(exception) ? "" : exception);
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
