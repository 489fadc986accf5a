package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.OwnThreadChecks;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common half of the family's read-modify-write checks: collects every read-modify-write of the program
 * ({@link ReadModifyWrites}) while SpotBugs visits the classes, and in {@link #report()}, when the whole program is
 * known, asks {@link Races} which of the sites a subclass {@linkplain #judges judges} another thread can interleave
 * with. Every site is a partner of every other on its field, whichever check judges it. One finding per line.
 */
abstract class ReadModifyWriteDetector implements Detector {
    private final BugReporter bugReporter;
    private final List<Races.Candidate> candidates = new ArrayList<>();

    ReadModifyWriteDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** True for the sites this check reports when they race. */
    abstract boolean judges(ReadModifyWrites.Site site);

    /** The finding for a race of a judged site, or null when it is not one of this check's after all. */
    abstract BugInstance finding(Races.Race race);

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        JavaClass jc = classContext.getJavaClass();
        for (Map.Entry<Method, MethodSummary> entry : analysis.summariesOf(classContext).entrySet()) {
            MethodDescriptor md = entry.getValue().method();
            // Built now, while the class is at hand: report() asks which methods assert their thread.
            analysis.summaries().part(md, OwnThreadChecks.PART);
            for (ReadModifyWrites.Site site : analysis.summaries().part(md, ReadModifyWrites.PART).sites()) {
                candidates.add(new Races.Candidate(site, md, jc.getClassName(), jc.getSourceFileName()));
            }
        }
    }

    @Override
    public void report() {
        if (candidates.stream().noneMatch(c -> judges(c.site))) {
            candidates.clear();
            return;
        }
        Races races = new Races(GridlockAnalysis.current(), candidates);
        Set<String> lines = new HashSet<>();
        for (Races.Candidate c : candidates) {
            if (!judges(c.site) || lines.contains(c.className + ":" + c.site.writeLine)) {
                continue;
            }
            Races.Race race = races.of(c);
            BugInstance bug = race == null ? null : finding(race);
            if (bug != null) {
                lines.add(c.className + ":" + c.site.writeLine);
                bugReporter.reportBug(bug);
            }
        }
        candidates.clear();
    }

    /** A finding at the write of {@code c}: class, method, field, line ({0} to {3} in messages.xml). */
    BugInstance at(String type, int priority, Races.Candidate c) {
        XField f = c.site.field;
        return new BugInstance(this, type, priority)
                .addClass(c.className)
                .addMethod(new MethodAnnotation(c.className, c.method.getName(), c.method.getSignature(), c.method.isStatic()))
                .addField(new FieldAnnotation(f.getClassName(), f.getName(), f.getSignature(), f.isStatic()))
                .addSourceLine(new SourceLineAnnotation(c.className, c.sourceFile, c.site.writeLine, c.site.writeLine,
                        c.site.writePc, c.site.writePc));
    }

    /** What makes the update one step, by the field's type (starts a sentence). */
    static String atomicFor(XField field) {
        switch (field.getSignature()) {
            case "J":
                return "An AtomicLong (or a LongAdder for a statistic)";
            case "I":
            case "S":
            case "B":
            case "C":
                return "An AtomicInteger (or a LongAdder for a statistic)";
            case "D":
            case "F":
                return "A DoubleAdder (for a sum)";
            default:
                return "An AtomicReference with updateAndGet";
        }
    }

    /** What a low-priority race assumes, as a sentence after a space; empty for a race the analysis is sure of. */
    static String assumption(Races.Race race) {
        return race.assumption == null ? "" : " " + race.assumption;
    }

    /** The threads of a race in words, class names dotted ({@code Outer.Inner}). */
    static String threads(Races.Race race) {
        return race.overlap.describe().replaceAll("\\$(?=[A-Z])", ".");
    }
}
