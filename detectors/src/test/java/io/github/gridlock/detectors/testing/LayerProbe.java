package io.github.gridlock.detectors.testing;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.HeldLockSet;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodSummary;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, while SpotBugs runs, what the analysis layer says about every method of the classes
 * under {@code io.github.gridlock.detectors.inputs}: the locks held at each source line and the
 * method's summary. Tests read {@link #RESULTS} afterwards.
 */
public class LayerProbe implements Detector {
    /** Per method ({@code Class.method}): the facts recorded. */
    public static final Map<String, Recorded> RESULTS = new ConcurrentHashMap<>();

    /** What one method looked like to the layer. */
    public static final class Recorded {
        /** Source line -> locks held before the first instruction of that line (as HeldLock.toString without pcs). */
        public final Map<Integer, List<String>> heldAtLine = new TreeMap<>();
        public MethodSummary summary;
    }

    public LayerProbe(BugReporter reporter) {
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        String className = classContext.getJavaClass().getClassName();
        if (!className.startsWith("io.github.gridlock.detectors.inputs.")) {
            return;
        }
        GridlockAnalysis analysis = GridlockAnalysis.current();
        for (Method method : classContext.getJavaClass().getMethods()) {
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            Recorded recorded = new Recorded();
            try {
                for (Location location : facts.locations()) {
                    int line = facts.lineOf(location.getHandle().getPosition());
                    if (recorded.heldAtLine.containsKey(line)) {
                        continue;
                    }
                    HeldLockSet held = facts.heldAt(location);
                    if (!held.isValid()) {
                        continue;
                    }
                    List<String> names = new ArrayList<>();
                    for (HeldLock h : held.locks()) {
                        names.add(h.lock().describe() + (h.count() > 1 ? " x" + h.count() : "") + (h.isOnSomePathsOnly() ? " ?" : ""));
                    }
                    recorded.heldAtLine.put(line, names);
                }
            } catch (edu.umd.cs.findbugs.ba.DataflowAnalysisException e) {
                throw new IllegalStateException(e);
            }
            recorded.summary = analysis.summary(classContext, method);
            RESULTS.put(className.substring(className.lastIndexOf('.') + 1) + "." + method.getName(), recorded);
        }
    }

    @Override
    public void report() {
    }
}
