package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes and caches {@link MethodSummary}s. A summary is computed the first time any detector
 * asks for it and reused for the rest of the analysis. Recursion in the call graph is cut: a method
 * that is (indirectly) asked for its own summary while computing it sees an empty summary for that
 * call, and call chains deeper than {@link #MAX_DEPTH} are not followed; both only lose findings.
 */
public final class MethodSummaries implements CalleeEffects {
    static final int MAX_DEPTH = 40;
    /** Longest call chain through which a callee's blocking call is charged to its caller. */
    public static final int MAX_BLOCKING_DEPTH = 3;

    private final Map<MethodDescriptor, MethodSummary> summaries = new HashMap<>();
    private final Set<MethodDescriptor> inProgress = new HashSet<>();
    private final CallGraph callGraph;
    private final Getters getters;
    private int depth;

    MethodSummaries(CallGraph callGraph, Getters getters) {
        this.callGraph = callGraph;
        this.getters = getters;
    }

    /** The summary of an analysed method; {@link MethodSummary#EMPTY} if it has no code or cannot be analysed. */
    public MethodSummary summaryOf(MethodDescriptor method) {
        MethodSummary cached = summaries.get(method);
        if (cached != null) {
            return cached;
        }
        if (inProgress.contains(method) || depth >= MAX_DEPTH) {
            return MethodSummary.EMPTY;
        }
        inProgress.add(method);
        depth++;
        try {
            MethodSummary summary = compute(method);
            summaries.put(method, summary);
            return summary;
        } finally {
            depth--;
            inProgress.remove(method);
        }
    }

    /** Number of summaries computed so far (for tests and benchmarks). */
    public int size() {
        return summaries.size();
    }

    @Override
    public MethodSummary summaryForCall(InvokeInstruction call, ConstantPoolGen cpg) {
        List<MethodDescriptor> targets = callGraph.targets(call, cpg);
        return targets.size() == 1 ? summaryOf(targets.get(0)) : null;
    }

    /** The facts of one method, computed with this analysis' callee effects; null when there is no code. */
    public MethodFacts factsOf(ClassContext classContext, Method method) {
        MethodDescriptor md = descriptorOf(classContext, method);
        Object cached = classContext.getMethodAnalysis(MethodFacts.class, md);
        if (cached instanceof MethodFacts) {
            return (MethodFacts) cached;
        }
        if (method.getCode() == null) {
            return null;
        }
        try {
            MethodFacts facts = MethodFacts.compute(classContext, method, getters, this);
            if (facts != null) {
                classContext.putMethodAnalysis(MethodFacts.class, md, facts);
            }
            return facts;
        } catch (CFGBuilderException | DataflowAnalysisException | RuntimeException e) {
            AnalysisFailures.log(classContext.getJavaClass().getClassName(), method, e);
            return null;
        }
    }

    static MethodDescriptor descriptorOf(ClassContext classContext, Method method) {
        return edu.umd.cs.findbugs.classfile.DescriptorFactory.instance().getMethodDescriptor(
                classContext.getJavaClass().getClassName().replace('.', '/'), method.getName(), method.getSignature(),
                method.isStatic());
    }

    private MethodSummary compute(MethodDescriptor md) {
        ClassContext classContext;
        try {
            classContext = Global.getAnalysisCache().getClassAnalysis(ClassContext.class, md.getClassDescriptor());
        } catch (CheckedAnalysisException e) {
            return MethodSummary.EMPTY;
        }
        Method method = null;
        for (Method m : classContext.getJavaClass().getMethods()) {
            if (m.getName().equals(md.getName()) && m.getSignature().equals(md.getSignature()) && m.isStatic() == md.isStatic()) {
                method = m;
                break;
            }
        }
        if (method == null) {
            return MethodSummary.EMPTY;
        }
        MethodFacts facts = factsOf(classContext, method);
        if (facts == null) {
            return MethodSummary.EMPTY;
        }
        try {
            return summarize(md, facts);
        } catch (DataflowAnalysisException | RuntimeException e) {
            return MethodSummary.EMPTY;
        }
    }

    private MethodSummary summarize(MethodDescriptor md, MethodFacts facts) throws DataflowAnalysisException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        List<MethodSummary.Acquisition> acquisitions = new ArrayList<>();
        List<MethodSummary.CallSite> calls = new ArrayList<>();
        List<MethodSummary.BlockingCall> blocking = new ArrayList<>();
        Set<LockId> mayAcquire = new LinkedHashSet<>();
        Set<LockId> returnsHolding = null;
        Set<LockId> releasesCallers = new LinkedHashSet<>();
        Set<AccessPath> starts = new LinkedHashSet<>();
        Set<AccessPath> daemon = new LinkedHashSet<>();
        Set<LockId> waits = new LinkedHashSet<>();
        int waitDepth = 0;
        // Futures whose isDone() was asked earlier in the method: get()/join() on them returns at once
        // (the guarded-join idiom, e.g. "f.isDone() && f.join() != null").
        Set<AccessPath> doneChecked = new java.util.HashSet<>();
        // Fields stored to so far, in bytecode order: a thread configured after being stored is a new one.
        Set<AccessPath> assigned = new LinkedHashSet<>();
        String blocksThrough = null;
        int blockingDepth = 0;

        AccessPath monitor = AccessPathAnalysis.implicitMonitor(facts.methodGen());
        if (monitor != null) {
            // A synchronized method takes its monitor on entry: for callers that is an acquisition like any other.
            LockId lock = new LockId(monitor, LockKind.MONITOR);
            acquisitions.add(new MethodSummary.Acquisition(lock, 0, facts.lineOf(0), java.util.Collections.emptyList(),
                    MethodSummary.AcquireMode.BLOCKING));
            mayAcquire.add(lock);
        }

        for (Location loc : facts.locations()) {
            HeldLockSet held = facts.heldAt(loc);
            if (!held.isValid()) {
                continue;
            }
            Instruction ins = loc.getHandle().getInstruction();
            int pc = loc.getHandle().getPosition();
            int line = facts.lineOf(pc);
            if (ins.getOpcode() == Const.MONITORENTER) {
                LockId lock = new LockId(facts.pathsAt(loc).getTopValue(), LockKind.MONITOR);
                acquisitions.add(new MethodSummary.Acquisition(lock, pc, line, held.locks(), MethodSummary.AcquireMode.BLOCKING));
                if (lock.isStable()) {
                    mayAcquire.add(lock);
                }
            } else if (ins.getOpcode() == Const.PUTFIELD || ins.getOpcode() == Const.PUTSTATIC) {
                org.apache.bcel.generic.FieldInstruction put = (org.apache.bcel.generic.FieldInstruction) ins;
                String owner = put.getReferenceType(cpg).toString();
                AccessPath stored = ins.getOpcode() == Const.PUTSTATIC ? AccessPath.staticField(owner, put.getFieldName(cpg))
                        : AccessPath.field(facts.pathsAt(loc).getStackValue(1), owner, put.getFieldName(cpg));
                if (stored.isStable()) {
                    assigned.add(stored);
                }
            } else if (ins instanceof ReturnInstruction) {
                Set<LockId> here = new LinkedHashSet<>();
                for (HeldLock h : held.definitelyHeld()) {
                    if (!h.isHeldOnEntry() && h.lock().isStable() && h.lock().kind() != LockKind.MONITOR) {
                        here.add(h.lock());
                    }
                }
                if (returnsHolding == null) {
                    returnsHolding = here;
                } else {
                    returnsHolding.retainAll(here);
                }
            } else if (ins instanceof InvokeInstruction) {
                InvokeInstruction call = (InvokeInstruction) ins;
                AccessPathFrame frame = facts.pathsAt(loc);
                AccessPath receiver = frame.receiver(call, cpg);
                ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
                if (api != null) {
                    switch (api.effect()) {
                        case ACQUIRE:
                        case TRY_ACQUIRE:
                        case TIMED_TRY_ACQUIRE:
                            LockId lock = LockId.forReceiver(receiver, api.lockKind());
                            acquisitions.add(new MethodSummary.Acquisition(lock, pc, line, held.locks(), modeOf(api.effect())));
                            if (lock.isStable()) {
                                mayAcquire.add(lock);
                            }
                            if (api.effect() == ConcurrencyApi.Effect.ACQUIRE && api.lockKind() == LockKind.SEMAPHORE) {
                                blocking.add(new MethodSummary.BlockingCall(api, pc, line, held.locks(), null));
                            }
                            break;
                        case RELEASE:
                            LockId released = LockId.forReceiver(receiver, api.lockKind());
                            if (held.find(released) == null && released.isStable()) {
                                releasesCallers.add(released);
                            }
                            break;
                        case WAIT_RELEASING:
                            LockId waited = waitedLock(receiver, api);
                            blocking.add(new MethodSummary.BlockingCall(api, pc, line, held.locks(), waited));
                            if (waited.isStable()) {
                                waits.add(waited);
                            }
                            break;
                        case CHECKS_DONE:
                            if (receiver != null && receiver.isKnown()) {
                                doneChecked.add(receiver);
                            }
                            break;
                        case BLOCKS:
                            if (receiver != null && doneChecked.contains(receiver)) {
                                break;
                            }
                            blocking.add(new MethodSummary.BlockingCall(api, pc, line, held.locks(), null));
                            if (blocksThrough == null) {
                                blocksThrough = AccessPath.simpleName(call.getClassName(cpg)) + "." + call.getMethodName(cpg);
                            }
                            break;
                        case STARTS_THREAD:
                            if (receiver.isStable()) {
                                starts.add(receiver);
                            }
                            break;
                        case SETS_DAEMON:
                            if (receiver.isStable() && !receiver.hasPrefixIn(assigned)) {
                                daemon.add(receiver);
                            }
                            break;
                        default:
                            break;
                    }
                    continue;
                }
                AccessPath[] args = frame.arguments(call, cpg);
                List<MethodDescriptor> targets = callGraph.targets(call, cpg);
                boolean monomorphic = targets.size() == 1;
                for (MethodDescriptor target : targets) {
                    calls.add(new MethodSummary.CallSite(target, pc, line, held.locks(), receiver, args, monomorphic));
                    MethodSummary callee = summaryOf(target);
                    for (LockId l : callee.mayAcquire()) {
                        LockId mapped = l.substitute(receiver, args);
                        if (mapped.isStable()) {
                            mayAcquire.add(mapped);
                        }
                    }
                    addMapped(callee.startsThreads(), receiver, args, starts);
                    if (monomorphic && callee.waitDepth() + 1 < MAX_BLOCKING_DEPTH) {
                        for (LockId w : callee.waitsReleasing()) {
                            LockId mapped = w.substitute(receiver, args);
                            if (mapped.isStable() && waits.add(mapped)) {
                                waitDepth = Math.max(waitDepth, callee.waitDepth() + 1);
                            }
                        }
                    }
                    for (AccessPath d : callee.setsDaemonOn()) {
                        AccessPath mapped = d.substitute(receiver, args);
                        if (mapped.isStable() && !mapped.hasPrefixIn(assigned)) {
                            daemon.add(mapped);
                        }
                    }
                    addMapped(callee.assigns(), receiver, args, assigned);
                    if (blocksThrough == null && monomorphic && callee.blocksThrough() != null
                            && callee.blockingDepth() + 1 < MAX_BLOCKING_DEPTH) {
                        blocksThrough = AccessPath.simpleName(target.getSlashedClassName().replace('/', '.')) + "."
                                + target.getName() + " -> " + callee.blocksThrough();
                        blockingDepth = callee.blockingDepth() + 1;
                    }
                }
            }
        }
        return new MethodSummary(md, acquisitions, calls, blocking, mayAcquire,
                returnsHolding == null ? new LinkedHashSet<>() : returnsHolding, releasesCallers, starts, daemon,
                blocksThrough, blockingDepth, waits, waitDepth, assigned);
    }

    /**
     * The lock a wait releases. A condition kept in a field ({@code notEmpty = lock.newCondition()} in the
     * constructor) or a monitor the analysis cannot name gives an UNKNOWN path: detectors then take the
     * wait to release the innermost held lock of its kind, which is what such code does in practice.
     */
    private static LockId waitedLock(AccessPath receiver, ConcurrencyApi.Entry api) {
        LockId lock = LockId.forReceiver(receiver, api.lockKind());
        boolean conditionWithKnownLock = lock.path() != receiver;
        if (api.lockKind() == LockKind.LOCK && !conditionWithKnownLock || !lock.isStable()) {
            return new LockId(AccessPath.UNKNOWN, api.lockKind());
        }
        return lock;
    }

    private static MethodSummary.AcquireMode modeOf(ConcurrencyApi.Effect effect) {
        switch (effect) {
            case TRY_ACQUIRE:
                return MethodSummary.AcquireMode.TRY;
            case TIMED_TRY_ACQUIRE:
                return MethodSummary.AcquireMode.TIMED_TRY;
            default:
                return MethodSummary.AcquireMode.BLOCKING;
        }
    }

    private static void addMapped(Set<AccessPath> calleePaths, AccessPath receiver, AccessPath[] args, Set<AccessPath> into) {
        for (AccessPath p : calleePaths) {
            AccessPath mapped = p.substitute(receiver, args);
            if (mapped.isStable()) {
                into.add(mapped);
            }
        }
    }
}
