package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts about the whole program, gathered from the summary of every method of every analysed class: who
 * calls whom, which work is handed to which thread, which fields are touched where. A class joins when a
 * Gridlock detector visits it ({@link GridlockAnalysis#summariesOf}), so the facts are complete when the last
 * class has been visited: in {@code Detector.report()}. Families that need the whole program (thread entries,
 * field facts) collect candidates while visiting and decide there, as the lock-order detector does; that keeps
 * the summaries computed in the pass where SpotBugs' own detectors share the CFGs and dataflows.
 */
public final class ProgramFacts {
    /** One call of an analysed method, as its caller makes it. */
    public static final class Caller {
        private final MethodDescriptor caller;
        private final CallFacts.CallSite site;

        Caller(MethodDescriptor caller, CallFacts.CallSite site) {
            this.caller = caller;
            this.site = site;
        }

        public MethodDescriptor caller() {
            return caller;
        }

        public CallFacts.CallSite site() {
            return site;
        }
    }

    /** Work handed off in a method. */
    public static final class HandoffSite {
        private final MethodDescriptor creator;
        private final Handoff handoff;

        HandoffSite(MethodDescriptor creator, Handoff handoff) {
            this.creator = creator;
            this.handoff = handoff;
        }

        /** The method that hands the work off (its thread is the work's creator). */
        public MethodDescriptor creator() {
            return creator;
        }

        public Handoff handoff() {
            return handoff;
        }
    }

    private final MethodSummaries summaries;
    private final Set<ClassDescriptor> collected = new LinkedHashSet<>();
    private final Map<MethodDescriptor, MethodSummary> methods = new HashMap<>();
    private final Map<MethodDescriptor, List<Caller>> callers = new HashMap<>();
    private final List<HandoffSite> handoffs = new ArrayList<>();
    private final Set<ClassDescriptor> threadSafeClasses = new LinkedHashSet<>();
    private final Map<ClassDescriptor, List<MethodDescriptor>> publicMethods = new HashMap<>();
    private final List<MethodDescriptor> apiMethods = new ArrayList<>();
    private final Map<String, Set<MethodDescriptor>> acquirers = new HashMap<>();
    private int generation;

    ProgramFacts(MethodSummaries summaries) {
        this.summaries = summaries;
    }

    /** Adds the methods of one analysed class (once). */
    void collect(ClassContext classContext) {
        JavaClass jc = classContext.getJavaClass();
        ClassDescriptor cls = classContext.getClassDescriptor();
        if (!collected.add(cls)) {
            return;
        }
        generation++;
        if (Annotations.isThreadSafe(jc)) {
            threadSafeClasses.add(cls);
        }
        List<MethodDescriptor> publics = new ArrayList<>();
        for (Method m : jc.getMethods()) {
            if (m.getCode() == null) {
                continue;
            }
            MethodDescriptor md = MethodSummaries.descriptorOf(classContext, m);
            if (m.isPublic() && !m.getName().startsWith("<")) {
                publics.add(md);
            }
            if ((m.isPublic() || m.isProtected()) && !m.isSynthetic() && !"<clinit>".equals(m.getName())) {
                apiMethods.add(md);
            }
            add(md, summaries.summaryOf(md));
        }
        publicMethods.put(cls, publics);
    }

    private void add(MethodDescriptor md, MethodSummary summary) {
        if (summary.method() == null || methods.putIfAbsent(md, summary) != null) {
            return;
        }
        for (CallFacts.CallSite site : summary.calls()) {
            callers.computeIfAbsent(site.callee(), k -> new ArrayList<>()).add(new Caller(md, site));
        }
        for (Handoff h : summary.threadFacts().handoffs()) {
            handoffs.add(new HandoffSite(md, h));
        }
        for (LockFacts.Acquisition a : summary.acquisitions()) {
            GlobalLock lock = GlobalLock.of(a.lock(), md);
            if (lock != null) {
                acquirers.computeIfAbsent(lock.key(), k -> new LinkedHashSet<>()).add(md);
            }
        }
    }

    /** The collected methods whose own code takes {@code lock} (a synchronized method takes its monitor). */
    public Set<MethodDescriptor> acquirersOf(GlobalLock lock) {
        return Collections.unmodifiableSet(acquirers.getOrDefault(lock.key(), Set.of()));
    }

    /** Public and protected methods (and constructors) of the collected classes: code that callers outside them run. */
    List<MethodDescriptor> apiMethods() {
        return Collections.unmodifiableList(apiMethods);
    }

    /** Changes whenever a class is added: caches built on these facts are rebuilt when it moved. */
    int generation() {
        return generation;
    }

    /** The summary of an analysed method, if its class was collected. */
    public MethodSummary summaryOf(MethodDescriptor method) {
        return methods.get(method);
    }

    /** Every collected method. */
    public Set<MethodDescriptor> methods() {
        return Collections.unmodifiableSet(methods.keySet());
    }

    /** The calls of {@code method} made by collected methods (direct calls and lambdas run by helpers). */
    public List<Caller> callersOf(MethodDescriptor method) {
        return callers.getOrDefault(method, List.of());
    }

    /** Every hand-off of work to another thread in the collected methods. */
    public List<HandoffSite> handoffs() {
        return Collections.unmodifiableList(handoffs);
    }

    /** Classes annotated {@code @ThreadSafe}: every public method may run on several threads at once. */
    public Set<ClassDescriptor> threadSafeClasses() {
        return Collections.unmodifiableSet(threadSafeClasses);
    }

    /** The public methods (with code, not constructors) of a collected class. */
    public List<MethodDescriptor> publicMethodsOf(ClassDescriptor cls) {
        return publicMethods.getOrDefault(cls, List.of());
    }

    /**
     * The locks held at every one of {@code callers}' call sites on every path, together with the locks
     * {@code heldAroundCaller} says are held around each calling method, in the callee's terms; empty when one call
     * holds none that the callee can name. The caller-lock notions of the layer and of the families differ only in
     * which methods they ask this for and in what holds around a caller.
     */
    public static Set<LockId> heldAtEveryCall(List<Caller> callers,
            java.util.function.Function<MethodDescriptor, Set<LockId>> heldAroundCaller) {
        Set<LockId> common = null;
        for (Caller c : callers) {
            if (isAccessorOf(c.caller(), c.site().callee())) {
                continue; // its callers are the callee's own: counted at their sites
            }
            Set<LockId> here = heldOnEveryPath(c.site());
            here.addAll(heldAroundCaller.apply(c.caller()));
            Set<LockId> mine = inTargetTerms(here, c.site(), false);
            if (common == null) {
                common = mine;
            } else {
                common.retainAll(mine);
            }
            if (common.isEmpty()) {
                return Set.of();
            }
        }
        return Collections.unmodifiableSet(common);
    }

    /** The locks a call site holds on every path to it (not those held on some paths only), outermost first. */
    public static Set<LockId> heldOnEveryPath(CallFacts.CallSite site) {
        Set<LockId> held = new LinkedHashSet<>();
        for (HeldLock h : site.held()) {
            if (!h.isOnSomePathsOnly()) {
                held.add(h.lock());
            }
        }
        return held;
    }

    /**
     * {@code locks} of a caller in the terms of the method {@code site} calls: a lock the callee cannot name is
     * dropped, or, with {@code keepUnnamed}, kept as an unnamed lock of its kind.
     */
    public static Set<LockId> inTargetTerms(Collection<LockId> locks, CallFacts.CallSite site, boolean keepUnnamed) {
        Invocation call = asTargetSees(site);
        Set<LockId> out = new LinkedHashSet<>();
        for (LockId l : locks) {
            AccessPath rebased = l.path().isKnown() ? call.inTargetTerms(l.path()) : null;
            if (rebased != null) {
                out.add(new LockId(rebased, l.kind()));
            } else if (keepUnnamed) {
                out.add(new LockId(AccessPath.UNKNOWN, l.kind()));
            }
        }
        return out;
    }

    /**
     * True when {@code caller} is a synthetic static accessor of {@code callee}: javac's bridge to a private member of
     * an outer or inner class before nestmates ({@code static access$100(Outer, Node)} whose body is
     * {@code outer.unlink(node)}), as SpotBugs recognises it. SpotBugs resolves every call of such an accessor to the
     * member behind it, so the accessor's callers are already the callee's callers, each with the locks held at its
     * own call: what holds at every call of the accessor holds inside it. Its own call of the callee is no call of
     * its own, and a walk over the callee's callers passes through it.
     */
    public static boolean isAccessorOf(MethodDescriptor caller, MethodDescriptor callee) {
        if (!caller.isStatic() || !caller.getClassDescriptor().equals(callee.getClassDescriptor())) {
            return false;
        }
        XMethod xm = XFactory.createXMethod(caller);
        MethodDescriptor target = xm.isSynthetic() ? xm.getAccessMethodForMethod() : null;
        return target != null && target.getName().equals(callee.getName())
                && target.getSignature().equals(callee.getSignature())
                && target.getClassDescriptor().equals(callee.getClassDescriptor());
    }

    /**
     * A call as its target sees it. A call of a synthetic static accessor that SpotBugs resolved to the instance
     * method behind it ({@link #isAccessorOf}) names no receiver: the accessor's first argument is the target's
     * {@code this} and the others its parameters. Every other call is returned as it is.
     */
    public static Invocation asTargetSees(CallFacts.CallSite site) {
        Invocation call = site.invocation();
        AccessPath[] args = call.arguments();
        if (call.receiver() != null || site.callee().isStatic()
                || args.length != org.apache.bcel.generic.Type.getArgumentTypes(site.callee().getSignature()).length + 1) {
            return call;
        }
        return new Invocation(call.target(), args[0], Arrays.copyOfRange(args, 1, args.length));
    }
}
