package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.NonReportingDetector;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;

/**
 * Runs in SpotBugs' first pass (findbugs.xml orders it before every Gridlock reporting detector) and summarises
 * every method of every analysed class into {@link ProgramFacts}, so that whole-program facts (thread entries,
 * field accesses, callers) are complete before any family asks for them. Reports nothing.
 */
public class ProgramFactsCollector implements Detector, NonReportingDetector {

    public ProgramFactsCollector(BugReporter bugReporter) {
        // Reports nothing; the constructor is the one SpotBugs calls.
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        // The first pass visits referenced library classes too; only analysed classes have facts.
        if (AnalysisContext.currentAnalysisContext().isApplicationClass(classContext.getClassDescriptor())) {
            GridlockAnalysis.current().program().collect(classContext);
        }
    }

    @Override
    public void report() {
        // Nothing to report.
    }
}
