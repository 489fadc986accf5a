package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.MethodUnprofitableException;
import org.apache.bcel.classfile.Method;

/**
 * What Gridlock does when a method cannot be analysed: one bad method never stops the scan. A method
 * SpotBugs declines as too big ({@link MethodUnprofitableException}) is skipped silently, as SpotBugs'
 * own detectors skip it; anything else is logged once with SpotBugs' analysis errors, naming the method.
 */
public final class AnalysisFailures {
    private AnalysisFailures() {
    }

    public static void log(String className, Method method, Exception failure) {
        if (failure instanceof MethodUnprofitableException) {
            return;
        }
        AnalysisContext.logError("Gridlock: cannot analyse " + className + "." + method.getName() + method.getSignature(),
                failure);
    }
}
