package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.BlockingFacts;
import io.github.gridlock.detectors.analysis.CalleeCall;
import io.github.gridlock.detectors.analysis.ClassHierarchy;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.Invocation;
import io.github.gridlock.detectors.analysis.ThreadFacts;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Suppressions;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GL_BLOCKING_WHILE_LOCKED: a call that can block for a long time (the BLOCKS entries of
 * {@link io.github.gridlock.detectors.analysis.ConcurrencyApi}) while a lock is held on every path,
 * directly or through analysed callees; and {@code wait()}/{@code await()} while holding a lock
 * other than the one waited on, which the wait does not release.
 *
 * <p>Candidates are collected while SpotBugs visits the classes and judged in {@link #report()}, when the whole
 * program is known: a held lock counts only when another thread may need it meanwhile ({@link Contention}).
 * One finding per root cause (the blocking call and the lock), at its first call site, with every other call
 * path that reaches it as a secondary location. A chain whose blocking call sits behind a branch in a callee is
 * reported at low priority. A suppression of SpotBugs' {@code SWL_SLEEP_WITH_LOCK_HELD} (for sleeps) or
 * {@code TLW_TWO_LOCK_WAIT} (for waits) at a call site also silences this finding there; a suppression of
 * {@code GL_BLOCKING_WHILE_LOCKED} on any method of the finding silences it.
 */
public class BlockingWhileLockedDetector implements Detector {
    /** Secondary locations kept per finding; the message counts the rest. */
    static final int MAX_OTHER_PATHS = 10;

    private final BugReporter bugReporter;
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<Wait> waits = new ArrayList<>();

    public BlockingWhileLockedDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** A place where a method holds locks while it, or what it calls, blocks. */
    private static final class Candidate {
        final MethodDescriptor method;
        final String className;
        final String sourceFile;
        final int line;
        final int pc;
        final List<LockId> held;
        final String what;
        final MethodDescriptor blockingMethod;
        final boolean onEveryPath;
        final String corePattern;

        Candidate(MethodDescriptor method, JavaClass jc, int line, int pc, List<LockId> held, String what,
                MethodDescriptor blockingMethod, boolean onEveryPath, String corePattern) {
            this.method = method;
            this.className = jc.getClassName();
            this.sourceFile = jc.getSourceFileName();
            this.line = line;
            this.pc = pc;
            this.held = held;
            this.what = what;
            this.blockingMethod = blockingMethod;
            this.onEveryPath = onEveryPath;
            this.corePattern = corePattern;
        }

        SourceLineAnnotation sourceLine() {
            return new SourceLineAnnotation(className, sourceFile, line, line, pc, pc);
        }
    }

    /** A wait for other threads' work (join, awaitTermination, a future's get) with locks held. */
    private static final class Wait {
        final MethodDescriptor method;
        final String className;
        final String sourceFile;
        final ThreadFacts.SyncPoint point;
        final List<LockId> held;

        Wait(MethodDescriptor method, JavaClass jc, ThreadFacts.SyncPoint point, List<LockId> held) {
            this.method = method;
            this.className = jc.getClassName();
            this.sourceFile = jc.getSourceFileName();
            this.point = point;
            this.held = held;
        }
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        JavaClass jc = classContext.getJavaClass();
        for (Map.Entry<Method, MethodSummary> entry : analysis.summariesOf(classContext).entrySet()) {
            collect(jc, entry.getValue());
        }
    }

    private void collect(JavaClass jc, MethodSummary summary) {
        MethodDescriptor md = summary.method();
        for (ThreadFacts.SyncPoint p : summary.threadFacts().syncPoints()) {
            boolean waitsForWork = p.kind() == ConcurrencyApi.Sync.JOIN || p.kind() == ConcurrencyApi.Sync.FUTURE
                    || p.kind() == ConcurrencyApi.Sync.TERMINATION;
            List<LockId> held = waitsForWork ? heldOnEveryPath(p.held(), Set.of()) : List.of();
            if (!held.isEmpty()) {
                waits.add(new Wait(md, jc, p, held));
            }
        }
        Set<Integer> lines = new HashSet<>();
        for (BlockingFacts.BlockingCall b : summary.blockingCalls()) {
            Set<LockId> released = b.releases() == null ? Set.of() : Set.of(released(b.releases(), b.held()));
            List<LockId> held = heldOnEveryPath(b.held(), released);
            if (!held.isEmpty() && lines.add(b.line())) {
                String what = b.releases() == null ? b.api().why()
                        : b.api().why() + " on " + b.releases().describeForUser() + ", which releases only that lock";
                candidates.add(new Candidate(md, jc, b.line(), b.pc(), held, what, md, true,
                        corePatternOf(b.api().name(), b.releases() != null)));
            }
        }
        for (BlockingFacts.BlockingCallSite site : summary.blockingFacts().callSites()) {
            CalleeCall call = site.call();
            if (call.held().isEmpty() || !call.isMonomorphic() || lines.contains(site.line())) {
                continue;
            }
            String calleeName = call.via() == null ? MethodNames.describe(call.target())
                    : MethodNames.describe(call.via()) + " with " + MethodNames.describe(call.target());
            BlockingFacts.Chain chain = site.chain();
            List<LockId> held = heldOnEveryPath(call.held(), site.waitReleases());
            if (held.isEmpty() || !lines.add(site.line())) {
                continue;
            }
            if (chain != null) {
                BlockingFacts.Hop at = chain.blockingSite();
                candidates.add(new Candidate(md, jc, site.line(), site.pc(), held,
                        "calls " + calleeName + ", which blocks in " + chain.describe(), at.method(),
                        chain.isOnEveryPath(), corePatternOf(chain.api().name(), false)));
            } else {
                candidates.add(new Candidate(md, jc, site.line(), site.pc(), held,
                        "calls " + calleeName + ", which waits and releases only its own lock", call.target(), true,
                        "TLW_TWO_LOCK_WAIT"));
            }
        }
    }

    /** The SpotBugs core pattern a finding of this blocking call supersedes, or null. */
    private static String corePatternOf(String apiName, boolean waitReleasing) {
        if (waitReleasing) {
            return "TLW_TWO_LOCK_WAIT";
        }
        return "sleep".equals(apiName) ? "SWL_SLEEP_WITH_LOCK_HELD" : null;
    }

    @Override
    public void report() {
        Set<String> waitLines = reportWaitsForLockedWork();
        candidates.removeIf(c -> waitLines.contains(c.className + ":" + c.line));
        if (candidates.isEmpty()) {
            return;
        }
        Contention contention = new Contention(GridlockAnalysis.current());
        Map<String, List<Judged>> roots = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.corePattern != null && Suppressions.suppressesCorePattern(c.method, c.corePattern)) {
                continue;
            }
            List<LockId> contended = new ArrayList<>();
            boolean certain = false;
            for (LockId l : c.held) {
                Contention.Verdict v = contention.of(l, c.method);
                if (v != Contention.Verdict.NOT_CONTENDED) {
                    contended.add(l);
                    certain |= v == Contention.Verdict.CONTENDED;
                }
            }
            if (contended.isEmpty()) {
                continue;
            }
            Judged j = new Judged(c, contended, !certain);
            roots.computeIfAbsent(rootKey(c, contended.get(0)), k -> new ArrayList<>()).add(j);
        }
        for (List<Judged> root : roots.values()) {
            reportRoot(root);
        }
        candidates.clear();
    }

    /**
     * The worst form of blocking while locked: a wait for work (a joined thread, the tasks of an executor, a future's
     * task) whose own code needs a lock the waiting code holds. Reported at high priority whatever the timeout: without
     * one it is a deadlock as soon as the task reaches the lock; with one, every such wait runs into its timeout.
     * Returns the places reported ({@code Class:line}), which no other candidate repeats.
     */
    private Set<String> reportWaitsForLockedWork() {
        Set<String> reported = new HashSet<>();
        if (waits.isEmpty()) {
            return reported;
        }
        GridlockAnalysis analysis = GridlockAnalysis.current();
        AwaitedTasks awaited = new AwaitedTasks(analysis);
        ReachableLocks reachable = new ReachableLocks(analysis.summaries(), analysis.valueFacts());
        for (Wait w : waits) {
            for (Invocation task : awaited.of(w.method, w.point)) {
                Map<GlobalLock, ReachableLocks.Reach> needs = reachable.of(task.target());
                for (LockId held : w.held) {
                    GlobalLock g = GlobalLock.of(held, w.method);
                    ReachableLocks.Reach r = g == null ? null : needs.get(g);
                    if (r != null && reported.add(w.className + ":" + w.point.line())) {
                        reportWait(w, task, held, r);
                    }
                }
            }
        }
        waits.clear();
        return reported;
    }

    private void reportWait(Wait w, Invocation task, LockId held, ReachableLocks.Reach reach) {
        String lock = lockForUser(held, w.className);
        String waitsFor = w.point.kind() == ConcurrencyApi.Sync.TERMINATION ? "the tasks of " + describe(w.point.on())
                : w.point.kind() == ConcurrencyApi.Sync.JOIN ? "the thread " + describe(w.point.on()) + " to end"
                : "the result of " + describe(w.point.on());
        String what = (w.point.isTimed() ? "waits, up to its timeout, for " : "waits for ") + waitsFor + ", and "
                + MethodNames.describe(task.target()) + " needs " + lock + " (taken in " + reach.path + ")";
        String consequence = w.point.isTimed()
                ? "the task cannot finish until the lock is free, so a wait that meets it running always lasts the"
                        + " full timeout (and would be a deadlock without one). Release the lock before waiting."
                : "once the task reaches the lock, neither thread can move again: a deadlock. Release the lock before"
                        + " waiting, or let the task run without it.";
        BugInstance bug = new BugInstance(this, BugTypes.BLOCKING_WHILE_LOCKED, Priorities.HIGH_PRIORITY)
                .addClass(w.className)
                .addMethod(new MethodAnnotation(w.className, w.method.getName(), w.method.getSignature(), w.method.isStatic()))
                .addSourceLine(new SourceLineAnnotation(w.className, w.sourceFile, w.point.line(), w.point.line(),
                        w.point.pc(), w.point.pc()))
                .addString(what.replaceAll("\\$(?=[A-Z])", "."))
                .addString(lock)
                .addString(consequence);
        bugReporter.reportBug(bug);
    }

    /** The thread, future or executor a wait is about, in words. */
    private static String describe(AccessPath on) {
        return on.kind() == AccessPath.Kind.RESULT ? "the task submitted here" : on.describeForUser();
    }

    /** A candidate with the held locks another thread may need. */
    private static final class Judged {
        final Candidate c;
        final List<LockId> locks;
        /** No held lock is certainly contended: a low-priority finding. */
        final boolean onlyPossiblyContended;

        Judged(Candidate c, List<LockId> locks, boolean onlyPossiblyContended) {
            this.c = c;
            this.locks = locks;
            this.onlyPossiblyContended = onlyPossiblyContended;
        }
    }

    /**
     * The root cause: the method that makes the blocking call and the outermost lock held around it. A monitor of {@code this} is named
     * by the topmost analysed class of its hierarchy, so a subclass's synchronized override that calls
     * {@code super.x()} under the same monitor is one more path to the same root, not a second finding.
     */
    private static String rootKey(Candidate c, LockId lock) {
        GlobalLock global = GlobalLock.of(lock, c.method);
        String lockKey = global == null ? c.method + ":" + lock.describe() : global.key();
        if (lock.path().kind() == AccessPath.Kind.THIS && global != null) {
            lockKey = ClassHierarchy.topAnalysedClass(c.className) + (lock.kind() == LockKind.MONITOR ? "" : "#" + lock.kind());
        }
        // The blocking calls of one method under one lock are one finding (the others its secondary locations).
        return c.blockingMethod + "|" + lockKey;
    }

    private void reportRoot(List<Judged> root) {
        root.sort(Comparator.comparing((Judged j) -> j.c.className).thenComparingInt(j -> j.c.line));
        Judged first = root.get(0);
        boolean low = root.stream().allMatch(j -> !j.c.onEveryPath || j.onlyPossiblyContended);
        List<String> locks = first.locks.stream().map(l -> lockForUser(l, first.c.className)).collect(Collectors.toList());
        String heldLocks = locks.size() == 1 ? locks.get(0)
                : String.join(", ", locks.subList(0, locks.size() - 1)) + " and " + locks.get(locks.size() - 1);
        String what = first.c.what.replaceAll("\\$(?=[A-Z])", ".");
        int others = root.size() - 1;
        if (others > 0) {
            what += " (and " + others + " other call path" + (others == 1 ? "" : "s") + " to the same blocking call)";
        }
        List<Judged> primaries = suppressingPrimaries(root);
        for (Judged primary : primaries.isEmpty() ? List.of(first) : primaries) {
            BugInstance bug = new BugInstance(this, BugTypes.BLOCKING_WHILE_LOCKED,
                    low ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY)
                    .addClass(primary.c.className)
                    .addMethod(new MethodAnnotation(primary.c.className, primary.c.method.getName(),
                            primary.c.method.getSignature(), primary.c.method.isStatic()))
                    .addSourceLine(primary.c.sourceLine())
                    .addString(what)
                    .addString(heldLocks)
                    .addString("every other thread that needs " + (locks.size() == 1 ? locks.get(0) : "one of those locks")
                            + " waits as long, and if the call waits for one of those threads, they deadlock."
                            + " Do the blocking work outside the critical section.");
            int added = 0;
            for (Judged other : root) {
                if (other != primary && added++ < MAX_OTHER_PATHS) {
                    SourceLineAnnotation line = other.c.sourceLine();
                    line.setDescription(SourceLineAnnotation.ROLE_ANOTHER_INSTANCE);
                    bug.addSourceLine(line);
                }
            }
            bugReporter.reportBug(bug);
        }
    }

    /**
     * A suppression of this code on any method of the finding silences it: the finding is reported once with each
     * suppressing method as primary, so that SpotBugs suppresses every copy and no suppression looks useless.
     */
    private static List<Judged> suppressingPrimaries(List<Judged> root) {
        List<Judged> out = new ArrayList<>();
        Set<MethodDescriptor> seen = new HashSet<>();
        for (Judged j : root) {
            if (seen.add(j.c.method)
                    && Suppressions.suppresses(j.c.method, BugTypes.BLOCKING_WHILE_LOCKED, "GLLO", "MT_CORRECTNESS")) {
                out.add(j);
            }
        }
        return out;
    }

    /** The held lock a wait releases; for a lock the analysis could not name, the innermost held one of its kind. */
    private static LockId released(LockId waited, List<HeldLock> held) {
        if (waited.path().isKnown()) {
            return waited;
        }
        boolean monitor = waited.kind() == LockKind.MONITOR;
        for (int i = held.size() - 1; i >= 0; i--) {
            LockId h = held.get(i).lock();
            if ((h.kind() == LockKind.MONITOR) == monitor) {
                return h;
            }
        }
        return waited;
    }

    /** Locks held on every path, except those the blocking call releases and those of objects created here. */
    private static List<LockId> heldOnEveryPath(List<HeldLock> held, Set<LockId> released) {
        List<LockId> out = new ArrayList<>();
        for (HeldLock h : held) {
            AccessPath.Kind root = h.lock().path().root().kind();
            if (!h.isOnSomePathsOnly() && root != AccessPath.Kind.FRESH && !released.contains(h.lock()) && !out.contains(h.lock())) {
                out.add(h.lock());
            }
        }
        return out;
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
}
