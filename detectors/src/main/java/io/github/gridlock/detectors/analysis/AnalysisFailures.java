package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.MethodUnprofitableException;
import edu.umd.cs.findbugs.ba.MissingClassException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.Method;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one place where Gridlock decides what a failure to analyse costs: one bad method never stops the
 * scan, and nothing is dropped silently.
 *
 * <ul>
 * <li>A method SpotBugs declines as too big ({@link MethodUnprofitableException}) is skipped, as SpotBugs'
 * own detectors skip it; it is not counted.</li>
 * <li>A class missing from the aux classpath goes to SpotBugs' own missing-class report (the user fixes it
 * with the aux classpath); it is not a Gridlock failure.</li>
 * <li>Anything else is logged once per method through SpotBugs' analysis-error channel, with the message
 * prefix {@link #PREFIX} (the CLI counts and lists these), and the method is then treated as having no
 * facts: it only loses findings.</li>
 * </ul>
 * One instance per analysis (held by {@link GridlockAnalysis}), so counts never leak between analyses.
 */
public final class AnalysisFailures {
    /** Prefix of every failure message: tools count messages that start with it. */
    public static final String PREFIX = "Gridlock: cannot analyse ";

    private final Set<String> failed = new LinkedHashSet<>();

    /** A method could not be analysed. */
    public void methodFailed(String className, Method method, Throwable failure) {
        record(className + "." + method.getName() + method.getSignature(), failure);
    }

    /** A method could not be analysed. */
    public void methodFailed(MethodDescriptor method, Throwable failure) {
        record(method.getSlashedClassName().replace('/', '.') + "." + method.getName() + method.getSignature(), failure);
    }

    /** A class could not be read; {@code dottedName} names it. */
    public void classFailed(String dottedName, Throwable failure) {
        record(dottedName, failure);
    }

    private void record(String what, Throwable failure) {
        if (failure instanceof MethodUnprofitableException) {
            return;
        }
        if (reportedAsMissingClass(failure)) {
            return;
        }
        boolean first;
        synchronized (failed) {
            first = failed.add(what);
        }
        if (first) {
            AnalysisContext.logError(PREFIX + what, failure instanceof Exception ? (Exception) failure
                    : new RuntimeException(failure));
        }
    }

    private static boolean reportedAsMissingClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClassNotFoundException) {
                AnalysisContext.reportMissingClass((ClassNotFoundException) t);
                return true;
            }
            if (t instanceof MissingClassException) {
                AnalysisContext.reportMissingClass((MissingClassException) t);
                return true;
            }
            if (t instanceof edu.umd.cs.findbugs.classfile.MissingClassException) {
                AnalysisContext.currentAnalysisContext().getLookupFailureCallback().reportMissingClass(
                        ((edu.umd.cs.findbugs.classfile.MissingClassException) t).getClassDescriptor());
                return true;
            }
        }
        return false;
    }

    /** How many methods and classes could not be analysed so far. */
    public int count() {
        synchronized (failed) {
            return failed.size();
        }
    }

    /** What could not be analysed, in the order it happened. */
    public Set<String> failed() {
        synchronized (failed) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(failed));
        }
    }
}
