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
        final BugInstance bug;
        final MethodDescriptor method;

        Pending(BugInstance bug, MethodDescriptor method) {
            this.bug = bug;
            this.method = method;
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

        Nesting(int outer, int inner, int line, int pc, String fields) {
            this.outer = outer;
            this.inner = inner;
            this.line = line;
            this.pc = pc;
            this.fields = fields;
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
            Map<Long, Nesting> nestings = nestings(summary, analysis);
            for (Nesting n : nestings.values()) {
                if (nestings.containsKey(key(n.inner, n.outer)) || calledInBothOrders(summary.method(), n, classSummaries)) {
                    continue;
                }
                BugInstance bug = new BugInstance(this, BugTypes.ARGUMENT_LOCK_ORDER, Priorities.NORMAL_PRIORITY)
                        .addClassAndMethod(jc, method)
                        .addSourceLine(new SourceLineAnnotation(jc.getClassName(), jc.getSourceFileName(), n.line, n.line, n.pc, n.pc))
                        .addString(lockForUser(n.outer, method, n.fields))
                        .addString(lockForUser(n.inner, method, n.fields));
                pending.add(new Pending(bug, summary.method()));
            }
        }
    }

    private Map<Long, Nesting> nestings(MethodSummary summary, GridlockAnalysis analysis) {
        Map<Long, Nesting> out = new LinkedHashMap<>();
        MethodDescriptor md = summary.method();
        for (LockFacts.Acquisition a : summary.acquisitions()) {
            if (a.mode() != LockFacts.AcquireMode.TRY) {
                collect(md, a.heldBefore(), a.lock(), a.line(), a.pc(), out);
            }
        }
        for (CallFacts.CallSite call : summary.calls()) {
            if (call.held().isEmpty()) {
                continue;
            }
            for (LockId l : analysis.summary(call.callee()).mayAcquire()) {
                collect(md, call.held(), l.substitute(call.receiver(), call.arguments()), call.line(), call.pc(), out);
            }
        }
        return out;
    }

    private static void collect(MethodDescriptor md, List<HeldLock> held, LockId inner, int line, int pc, Map<Long, Nesting> out) {
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
            out.putIfAbsent(key(outerArg, innerArg), new Nesting(outerArg, innerArg, line, pc, fieldChain(inner)));
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

    /** Private helpers called by their class in both argument orders are ordered by their callers. */
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

    @Override
    public void report() {
        EntryPoints entries = new EntryPoints(GridlockAnalysis.current().program());
        for (Pending p : pending) {
            if (entries.isCallable(p.method)) {
                bugReporter.reportBug(p.bug);
            }
        }
        pending.clear();
    }
}
