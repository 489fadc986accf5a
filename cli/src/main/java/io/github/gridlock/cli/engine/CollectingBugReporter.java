package io.github.gridlock.cli.engine;

import edu.umd.cs.findbugs.AbstractBugReporter;
import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.SortedBugCollection;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The Gridlock bug reporter: collects what SpotBugs reports (after its priority and rank filtering) and errors. */
final class CollectingBugReporter extends AbstractBugReporter {
    private final SortedBugCollection collection;
    private final List<BugInstance> bugs = new ArrayList<>();
    private final List<AnalysisError> errors = new ArrayList<>();
    private final Set<String> missing = new LinkedHashSet<>();
    private final Set<String> skipped = new java.util.TreeSet<>();

    CollectingBugReporter(Project project) {
        this.collection = new SortedBugCollection(getProjectStats(), project);
    }

    @Override
    protected void doReportBug(BugInstance bug) {
        synchronized (this) {
            bugs.add(bug);
            collection.add(bug);
        }
        notifyObservers(bug);
    }

    @Override
    public synchronized void reportAnalysisError(AnalysisError error) {
        errors.add(error);
    }

    /** SpotBugs skipped a method it judged too big to analyse; {@link AbstractBugReporter} drops these. */
    @Override
    public synchronized void reportSkippedAnalysis(edu.umd.cs.findbugs.classfile.MethodDescriptor method) {
        skipped.add(method.getClassDescriptor().getDottedClassName() + "." + method.getName()
                + method.getSignature());
    }

    synchronized List<String> skippedMethods() {
        return new ArrayList<>(skipped);
    }

    @Override
    public synchronized void reportMissingClass(String className) {
        missing.add(className);
    }

    @Override
    public void finish() {
        // nothing buffered
    }

    @Override
    public void observeClass(ClassDescriptor classDescriptor) {
        // the project stats count classes
    }

    @Override
    public BugCollection getBugCollection() {
        return collection;
    }

    synchronized List<BugInstance> bugs() {
        return new ArrayList<>(bugs);
    }

    /** Errors logged by the engine, in the order they happened (queued ones are flushed first). */
    synchronized List<AnalysisError> errors() {
        reportQueuedErrors();
        List<AnalysisError> copy = new ArrayList<>(errors);
        errors.clear();
        return copy;
    }

    synchronized Set<String> missingClasses() {
        Set<String> all = new LinkedHashSet<>(missing);
        all.addAll(getMissingClasses());
        return all;
    }
}
