package io.github.gridlock.cli.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What to scan and how. Everything not set here is SpotBugs' default (effort, priority threshold, rank). */
public final class ScanRequest {
    private final List<Path> inputs = new ArrayList<>();
    private final List<Path> auxClasspath = new ArrayList<>();
    private final List<Path> sourcePath = new ArrayList<>();
    private final List<Path> plugins = new ArrayList<>();
    private final List<Path> excludeFilters = new ArrayList<>();
    private final Set<String> onlyCodes = new LinkedHashSet<>();
    private boolean withCore;
    private int minPriority = DEFAULT_MIN_PRIORITY;
    private ProgressListener progress = ProgressListener.NONE;
    private Path lockExport;
    private boolean lockGraph;

    /** SpotBugs' default threshold: medium (normal) and high findings are reported, low ones are not. */
    public static final int DEFAULT_MIN_PRIORITY = edu.umd.cs.findbugs.Priorities.NORMAL_PRIORITY;

    public ScanRequest addInput(Path p) {
        inputs.add(p);
        return this;
    }

    public ScanRequest addAuxClasspath(Path p) {
        auxClasspath.add(p);
        return this;
    }

    public ScanRequest addSourcePath(Path p) {
        sourcePath.add(p);
        return this;
    }

    /** A plugin jar (or exploded plugin folder) to load as a SpotBugs plugin. */
    public ScanRequest addPlugin(Path p) {
        plugins.add(p);
        return this;
    }

    /** A SpotBugs filter file whose matches are left out of the report. */
    public ScanRequest addExcludeFilter(Path p) {
        excludeFilters.add(p);
        return this;
    }

    /** Report only these bug codes (empty: all of the plugins' codes). */
    public ScanRequest only(Set<String> codes) {
        onlyCodes.addAll(codes);
        return this;
    }

    /** Also run and report SpotBugs' own (core) detectors. */
    public ScanRequest withCore(boolean withCore) {
        this.withCore = withCore;
        return this;
    }

    /**
     * The lowest priority reported, as a SpotBugs priority: 1 high only, 2 medium and high (the default), 3 low too.
     */
    public ScanRequest minPriority(int priority) {
        if (priority < edu.umd.cs.findbugs.Priorities.HIGH_PRIORITY
                || priority > edu.umd.cs.findbugs.Priorities.LOW_PRIORITY) {
            throw new IllegalArgumentException("priority must be 1 (high), 2 (medium) or 3 (low): " + priority);
        }
        this.minPriority = priority;
        return this;
    }

    public int minPriority() {
        return minPriority;
    }

    /**
     * Write the lock-order detector's lock graph export (lock identities, edges with their sites, method summaries,
     * open calls: what a cross-module merge reads) to this file; the result then carries the graph too.
     */
    public ScanRequest lockExport(Path file) {
        this.lockExport = file;
        return this;
    }

    /** Keep the lock-order graph in the result ({@link ScanResult#lockGraph()}), for writers that draw it. */
    public ScanRequest withLockGraph(boolean lockGraph) {
        this.lockGraph = lockGraph;
        return this;
    }

    public Path lockExport() {
        return lockExport;
    }

    public boolean withLockGraph() {
        return lockGraph || lockExport != null;
    }

    public ScanRequest progress(ProgressListener progress) {
        this.progress = progress == null ? ProgressListener.NONE : progress;
        return this;
    }

    public List<Path> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<Path> auxClasspath() {
        return Collections.unmodifiableList(auxClasspath);
    }

    public List<Path> sourcePath() {
        return Collections.unmodifiableList(sourcePath);
    }

    public List<Path> plugins() {
        return Collections.unmodifiableList(plugins);
    }

    public List<Path> excludeFilters() {
        return Collections.unmodifiableList(excludeFilters);
    }

    public Set<String> onlyCodes() {
        return Collections.unmodifiableSet(onlyCodes);
    }

    public boolean withCore() {
        return withCore;
    }

    public ProgressListener progress() {
        return progress;
    }
}
