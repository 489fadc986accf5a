package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.BytecodeScreen;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.ThreadEntries;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.Type;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GL_COMPLETION_SIGNAL_MISSED: code run on another thread (a thread entry, or a method one reaches) signals
 * completion to a waiter it did not create — {@code CountDownLatch.countDown()}, {@code Phaser.arrive()} /
 * {@code arriveAndDeregister()}, {@code CompletableFuture.complete} / {@code completeExceptionally}, a
 * {@code Semaphore.release()} of permits it did not acquire — but some path of its unit of work ends without the
 * signal: an exception, an early return, a {@code continue}, a catch that swallows. The waiter then waits forever
 * (Python's {@code task_done()} skipped before {@code q.join()}).
 *
 * <p>The unit of work is the method; for a signal inside a loop it is one iteration: from taking the next input
 * ({@code take()}, {@code readLine()}, {@code accept()}) or from the loop's head, around to the same point. The
 * paths are in {@link SignalPaths}. Whether the code runs on another thread is known only when every class was
 * seen, so candidates are kept and decided in {@link #report()}.
 */
public class CompletionSignalDetector implements Detector {
    private final BugReporter bugReporter;
    private final List<Candidate> candidates = new ArrayList<>();
    /** The "loop" of signals in handler code: they only cut paths. */
    private static final BitSet HANDLER = new BitSet();

    public CompletionSignalDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** A finding to report if its method runs on a thread of its own. */
    private static final class Candidate {
        final MethodDescriptor method;
        final BugInstance bug;
        /** Missed on a normal path (a branch, a return): reported only in a task's own body or a private helper of it. */
        final boolean normalPath;
        final boolean isPrivate;

        Candidate(MethodDescriptor method, BugInstance bug, boolean normalPath, boolean isPrivate) {
            this.method = method;
            this.bug = bug;
            this.normalPath = normalPath;
            this.isPrivate = isPrivate;
        }
    }

    /** The signal calls of one method on one waiter object, in one unit of work. */
    private static final class Group {
        final AccessPath waiter;
        final BitSet loop;
        final List<Location> sites = new ArrayList<>();
        final ConcurrencyApi.Entry kind;

        Group(AccessPath waiter, BitSet loop, ConcurrencyApi.Entry kind) {
            this.waiter = waiter;
            this.loop = loop;
            this.kind = kind;
        }
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        analysis.summariesOf(classContext);
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null || !BytecodeScreen.of(classContext, method).callsApi(CompletionSignalDetector::isSignal)) {
                continue; // no signal, so no group for signalGroups to find
            }
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            try {
                analyze(classContext, method, facts);
            } catch (DataflowAnalysisException | RuntimeException e) {
                analysis.failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
    }

    private void analyze(ClassContext classContext, Method method, MethodFacts facts) throws DataflowAnalysisException {
        Map<String, Group> groups = signalGroups(facts);
        if (groups.isEmpty()) {
            return;
        }
        SignalPaths paths = new SignalPaths(classContext, facts);
        HandlerSignals handlers = new HandlerSignals(classContext, method, facts);
        for (Group g : groups.values()) {
            if (g.loop == HANDLER || signalsInHandler(groups, g.waiter)) {
                continue;
            }
            SignalPaths.Miss miss = paths.missed(g.waiter, g.loop, allSitesOf(groups, g.waiter));
            if (miss == SignalPaths.Miss.NONE || isFuture(g.kind) && !futureLosesFailure(groups, g.waiter, miss,
                    facts.methodGen().getConstantPool())) {
                continue;
            }
            if (handlers.passOnToSignal(g.waiter)) {
                continue;
            }
            Location first = g.sites.get(0);
            String how = miss == SignalPaths.Miss.NORMAL
                    ? "a path that ends without it (an early return, a branch, a continue, a catch that swallows) skips it"
                    : "an exception in the work before it skips it";
            BugInstance bug = Findings.at(this, BugTypes.COMPLETION_SIGNAL_MISSED, Priorities.NORMAL_PRIORITY, classContext,
                    method, first)
                    .addString(g.kind.why() + " (" + nameOf(g.waiter, method) + ")")
                    .addString(how);
            candidates.add(new Candidate(facts.descriptor(), bug, miss == SignalPaths.Miss.NORMAL, method.isPrivate()));
        }
    }

    /** The signal sites of the method by waiter and loop, in code order. */
    private static Map<String, Group> signalGroups(MethodFacts facts) throws DataflowAnalysisException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        Map<String, Group> groups = new LinkedHashMap<>();
        List<AccessPath> acquired = new ArrayList<>();
        BitSet normalCode = TaskFailures.normalCode(facts.cfg());
        for (Location location : facts.locations()) {
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)
                    || location.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            if (api == null) {
                continue;
            }
            AccessPathFrame frame = facts.pathsAt(location);
            AccessPath receiver = frame.isValid() ? frame.receiver(call, cpg) : null;
            if (receiver == null || !isWaiterFromOutside(receiver)) {
                continue;
            }
            if (acquiresPermits(api)) {
                acquired.add(receiver);
            } else if (isSignal(api)) {
                // A signal in a handler (finally's copy on the exception path) cuts paths but starts no unit of work.
                boolean inNormalCode = normalCode.get(location.getBasicBlock().getLabel());
                BitSet loop = inNormalCode ? facts.loopOf(location) : HANDLER;
                String key = receiver + (inNormalCode ? "@" + loop : "@handler");
                groups.computeIfAbsent(key, k -> new Group(receiver, loop, api)).sites.add(location);
            }
        }
        // A semaphore the method acquires itself is a lock or a throttle it holds, not a completion signal.
        groups.values().removeIf(g -> g.kind.effect() == ConcurrencyApi.Effect.RELEASE && acquired.contains(g.waiter));
        return groups;
    }

    /**
     * The waiter is also signalled in a handler ({@code finally}'s copy, a catch): its author placed the signal on
     * the failure paths on purpose, and a branch around it is by design (Netty's event loop counts down only when
     * it shuts down).
     */
    private static boolean signalsInHandler(Map<String, Group> groups, AccessPath waiter) {
        for (Group g : groups.values()) {
            if (g.loop == HANDLER && g.waiter.equals(waiter)) {
                return true;
            }
        }
        return false;
    }

    private static List<Location> allSitesOf(Map<String, Group> groups, AccessPath waiter) {
        List<Location> out = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.waiter.equals(waiter)) {
                out.addAll(g.sites);
            }
        }
        return out;
    }

    private static boolean isFuture(ConcurrencyApi.Entry api) {
        return "java.util.concurrent.CompletableFuture".equals(api.owner());
    }

    /**
     * A future is often completed on some paths only by design (whichever path wins completes it; a retry completes
     * it later), so only the seed's shape counts: completed with a value, never exceptionally in this method, and
     * an exception in the work skips the completion.
     */
    private static boolean futureLosesFailure(Map<String, Group> groups, AccessPath future, SignalPaths.Miss miss,
            ConstantPoolGen cpg) {
        if (miss != SignalPaths.Miss.EXCEPTION) {
            return false;
        }
        for (Group g : groups.values()) {
            if (g.waiter.equals(future)) {
                for (Location l : g.sites) {
                    if (!"complete".equals(((InvokeInstruction) l.getHandle().getInstruction()).getMethodName(cpg))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    static boolean isSignal(ConcurrencyApi.Entry api) {
        return api.effect() == ConcurrencyApi.Effect.SIGNALS_COMPLETION
                || api.effect() == ConcurrencyApi.Effect.RELEASE && api.lockKind() == LockKind.SEMAPHORE;
    }

    private static boolean acquiresPermits(ConcurrencyApi.Entry api) {
        switch (api.effect()) {
            case ACQUIRE:
            case TRY_ACQUIRE:
            case TIMED_TRY_ACQUIRE:
                return api.lockKind() == LockKind.SEMAPHORE;
            default:
                return false;
        }
    }

    /** A waiter handed in (a parameter, a captured variable, a field): not one this code made for itself. */
    private static boolean isWaiterFromOutside(AccessPath p) {
        switch (p.kind()) {
            case PARAMETER:
            case FIELD:
            case STATIC_FIELD:
                return true;
            default:
                return false;
        }
    }

    /** The waiter as the source names it: the parameter's (or captured variable's) name, the field's name. */
    private static String nameOf(AccessPath p, Method method) {
        if (p.kind() == AccessPath.Kind.FIELD && p.hasPrefix(AccessPath.THIS) || p.kind() == AccessPath.Kind.STATIC_FIELD) {
            return p.name();
        }
        if (p.kind() == AccessPath.Kind.PARAMETER) {
            int slot = method.isStatic() ? 0 : 1;
            Type[] args = method.getArgumentTypes();
            for (int i = 0; i < p.index() && i < args.length; i++) {
                slot += args[i].getSize();
            }
            LocalVariableTable table = method.getLocalVariableTable();
            LocalVariable v = table == null ? null : table.getLocalVariable(slot, 0);
            if (v != null) {
                return v.getName();
            }
        }
        return p.describeForUser();
    }

    @Override
    public void report() {
        ThreadEntries entries = GridlockAnalysis.current().threadEntries();
        for (Candidate c : candidates) {
            boolean taskBody = entries.entry(c.method) != null;
            if (c.normalPath && !taskBody && !c.isPrivate) {
                continue; // a public method that signals on some paths only: its callers decide (a state it waits for)
            }
            if (!entries.entriesReaching(c.method).isEmpty()) {
                bugReporter.reportBug(c.bug);
            }
        }
        candidates.clear();
    }
}
