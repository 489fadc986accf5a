package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.analysis.BlockingFacts;
import io.github.gridlock.detectors.analysis.CallFacts;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GL_BLOCKING_WHILE_LOCKED: a call that can block for a long time (the BLOCKS entries of
 * {@link io.github.gridlock.detectors.analysis.ConcurrencyApi}) while a lock is held on every path,
 * directly or through an analysed callee; and {@code wait()}/{@code await()} while holding a lock
 * other than the one waited on, which the wait does not release.
 *
 * <p>Locks held only on some paths, and locks on objects created in the method, are not counted:
 * the first would be a guess, the second cannot be contended.
 */
public class BlockingWhileLockedDetector implements Detector {
    private final BugReporter bugReporter;

    public BlockingWhileLockedDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        JavaClass jc = classContext.getJavaClass();
        for (java.util.Map.Entry<Method, MethodSummary> entry : analysis.summariesOf(classContext).entrySet()) {
            Method method = entry.getKey();
            MethodSummary summary = entry.getValue();
            Set<Integer> reported = new HashSet<>();
            for (BlockingFacts.BlockingCall b : summary.blockingCalls()) {
                List<LockId> held = contended(b.held(), b.releases() == null ? Set.of() : Set.of(released(b.releases(), b.held())));
                if (!held.isEmpty() && reported.add(b.line())) {
                    String what = b.releases() == null ? b.api().why()
                            : b.api().why() + " on " + b.releases().describeForUser() + ", which releases only that lock";
                    report(jc, method, b.line(), b.pc(), what, held);
                }
            }
            for (CallFacts.CallSite call : summary.calls()) {
                if (call.held().isEmpty() || !call.isMonomorphic() || reported.contains(call.line())) {
                    continue;
                }
                MethodSummary callee = analysis.summary(call.callee());
                String calleeName = call.via() == null ? MethodNames.describe(call.callee())
                        : MethodNames.describe(call.via()) + " with " + MethodNames.describe(call.callee());
                if (callee.blocksThrough() != null) {
                    List<LockId> held = contended(call.held(), Set.of());
                    if (!held.isEmpty() && reported.add(call.line())) {
                        report(jc, method, call.line(), call.pc(), "calls " + calleeName + ", which blocks in " + callee.blocksThrough(), held);
                    }
                } else if (!callee.waitsReleasing().isEmpty()) {
                    Set<LockId> released = new HashSet<>();
                    for (LockId w : callee.waitsReleasing()) {
                        released.add(w.substitute(call.receiver(), call.arguments()));
                    }
                    List<LockId> held = contended(call.held(), released);
                    if (!held.isEmpty() && reported.add(call.line())) {
                        report(jc, method, call.line(), call.pc(), "calls " + calleeName + ", which waits and releases only its own lock", held);
                    }
                }
            }
        }
    }

    /** The held lock a wait releases; for a lock the analysis could not name, the innermost held one of its kind. */
    private static LockId released(LockId waited, List<HeldLock> held) {
        if (waited.path().isKnown()) {
            return waited;
        }
        boolean monitor = waited.kind() == io.github.gridlock.detectors.analysis.LockKind.MONITOR;
        for (int i = held.size() - 1; i >= 0; i--) {
            LockId h = held.get(i).lock();
            if ((h.kind() == io.github.gridlock.detectors.analysis.LockKind.MONITOR) == monitor) {
                return h;
            }
        }
        return waited;
    }

    /** Locks held on every path, that another thread can contend for, except those the blocking call releases. */
    private static List<LockId> contended(List<HeldLock> held, Set<LockId> released) {
        List<LockId> out = new ArrayList<>();
        for (HeldLock h : held) {
            AccessPath.Kind root = h.lock().path().root().kind();
            if (!h.isOnSomePathsOnly() && root != AccessPath.Kind.FRESH && !released.contains(h.lock()) && !out.contains(h.lock())) {
                out.add(h.lock());
            }
        }
        return out;
    }

    private void report(JavaClass jc, Method method, int line, int pc, String what, List<LockId> held) {
        List<String> locks = held.stream().map(l -> lockForUser(l, jc.getClassName())).collect(Collectors.toList());
        String heldLocks = locks.size() == 1 ? locks.get(0)
                : String.join(", ", locks.subList(0, locks.size() - 1)) + " and " + locks.get(locks.size() - 1);
        BugInstance bug = new BugInstance(this, BugTypes.BLOCKING_WHILE_LOCKED, Priorities.NORMAL_PRIORITY)
                .addClassAndMethod(jc, method)
                .addSourceLine(new SourceLineAnnotation(jc.getClassName(), jc.getSourceFileName(), line, line, pc, pc))
                .addString(what.replaceAll("\\$(?=[A-Z])", "."))
                .addString(heldLocks)
                .addString(locks.size() == 1 ? locks.get(0) : "one of those locks");
        bugReporter.reportBug(bug);
    }

    /**
     * A held lock in the message's words: "the monitor of this" rather than a bare "this", the outer instance of
     * an inner class as Java writes it ({@code Outer.this.lock}, not {@code this.this$0.lock}), a StampedLock's mode
     * in words.
     */
    private static String lockForUser(LockId lock, String className) {
        String name = lock.describeForUser();
        int inner = className.lastIndexOf('$');
        if (inner > 0 && name.startsWith("this.this$0.")) {
            String outer = className.substring(className.lastIndexOf('.') + 1, inner).replace('$', '.');
            name = outer + ".this." + name.substring("this.this$0.".length());
        }
        name = name.replaceAll("\\$(?=[A-Z])", ".");
        switch (lock.kind()) {
            case MONITOR:
                return "this".equals(name) ? "the monitor of this" : name;
            case STAMPED_WRITE:
                return name.replace("(write)", " in write mode");
            case STAMPED_READ:
                return name.replace("(read)", " in read mode");
            default:
                return name;
        }
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
