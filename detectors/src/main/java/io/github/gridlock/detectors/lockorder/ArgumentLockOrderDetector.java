package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.LockFacts;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GL_ARGUMENT_LOCK_ORDER: a method locks two of its arguments (the receiver counts as one) in the
 * order they were passed, so two calls with the arguments swapped deadlock: the notes'
 * {@code transfer(from, to)}.
 *
 * <p>A pair is the same lock "shape" on two different arguments of related types ({@code from} and
 * {@code to}, or {@code from.lock} and {@code to.lock}), nested directly or through a call that locks
 * the other argument. No finding when the method also nests them the other way on some path (an
 * ordering decision), when a gate lock not rooted at either argument is held around both, or when
 * the method is a helper that the other methods of its class call in both orders.
 */
public class ArgumentLockOrderDetector implements Detector {
    private final BugReporter bugReporter;
    /** Findings wait for report(): whether a method can be called at all needs every class's calls. */
    private final List<Pending> pending = new ArrayList<>();

    private static final class Pending {
        final JavaClass jc;
        final Method method;
        final MethodDescriptor descriptor;
        /** The nestings of the pair in this order, first found first; and those of the swapped order. */
        final List<Nesting> nestings;
        final List<Nesting> swapped;

        Pending(JavaClass jc, Method method, MethodDescriptor descriptor, List<Nesting> nestings, List<Nesting> swapped) {
            this.jc = jc;
            this.method = method;
            this.descriptor = descriptor;
            this.nestings = nestings;
            this.swapped = swapped;
        }
    }

    public ArgumentLockOrderDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** One nesting of argument locks: outer argument, inner argument, where. */
    private static final class Nesting {
        final int outer;
        final int inner;
        final int line;
        final int pc;
        /** The field chain of the lock inside each argument ("lock", "a.b"), or "" for the argument's monitor. */
        final String fields;
        /** For an inner lock a call takes: the callee, and the lock in the callee's terms; null for the method's own. */
        final MethodDescriptor callee;
        final LockId calleeLock;
        /** For a call: the site, the method's calls, and the outer lock held there (in the method's terms). */
        final CallFacts.CallSite site;
        final List<CallFacts.CallSite> calls;
        final LockId outerLock;

        Nesting(int outer, int inner, int line, int pc, String fields, MethodDescriptor callee, LockId calleeLock,
                CallFacts.CallSite site, List<CallFacts.CallSite> calls, LockId outerLock) {
            this.outer = outer;
            this.inner = inner;
            this.line = line;
            this.pc = pc;
            this.fields = fields;
            this.callee = callee;
            this.calleeLock = calleeLock;
            this.site = site;
            this.calls = calls;
            this.outerLock = outerLock;
        }
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        JavaClass jc = classContext.getJavaClass();
        Map<Method, MethodSummary> summaries = analysis.summariesOf(classContext);
        List<MethodSummary> classSummaries = new ArrayList<>(summaries.values());
        for (Map.Entry<Method, MethodSummary> entry : summaries.entrySet()) {
            Method method = entry.getKey();
            MethodSummary summary = entry.getValue();
            Map<Long, List<Nesting>> nestings = nestings(summary, analysis);
            for (List<Nesting> pair : nestings.values()) {
                Nesting n = pair.get(0);
                if (method.isPrivate() && calledInBothOrders(summary.method(), n, classSummaries)) {
                    continue;
                }
                pending.add(new Pending(jc, method, summary.method(), pair,
                        nestings.getOrDefault(key(n.inner, n.outer), List.of())));
            }
            if (!nestings.isEmpty()) {
                // Now, while the method's dataflow is cached: report() asks which classes receivers can be.
                analysis.summaries().part(summary.method(), ValueOrigins.PART);
            }
        }
    }

    private Map<Long, List<Nesting>> nestings(MethodSummary summary, GridlockAnalysis analysis) {
        Map<Long, List<Nesting>> out = new LinkedHashMap<>();
        MethodDescriptor md = summary.method();
        for (LockFacts.Acquisition a : summary.acquisitions()) {
            if (a.mode() != LockFacts.AcquireMode.TRY) {
                collect(md, a.heldBefore(), a.lock(), a.line(), a.pc(), null, null, null, null, out);
            }
        }
        for (CallFacts.CallSite call : summary.calls()) {
            if (call.held().isEmpty()) {
                continue;
            }
            for (LockId l : analysis.summary(call.callee()).mayAcquire()) {
                collect(md, call.held(), l.substitute(call.receiver(), call.arguments()), call.line(), call.pc(), call.callee(),
                        l, call, summary.calls(), out);
            }
        }
        return out;
    }

    private static void collect(MethodDescriptor md, List<HeldLock> held, LockId inner, int line, int pc,
            MethodDescriptor callee, LockId calleeLock, CallFacts.CallSite site, List<CallFacts.CallSite> calls,
            Map<Long, List<Nesting>> out) {
        int innerArg = argumentOf(inner.path());
        if (innerArg == NONE || inner.kind() == LockKind.SEMAPHORE) {
            return;
        }
        if (alreadyNestsTwoArguments(held, inner)) {
            return;
        }
        for (HeldLock h : held) {
            int outerArg = argumentOf(h.lock().path());
            if (outerArg == NONE || outerArg == innerArg || !sameShape(h.lock(), inner) || !relatedTypes(md, outerArg, innerArg)) {
                continue;
            }
            if (isConstructor(md) && (outerArg == 0 || innerArg == 0)) {
                // The object under construction is not yet reachable by another thread: no swapped call can hold it.
                continue;
            }
            if (gated(held, h, outerArg, innerArg)) {
                continue;
            }
            List<Nesting> pair = out.computeIfAbsent(key(outerArg, innerArg), k -> new ArrayList<>());
            if (pair.size() < MAX_NESTINGS_PER_PAIR) {
                pair.add(new Nesting(outerArg, innerArg, line, pc, fieldChain(inner), callee, calleeLock, site, calls,
                        h.lock()));
            }
        }
    }

    private static boolean isConstructor(MethodDescriptor md) {
        return "<init>".equals(md.getName());
    }

    /**
     * With locks of this shape already held on two different arguments, the pair that matters has been
     * taken (and judged); a third argument of the shape is, in practice, an alias of one of them
     * ({@code lockedTransfer(lower, higher, from, to)} then {@code from.withdraw()}).
     */
    private static boolean alreadyNestsTwoArguments(List<HeldLock> held, LockId inner) {
        java.util.Set<Integer> args = new java.util.HashSet<>();
        for (HeldLock h : held) {
            int arg = argumentOf(h.lock().path());
            if (arg != NONE && sameShape(h.lock(), inner)) {
                args.add(arg);
            }
        }
        return args.size() >= 2;
    }

    /** A lock held outside the pair and rooted elsewhere (a static or this-field lock) serialises all such nestings. */
    private static boolean gated(List<HeldLock> held, HeldLock outer, int outerArg, int innerArg) {
        for (HeldLock h : held) {
            if (h == outer) {
                return false;
            }
            int arg = argumentOf(h.lock().path());
            if (!h.isOnSomePathsOnly() && h.lock().isStable() && arg != outerArg && arg != innerArg) {
                return true;
            }
        }
        return false;
    }

    /**
     * Private helpers called by their class in both argument orders are ordered by their callers. Only private ones:
     * outside code may call any other method in whatever order it likes, so its own callers' order decides nothing.
     */
    private static boolean calledInBothOrders(MethodDescriptor method, Nesting n, List<MethodSummary> classSummaries) {
        List<AccessPath[]> orders = new ArrayList<>();
        for (MethodSummary caller : classSummaries) {
            for (CallFacts.CallSite call : caller.calls()) {
                if (!call.callee().equals(method)) {
                    continue;
                }
                AccessPath outer = argumentPath(n.outer, call);
                AccessPath inner = argumentPath(n.inner, call);
                for (AccessPath[] seen : orders) {
                    if (Objects.equals(seen[0], inner) && Objects.equals(seen[1], outer) && inner.isKnown() && outer.isKnown()) {
                        return true;
                    }
                }
                orders.add(new AccessPath[] {outer, inner});
            }
        }
        return false;
    }

    private static AccessPath argumentPath(int arg, CallFacts.CallSite call) {
        AccessPath p = arg == RECEIVER ? call.receiver() : call.arguments()[arg];
        return p == null ? AccessPath.UNKNOWN : p;
    }

    private static final int NONE = Integer.MIN_VALUE;
    private static final int RECEIVER = -1;

    /** The argument a lock lives in: -1 for the receiver, i for parameter i, NONE otherwise. */
    private static int argumentOf(AccessPath path) {
        AccessPath root = path.root();
        if (root.kind() == AccessPath.Kind.THIS) {
            return RECEIVER;
        }
        return root.kind() == AccessPath.Kind.PARAMETER ? root.index() : NONE;
    }

    /** Same field chain and lock kind relative to the argument: {@code from.lock} and {@code to.lock}. */
    private static boolean sameShape(LockId a, LockId b) {
        return a.kind() == b.kind() && fieldChain(a).equals(fieldChain(b));
    }

    /** {@code lock} for {@code from.lock}, {@code a.b} for {@code from.a.b}, "" for the monitor of {@code from}. */
    private static String fieldChain(LockId lock) {
        StringBuilder sb = new StringBuilder();
        for (AccessPath p = lock.path(); p.kind() == AccessPath.Kind.FIELD; p = p.base()) {
            sb.insert(0, "." + p.name());
        }
        return sb.length() == 0 ? "" : sb.substring(1);
    }

    /**
     * The lock as the message names it: {@code from.lock}, "the monitor of parameter from", "the monitor of this"
     * (a parameter's name alone, "locks to while holding from", reads as prepositions).
     */
    private static String lockForUser(int arg, Method method, String fields) {
        String name = argumentName(arg, method);
        boolean named = arg == RECEIVER || !name.startsWith("argument ");
        if (fields.isEmpty()) {
            return "the monitor of " + (arg == RECEIVER || !named ? name : "parameter " + name);
        }
        return named ? name + "." + fields : "the field " + fields + " of " + name;
    }

    private static boolean relatedTypes(MethodDescriptor md, int a, int b) {
        String ta = typeOf(md, a);
        String tb = typeOf(md, b);
        return ta != null && tb != null && (ConcurrencyApi.isSubtype(ta, tb) && !"java.lang.Object".equals(tb)
                || ConcurrencyApi.isSubtype(tb, ta) && !"java.lang.Object".equals(ta));
    }

    private static String typeOf(MethodDescriptor md, int arg) {
        if (arg == RECEIVER) {
            return md.getSlashedClassName().replace('/', '.');
        }
        Type[] params = Type.getArgumentTypes(md.getSignature());
        return arg < params.length && params[arg] instanceof ObjectType ? ((ObjectType) params[arg]).getClassName() : null;
    }

    private static String argumentName(int arg, Method method) {
        if (arg == RECEIVER) {
            return "this";
        }
        org.apache.bcel.classfile.LocalVariableTable vars = method.getLocalVariableTable();
        if (vars != null) {
            int slot = method.isStatic() ? 0 : 1;
            Type[] params = Type.getArgumentTypes(method.getSignature());
            for (int i = 0; i < arg; i++) {
                slot += params[i].getSize();
            }
            org.apache.bcel.classfile.LocalVariable v = vars.getLocalVariable(slot, 0);
            if (v != null) {
                return v.getName();
            }
        }
        return "argument " + (arg + 1);
    }

    private static long key(int outer, int inner) {
        return ((long) outer << 32) ^ (inner & 0xffffffffL);
    }

    /** Nestings kept per pair of arguments and order, for report() to find one a call really makes. */
    private static final int MAX_NESTINGS_PER_PAIR = 8;

    @Override
    public void report() {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        EntryPoints entries = new EntryPoints(analysis.program());
        ReachableLocks reachable = pending.isEmpty() ? null : new ReachableLocks(analysis.summaries(),
                new ReceiverClasses(analysis.summaries(), analysis.callGraph(), analysis.fieldFacts()), analysis.valueFacts());
        for (Pending p : pending) {
            Nesting n = firstReal(p.descriptor, p.nestings, reachable);
            if (n == null || firstReal(p.descriptor, p.swapped, reachable) != null || !entries.isCallable(p.descriptor)) {
                continue;
            }
            bugReporter.reportBug(new BugInstance(this, BugTypes.ARGUMENT_LOCK_ORDER, Priorities.NORMAL_PRIORITY)
                    .addClassAndMethod(p.jc, p.method)
                    .addSourceLine(new SourceLineAnnotation(p.jc.getClassName(), p.jc.getSourceFileName(), n.line, n.line,
                            n.pc, n.pc))
                    .addString(lockForUser(n.outer, p.method, n.fields))
                    .addString(lockForUser(n.inner, p.method, n.fields)));
        }
        pending.clear();
    }

    /**
     * The first nesting whose locks the code can really take: the inner one a call takes ({@link #mayTake}), and the
     * outer one a helper holds while it runs a lambda or functional argument ({@link ReachableLocks#heldAt}); null
     * when none.
     */
    private static Nesting firstReal(MethodDescriptor method, List<Nesting> nestings, ReachableLocks reachable) {
        for (Nesting n : nestings) {
            if (n.callee == null || mayTake(reachable, n.callee, n.calleeLock) && stillHeld(method, n, reachable)) {
                return n;
            }
        }
        return null;
    }

    private static boolean stillHeld(MethodDescriptor method, Nesting n, ReachableLocks reachable) {
        if (n.site.via() == null) {
            return true;
        }
        for (HeldLock h : reachable.heldAt(method, n.calls, n.site)) {
            if (h.lock().equals(n.outerLock)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code callee} may take {@code lock} (in its own terms) once its calls run only what their receivers'
     * classes dispatch to ({@link ReachableLocks} with {@link ReceiverClasses}): the layer's summary follows an
     * interface call on a field to every analysed implementation, also where the field only ever holds a JDK object
     * (Groovy's {@code ListHashMap.innerMap}, always a {@code HashMap}, whose {@code putAll} is not the synchronized
     * one of an analysed map). True when the lock has no global name (the reach does not track it) or a reach lost
     * count of its ways.
     */
    private static boolean mayTake(ReachableLocks reachable, MethodDescriptor callee, LockId lock) {
        if (io.github.gridlock.detectors.analysis.GlobalLock.of(lock, callee) == null) {
            return true;
        }
        for (ReachableLocks.Reach r : reachable.of(callee).values()) {
            if (r.local.equals(lock) || r.alternatives == null || r.alternatives.contains(lock)) {
                return true;
            }
        }
        return false;
    }
}
