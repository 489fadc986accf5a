package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.OwnThreadChecks;
import io.github.gridlock.detectors.analysis.ProgramFacts;
import io.github.gridlock.detectors.analysis.SharedFields;
import io.github.gridlock.detectors.analysis.ThreadEntries;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GL_CHECK_THEN_ACT: a check of a shared concurrent collection ({@code containsKey}, {@code get() == null},
 * {@code contains}, {@code isEmpty}, {@code size}) and an act that relies on its outcome ({@code put}, {@code add},
 * {@code take}, {@code remove()}, a {@code get} or {@code poll} used without a null check), as two calls, while
 * another thread may change the collection in between ({@link SharedFields}; the collection's type says it is
 * shared, so the callers' threads count as many putters; as many consumers only at a public remover: see
 * {@link #callersAreMany}). Not when the pair holds a lock that every mutation of the collection in the program holds
 * too; not on a local collection, one only constructors (and helpers only they call) touch, or a task object's own
 * collection. The finding is at the act; one per line; low for a memo cache filled on a miss ({@link #fillsMissingKey}). The pairs come from {@link CheckThenActs}; the decision is made in
 * {@link #report()}, when every mutation of the collection is known.
 */
public class CheckThenActDetector implements Detector {
    private final BugReporter bugReporter;
    private final List<Site> sites = new ArrayList<>();

    /** The calls of one method, with where they are. */
    private static final class Site {
        final CheckThenActs part;
        final MethodDescriptor method;
        final String className;
        final String sourceFile;

        Site(CheckThenActs part, MethodDescriptor method, String className, String sourceFile) {
            this.part = part;
            this.method = method;
            this.className = className;
            this.sourceFile = sourceFile;
        }
    }

    /** A mutating call anywhere in the program. */
    private static final class Mutation {
        final CheckThenActs.Call call;
        final Site site;

        Mutation(CheckThenActs.Call call, Site site) {
            this.call = call;
            this.site = site;
        }
    }

    public CheckThenActDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        JavaClass jc = classContext.getJavaClass();
        for (Map.Entry<Method, MethodSummary> entry : analysis.summariesOf(classContext).entrySet()) {
            MethodDescriptor md = entry.getValue().method();
            // Built now, while the class is at hand: report() asks which methods assert or post to one thread.
            analysis.summaries().part(md, OwnThreadChecks.PART);
            CheckThenActs part = analysis.summaries().part(md, CheckThenActs.PART);
            if (!part.calls().isEmpty() || !part.storesConcurrent().isEmpty()) {
                sites.add(new Site(part, md, jc.getClassName(), jc.getSourceFileName()));
            }
        }
    }

    @Override
    public void report() {
        if (sites.stream().allMatch(s -> s.part.pairs().isEmpty())) {
            sites.clear();
            return;
        }
        GridlockAnalysis analysis = GridlockAnalysis.current();
        Map<XField, List<Mutation>> mutations = new LinkedHashMap<>();
        Set<XField> concurrent = new HashSet<>();
        Set<XField> selfLocking = new HashSet<>();
        for (Site s : sites) {
            concurrent.addAll(s.part.storesConcurrent());
            selfLocking.addAll(s.part.storesSelfLocking());
            for (CheckThenActs.Call c : s.part.calls()) {
                if (c.mutates()) {
                    mutations.computeIfAbsent(c.field, k -> new ArrayList<>()).add(new Mutation(c, s));
                }
            }
        }
        Set<String> fills = new HashSet<>();
        for (Site s : sites) {
            for (CheckThenActs.Pair p : s.part.pairs()) {
                if (fillsMissingKey(p)) {
                    fills.add(s.method + "@" + p.act.pc);
                }
            }
        }
        Set<String> lines = new HashSet<>();
        for (Site s : sites) {
            for (CheckThenActs.Pair p : s.part.pairs()) {
                XField field = p.act.field;
                String line = s.className + ":" + p.act.line;
                if (lines.contains(line) || !(concurrent.contains(field) || declaredConcurrent(field))
                        || beforePublication(analysis, s.method, p.act)) {
                    continue;
                }
                BugInstance bug = judge(analysis, s, p, mutations.getOrDefault(field, List.of()),
                        selfLocking.contains(field) || declaredSelfLocking(field), fills);
                if (bug != null) {
                    lines.add(line);
                    bugReporter.reportBug(bug);
                }
            }
        }
        sites.clear();
    }

    /** The finding for a pair another thread can break, or null. */
    private BugInstance judge(GridlockAnalysis analysis, Site s, CheckThenActs.Pair p, List<Mutation> mutations,
            boolean locksItself, Set<String> fills) {
        Set<String> pairLocks = keys(analysis, p.check.held, p.check.base, s.method);
        pairLocks.retainAll(keys(analysis, p.act.held, p.act.base, s.method));
        SharedFields shared = analysis.sharedFields();
        BugInstance low = null;
        for (Mutation m : othersFirst(mutations, s.method)) {
            if (!breaks(m.call, p) || beforePublication(analysis, m.site.method, m.call)) {
                continue;
            }
            Set<String> theirs = keys(analysis, m.call.held, m.call.base, m.site.method);
            if (locksItself) {
                theirs.add(LockKeys.key(collection(m.call), m.call.base, m.site.method)); // the call holds the collection's monitor
            }
            if (theirs.contains(UNKNOWN_LOCK) || pairLocks.contains(UNKNOWN_LOCK) || !java.util.Collections.disjoint(pairLocks, theirs)
                    || onTheThreadOfTheKeysArgument(shared, s.method, p, m)) {
                continue;
            }
            SharedFields.Overlap o = shared.overlapOnValueOf(p.act.field, s.method, p.act.pc, p.act.base, m.site.method,
                    m.call.pc, m.call.base, callersAreMany(p, s.method, m.site.method));
            String threads = o != null ? o.describe() : handedOffPerCall(shared, s, p, m);
            if (threads == null) {
                continue;
            }
            if (!fills.contains(m.site.method + "@" + m.call.pc)) {
                return finding(s, p, m, threads, Priorities.NORMAL_PRIORITY);
            }
            if (low == null) {
                low = finding(s, p, m, threads, Priorities.LOW_PRIORITY);
            }
        }
        return low;
    }

    /**
     * True when the pair and the other change run, by a framework's callback contract, on the thread of an argument of
     * theirs ({@link SharedFields#argumentThread}: a Netty handler's methods on their context's executor), and the keys of
     * the check, the act and the change are all computed from that argument ({@code Integer key =
     * ctx.channel().hashCode()}): a change of the same key is one made for the same argument, on that argument's one
     * thread, so it cannot come in between; a change of another key does not break the pair. Two arguments whose keys
     * collide (a hash code) are taken to be one.
     */
    private static boolean onTheThreadOfTheKeysArgument(SharedFields shared, MethodDescriptor method, CheckThenActs.Pair p,
            Mutation m) {
        OwnThreadChecks.ArgumentThread mine = shared.argumentThread(method);
        OwnThreadChecks.ArgumentThread theirs = mine == null ? null : shared.argumentThread(m.site.method);
        return theirs != null && mine.key().equals(theirs.key()) && p.check.keyParameter == mine.parameter()
                && p.act.keyParameter == mine.parameter() && m.call.keyParameter == theirs.parameter();
    }

    /**
     * The mutations with those of other methods first: the message names one competing change, and a change made
     * elsewhere (H2's {@code TableView} recompile removing a dependent view) says more than the method racing with
     * itself. Which pairs are reported, and at which priority, does not depend on the order.
     */
    private static List<Mutation> othersFirst(List<Mutation> mutations, MethodDescriptor method) {
        List<Mutation> out = new ArrayList<>(mutations);
        out.sort(java.util.Comparator.comparing(m -> m.site.method.equals(method)));
        return out;
    }

    /**
     * A check of a key followed by a put of a value computed on the miss ({@code v = get(k); if (v == null) { v =
     * compute(k); put(k, v); }}): if every put that can break the pair has this shape, two threads that both miss
     * both compute and put, and the last value wins. For a memo cache of a deterministic value nothing is lost, which
     * the analysis cannot tell: such findings are low. A put of a new object (whose identity the loser keeps) or of
     * an argument is no such fill.
     */
    private static boolean fillsMissingKey(CheckThenActs.Pair p) {
        ConcurrencyApi.Effect check = p.check.effect();
        return (check == ConcurrencyApi.Effect.READS_KEY || check == ConcurrencyApi.Effect.CHECKS_KEY)
                && p.act.effect() == ConcurrencyApi.Effect.INSERTS && p.act.valueComputed;
    }

    /**
     * Whether the callers' threads count as several at once for this pair and this other change. A concurrent
     * collection says it is shared, so two callers may insert at once. It does not say it has two consumers: a queue
     * filled by many threads and emptied by one is what such queues are for. For a check of the size and a removal,
     * the callers' threads count as several consumers only when outside code can call one of the two removing
     * methods itself (a public method); a method only the analysed code calls (private, package-private, a callback)
     * removes on the threads the analysis shows, its entries.
     */
    private static boolean callersAreMany(CheckThenActs.Pair p, MethodDescriptor act, MethodDescriptor other) {
        if (p.act.effect() == ConcurrencyApi.Effect.INSERTS) {
            return true;
        }
        return !FieldFacts.isClosed(act) || !FieldFacts.isClosed(other);
    }

    /**
     * The threads of a task that both places run in, when the task is handed off by a method the callers reach: a
     * shared collection says its callers are many threads, so each call hands off one more copy of the task (an
     * executor task submitted from a public method). Null when there is none, and for a pair and a change on an
     * object each run of the task has for itself ({@link SharedFields#isOwnedByRun}).
     */
    private static String handedOffPerCall(SharedFields shared, Site s, CheckThenActs.Pair p, Mutation m) {
        MethodDescriptor a = s.method;
        MethodDescriptor b = m.site.method;
        for (SharedFields.Runner ra : shared.runnersOf(a)) {
            if (ra.isCallers() || !shared.runnersOf(b).contains(ra) || ownFieldOfPerRunTask(ra.entry(), a, p.act.base)
                    || shared.isOwnedByRun(ra.entry(), a, SharedFields.valueOf(p.act.base, p.act.field))
                    && shared.isOwnedByRun(ra.entry(), b, SharedFields.valueOf(m.call.base, m.call.field))) {
                continue;
            }
            for (ProgramFacts.HandoffSite site : ra.entry().sites()) {
                if (shared.runnersOf(site.creator()).contains(SharedFields.Runner.CALLERS)) {
                    return "the threads running " + MethodNames.describe(ra.entry().method()) + " (handed off on each call of "
                            + MethodNames.describe(site.creator()) + ")";
                }
            }
        }
        return null;
    }

    /**
     * True when the collection is a field of the task object itself ({@code this.queue} in its {@code run()}) and every
     * hand-off of the task gives it a new object: each run has a collection of its own.
     */
    private static boolean ownFieldOfPerRunTask(ThreadEntries.Entry entry, MethodDescriptor method, AccessPath base) {
        if (base == null || base.kind() != AccessPath.Kind.THIS || !entry.method().equals(method) || entry.sites().isEmpty()) {
            return false;
        }
        for (ProgramFacts.HandoffSite site : entry.sites()) {
            AccessPath task = site.handoff().task();
            if (task == null || task.kind() != AccessPath.Kind.FRESH) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code m} can make the check's answer stale before the act. */
    private static boolean breaks(CheckThenActs.Call m, CheckThenActs.Pair p) {
        if (p.act.effect() == ConcurrencyApi.Effect.INSERTS) {
            return m.effect() == ConcurrencyApi.Effect.INSERTS; // another thread's put of the same key: one is lost
        }
        return m.effect() == ConcurrencyApi.Effect.TAKES || m.effect() == ConcurrencyApi.Effect.POLLS
                || m.effect() == ConcurrencyApi.Effect.REMOVES;
    }

    /**
     * Code on {@code this} in its own constructor or in a helper only constructors call on the object being built
     * ({@link FieldFacts#runsOnlyDuringConstruction}), or a static field in the class initialiser: not yet shared.
     */
    private static boolean beforePublication(GridlockAnalysis analysis, MethodDescriptor method, CheckThenActs.Call call) {
        if ("<clinit>".equals(method.getName()) && call.base == null) {
            return true;
        }
        return call.base != null && call.base.kind() == AccessPath.Kind.THIS
                && ("<init>".equals(method.getName()) || analysis.fieldFacts().runsOnlyDuringConstruction(method));
    }

    /** The collection's own path at a call. */
    private static AccessPath collection(CheckThenActs.Call c) {
        return c.base == null ? AccessPath.staticField(c.field.getClassName(), c.field.getName())
                : AccessPath.field(c.base, c.field.getClassName(), c.field.getName());
    }

    private static boolean declaredSelfLocking(XField field) {
        String sig = field.getSignature();
        return sig.startsWith("L") && ConcurrencyApi.collectionLocksItself(sig.substring(1, sig.length() - 1).replace('/', '.'));
    }

    private static boolean declaredConcurrent(XField field) {
        String sig = field.getSignature();
        return sig.startsWith("L") && ConcurrencyApi.isConcurrentCollection(sig.substring(1, sig.length() - 1).replace('/', '.'));
    }

    private static final String UNKNOWN_LOCK = LockKeys.UNKNOWN;

    /**
     * Locks held at a call and around every call of its method (private helpers), named relative to the collection's
     * owner ({@code @.lock}) where they are reached from it, so that calls in different methods compare.
     */
    private static Set<String> keys(GridlockAnalysis analysis, List<LockId> held, AccessPath base, MethodDescriptor method) {
        Set<String> out = new LinkedHashSet<>();
        List<LockId> all = new ArrayList<>(held);
        all.addAll(analysis.fieldFacts().heldAroundEveryCallOfClosedOrUnnamed(method));
        for (LockId l : all) {
            out.add(LockKeys.key(l.path(), base, method));
        }
        return out;
    }

    private BugInstance finding(Site s, CheckThenActs.Pair p, Mutation m, String who, int priority) {
        XField f = p.act.field;
        String threads = who.replaceAll("\\$(?=[A-Z])", ".");
        String pair = byIndex(p.act)
                ? p.check.api.name() + "() then " + p.act.api.name() + "(int) by position"
                : p.check.api.name() + "() then " + p.act.api.name() + "()";
        return new BugInstance(this, BugTypes.CHECK_THEN_ACT, priority)
                .addClass(s.className)
                .addMethod(new MethodAnnotation(s.className, s.method.getName(), s.method.getSignature(), s.method.isStatic()))
                .addField(new FieldAnnotation(f.getClassName(), f.getName(), f.getSignature(), f.isStatic()))
                .addSourceLine(new SourceLineAnnotation(s.className, s.sourceFile, p.act.line, p.act.line, p.act.pc, p.act.pc))
                .addString(threads)
                .addString(pair + ", while " + m.call.api.name() + "() in "
                        + m.site.method.getName() + " may run in between")
                .addString(fix(p));
    }

    /**
     * The one-call replacement of a size check and a read of the head or tail: {@code peek()} or {@code peekLast()} on a
     * queue or deque; a {@code Vector} has neither, so the pair goes under its own monitor.
     */
    private static String headReadFix(CheckThenActs.Call act) {
        if ("java.util.Vector".equals(act.api.owner())) {
            return "Hold the Vector's own monitor (synchronized on it) around the check and the read, as each of its calls does.";
        }
        return "getLast".equals(act.api.name())
                ? "Call peekLast() (or pollLast(), to take it) and test its result for null instead of checking first."
                : "Call peek() (or poll(), to take it) and test its result for null instead of checking first.";
    }

    /** A removal by position ({@code List.remove(int)}): what breaks it is any change that shifts the elements. */
    private static boolean byIndex(CheckThenActs.Call act) {
        return "java.util.List".equals(act.api.owner()) && "(I)Ljava/lang/Object;".equals(act.api.descriptor());
    }

    /** The one-call replacement, in a sentence. */
    private static String fix(CheckThenActs.Pair p) {
        switch (p.check.effect()) {
            case CHECKS_KEY:
                return p.act.effect() == ConcurrencyApi.Effect.INSERTS
                        ? "Use putIfAbsent, computeIfAbsent or merge, which check and put in one step."
                        : "Call get() once and test its result for null.";
            case READS_KEY:
                return "Use computeIfAbsent (or putIfAbsent and keep its result), which checks and puts in one step.";
            case CHECKS_MEMBER:
                return "Use add()'s own result (or addIfAbsent on a CopyOnWriteArrayList), which checks and adds in one step.";
            default:
                if ("java.util.List".equals(p.act.api.owner())) {
                    return "Remove the element itself (remove(Object), removeIf), or hold one lock around the check, the removal and"
                            + " every other change of the list: an index found before may name another element by now.";
                }
                if (p.act.effect() == ConcurrencyApi.Effect.READS_HEAD) {
                    return headReadFix(p.act);
                }
                return "Call poll() (or poll with a timeout) and test its result for null instead of checking first.";
        }
    }
}
