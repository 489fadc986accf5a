package io.github.gridlock.cli.engine;

import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.ProjectStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The outcome of one scan: findings in report order, the problems met, and what the writers need to describe them. */
public final class ScanResult {
    private final List<Finding> findings;
    private final List<Problem> problems;
    private final List<AnalysisFailure> analysisFailures;
    private final Set<String> missingClasses;
    private final Map<String, BugPattern> patterns;
    private final List<Path> sourceRoots;
    private final Project project;
    private final ProjectStats stats;
    private final int classesAnalysed;
    private final boolean analysisRan;
    private LockGraph lockGraph;

    ScanResult(List<Finding> findings, List<Problem> problems, List<AnalysisFailure> analysisFailures,
            Set<String> missingClasses, Map<String, BugPattern> patterns, List<Path> sourceRoots, Project project,
            ProjectStats stats, int classesAnalysed, boolean analysisRan) {
        this.findings = new ArrayList<>(findings);
        this.findings.sort(Finding.REPORT_ORDER);
        this.problems = List.copyOf(problems);
        this.analysisFailures = List.copyOf(analysisFailures);
        this.missingClasses = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(missingClasses));
        this.patterns = Collections.unmodifiableMap(new java.util.TreeMap<>(patterns));
        this.sourceRoots = List.copyOf(sourceRoots);
        this.project = project;
        this.stats = stats;
        this.classesAnalysed = classesAnalysed;
        this.analysisRan = analysisRan;
    }

    /** A scan that analysed nothing: no input was usable, or no plugin could be loaded. */
    static ScanResult nothingAnalysed(List<Problem> problems, Map<String, BugPattern> patterns,
            List<Path> sourceRoots, Project project) {
        return new ScanResult(List.of(), problems, List.of(), Set.of(), patterns, sourceRoots, project,
                new ProjectStats(), 0, false);
    }

    /** The same result with other findings (used by the baseline). */
    public ScanResult withFindings(List<Finding> newFindings) {
        ScanResult r = new ScanResult(newFindings, problems, analysisFailures, missingClasses, patterns, sourceRoots,
                project, stats, classesAnalysed, analysisRan);
        r.lockGraph = lockGraph;
        return r;
    }

    /** The whole-program lock-order graph, when the request asked for it and the lock-order detector ran; else null. */
    public LockGraph lockGraph() {
        return lockGraph;
    }

    void setLockGraph(LockGraph lockGraph) {
        this.lockGraph = lockGraph;
    }

    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    public List<Problem> problems() {
        return problems;
    }

    public boolean hasProblems(Problem.Kind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }

    /**
     * The classes and methods that were not (wholly) analysed, in the order the analysis met them: their findings
     * may be missing. The inputs the screen left out are {@link #problems()}, not here.
     */
    public List<AnalysisFailure> analysisFailures() {
        return analysisFailures;
    }

    /** How many methods the Gridlock plugin could not analyse. */
    public long methodsNotAnalysed() {
        return analysisFailures.stream().filter(AnalysisFailure::method).count();
    }

    /**
     * True when the report covers less than the inputs: an input, class or method was left out or could not be
     * analysed, while the rest was.
     */
    public boolean partial() {
        return analysisRan && (hasProblems(Problem.Kind.INPUT) || hasProblems(Problem.Kind.ANALYSIS)
                || !analysisFailures.isEmpty());
    }

    /** Classes referenced by the analysed code but found neither in the inputs nor on the aux classpath. */
    public Set<String> missingClasses() {
        return missingClasses;
    }

    /** The bug patterns this scan reports (all of the plugins' patterns, plus core's with --with-core), by type. */
    public Map<String, BugPattern> patterns() {
        return patterns;
    }

    /** Source folders on disk (given with --source-path or found beside Maven output folders). */
    public List<Path> sourceRoots() {
        return sourceRoots;
    }

    public Project project() {
        return project;
    }

    public ProjectStats stats() {
        return stats;
    }

    public int classesAnalysed() {
        return classesAnalysed;
    }

    /** False when nothing could be analysed (every input was unusable, or the engine could not start). */
    public boolean analysisRan() {
        return analysisRan;
    }
}
