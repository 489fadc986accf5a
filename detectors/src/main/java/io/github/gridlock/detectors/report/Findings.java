package io.github.gridlock.detectors.report;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.classfile.Method;

/** Builds Gridlock's BugInstances the same way for every detector: class, method, then the line. */
public final class Findings {
    private Findings() {
    }

    /** A finding in {@code method} at {@code location}, annotated with class and method ({0} and {1}). */
    public static BugInstance at(Detector detector, String type, int priority, ClassContext classContext, Method method,
            Location location) {
        BugInstance bug = new BugInstance(detector, type, priority).addClassAndMethod(classContext.getJavaClass(), method);
        bug.addSourceLine(SourceLineAnnotation.fromVisitedInstruction(classContext, method, location));
        return bug;
    }
}
