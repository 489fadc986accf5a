package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Hierarchy;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.FieldAccesses;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.Handoff;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.Invocation;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.PathSetAnalysis;
import io.github.gridlock.detectors.analysis.ThreadFacts;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ArrayInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.StackConsumer;
import org.apache.bcel.generic.StackProducer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GL_THREAD_NOT_JOINED: state that a started thread's body writes (a field, an element of an array, a field of an
 * object it captured) read by the code that started it, after {@code start()}, with no happens-before edge in between
 * on some path. Edges: the thread's {@code join()} (in the method or in a helper it calls), a latch or barrier await, a
 * future's result, an executor's termination, a volatile or atomic read (the thread may publish through it), and the
 * same lock held around the write and the read. Volatile and final fields are not reported. {@code Thread.sleep} is
 * no edge. A read-modify-write of the field by the starter itself ({@code ticks++} while the thread counts too) is a
 * shared counter, GL_UNSYNCHRONIZED_COUNTER's, and not reported here.
 *
 * <p>The body is followed from the thread's task through monomorphic calls, with its paths rewritten into the
 * starter's terms; the bodies may be in classes visited later, so findings are decided in {@link #report()}.
 */
public class ThreadNotJoinedDetector implements Detector {
    private static final String ATOMIC_PACKAGE = "java.util.concurrent.atomic.";
    private static final int MAX_CALL_DEPTH = 3;

    private final BugReporter bugReporter;
    private final Map<MethodDescriptor, List<Write>> writes = new HashMap<>();
    private final List<Read> reads = new ArrayList<>();

    public ThreadNotJoinedDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** A write in a method's own code: of a field (null for an array element) on a base, with the locks held. */
    private static final class Write {
        final String field;
        final AccessPath base;
        final List<LockId> held;

        Write(String field, AccessPath base, List<LockId> held) {
            this.field = field;
            this.base = base;
            this.held = held;
        }
    }

    /** A read after some thread's start with no edge from it yet: the threads live there and what they run. */
    private static final class Read {
        final BugInstance bug;
        final String field;
        final String what;
        final AccessPath base;
        final List<LockId> held;
        final List<Invocation> bodies;

        Read(BugInstance bug, String field, String what, AccessPath base, List<LockId> held, List<Invocation> bodies) {
            this.bug = bug;
            this.field = field;
            this.what = what;
            this.base = base;
            this.held = held;
            this.bodies = bodies;
        }
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        for (Method method : classContext.getJavaClass().getMethods()) {
            MethodFacts facts = method.getCode() == null ? null : analysis.facts(classContext, method);
            MethodSummary summary = facts == null ? null : analysis.summary(classContext, method);
            if (summary == null) {
                continue;
            }
            try {
                collectWrites(classContext, method, facts, summary);
                collectReads(classContext, method, facts, summary);
            } catch (DataflowAnalysisException | CFGBuilderException | RuntimeException e) {
                analysis.failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
    }

    private void collectWrites(ClassContext classContext, Method method, MethodFacts facts, MethodSummary summary)
            throws DataflowAnalysisException {
        List<Write> out = new ArrayList<>();
        for (FieldAccesses.Access a : summary.fieldAccesses().accesses()) {
            if (a.isWrite() && !a.isInConstructor()) {
                out.add(new Write(fieldKey(a.field()), a.base(), locksOf(a.held())));
            }
        }
        BitSet bytecodes = classContext.getBytecodeSet(method);
        if (bytecodes != null && hasArrayStore(bytecodes)) {
            for (Location location : facts.locations()) {
                Instruction ins = location.getHandle().getInstruction();
                if (ins instanceof ArrayInstruction && ins instanceof StackConsumer && !(ins instanceof StackProducer)) {
                    AccessPathFrame frame = facts.pathsAt(location);
                    int valueSize = ((ArrayInstruction) ins).getType(facts.methodGen().getConstantPool()).getSize();
                    if (frame.isValid() && frame.getStackDepth() > valueSize + 1) {
                        out.add(new Write(null, frame.getStackValue(valueSize + 1), locksOf(facts.heldAt(location).locks())));
                    }
                }
            }
        }
        if (!out.isEmpty()) {
            writes.put(facts.descriptor(), out);
        }
    }

    private static boolean hasArrayStore(BitSet b) {
        for (short op = Const.IASTORE; op <= Const.SASTORE; op++) {
            if (b.get(op)) {
                return true;
            }
        }
        return false;
    }

    private void collectReads(ClassContext classContext, Method method, MethodFacts facts, MethodSummary summary)
            throws DataflowAnalysisException, CFGBuilderException {
        ThreadFacts threads = summary.threadFacts();
        Map<AccessPath, List<Invocation>> started = new LinkedHashMap<>();
        UnjoinedThreadsAnalysis analysis = new UnjoinedThreadsAnalysis(facts);
        for (Handoff h : threads.handoffs()) {
            if (h.via() != ConcurrencyApi.Via.THREAD || h.carrier() == null || h.through() != null || h.runs().isEmpty()) {
                continue;
            }
            int start = h.startsWork() ? h.pc() : startOf(threads, h.carrier(), h.pc());
            if (start >= 0) {
                analysis.startsAt(start, h.carrier());
                started.computeIfAbsent(h.carrier(), k -> new ArrayList<>()).addAll(h.runs());
            }
        }
        if (started.isEmpty()) {
            return;
        }
        addEdges(facts, summary, analysis);
        Dataflow<PathSetAnalysis.PathSet, PathSetAnalysis> flow = analysis.run();
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        Set<Integer> lines = new HashSet<>();
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            boolean fieldRead = ins.getOpcode() == Const.GETFIELD || ins.getOpcode() == Const.GETSTATIC;
            boolean arrayRead = ins instanceof ArrayInstruction && ins instanceof StackProducer;
            if (!fieldRead && !arrayRead) {
                continue;
            }
            Set<AccessPath> live = flow.getFactAtLocation(location).paths();
            if (live.isEmpty()) {
                continue;
            }
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid()) {
                continue;
            }
            String field = null;
            String what = "an element of an array";
            AccessPath base;
            if (fieldRead) {
                XField x = Hierarchy.findXField((FieldInstruction) ins, cpg);
                if (x == null || x.isVolatile() || x.isFinal()) {
                    continue;
                }
                field = fieldKey(x);
                if (writtenOnLine(summary, field, facts.lineOf(location.getHandle().getPosition()))) {
                    continue; // ticks++ while the thread counts too: a shared counter (GL_UNSYNCHRONIZED_COUNTER)
                }
                what = "the field " + AccessPath.simpleName(x.getClassName()) + "." + x.getName();
                base = ins.getOpcode() == Const.GETSTATIC ? null : frame.getStackValue(0);
            } else {
                base = frame.getStackValue(1);
            }
            if (base != null && !base.isKnown()) {
                continue;
            }
            List<Invocation> bodies = new ArrayList<>();
            for (AccessPath t : live) {
                bodies.addAll(started.getOrDefault(t, List.of()));
            }
            int line = facts.lineOf(location.getHandle().getPosition());
            if (!bodies.isEmpty() && lines.add(line)) {
                reads.add(new Read(Findings.at(this, BugTypes.THREAD_NOT_JOINED, Priorities.NORMAL_PRIORITY, classContext,
                        method, location), field, what, base, locksOf(facts.heldAt(location).locks()), bodies));
            }
        }
    }

    private static boolean writtenOnLine(MethodSummary summary, String field, int line) {
        for (FieldAccesses.Access a : summary.fieldAccesses().accesses()) {
            if (a.isWrite() && a.line() == line && field.equals(fieldKey(a.field()))) {
                return true;
            }
        }
        return false;
    }

    /** The happens-before edges of the method: joins, waits, volatile and atomic reads, helpers that join. */
    private static void addEdges(MethodFacts facts, MethodSummary summary, UnjoinedThreadsAnalysis analysis) {
        for (ThreadFacts.SyncPoint p : summary.threadFacts().syncPoints()) {
            addEdge(analysis, p.pc(), p.kind(), p.on());
        }
        GridlockAnalysis layer = GridlockAnalysis.current();
        for (CallFacts.CallSite site : summary.calls()) {
            MethodSummary callee = site.isMonomorphic() ? layer.summary(site.callee()) : null;
            if (callee == null) {
                continue;
            }
            for (ThreadFacts.SyncPoint p : callee.threadFacts().syncPoints()) {
                addEdge(analysis, site.pc(), p.kind(), site.invocation().map(p.on()));
            }
        }
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            int pc = location.getHandle().getPosition();
            if (ins.getOpcode() == Const.GETFIELD || ins.getOpcode() == Const.GETSTATIC) {
                XField x = Hierarchy.findXField((FieldInstruction) ins, cpg);
                if (x != null && x.isVolatile()) {
                    analysis.orderedAfterAllAt(pc);
                }
            } else if (ins instanceof InvokeInstruction && !(ins instanceof INVOKEDYNAMIC)
                    && ((InvokeInstruction) ins).getClassName(cpg).startsWith(ATOMIC_PACKAGE)) {
                analysis.orderedAfterAllAt(pc);
            }
        }
    }

    private static void addEdge(UnjoinedThreadsAnalysis analysis, int pc, ConcurrencyApi.Sync kind, AccessPath on) {
        switch (kind) {
        case JOIN:
            if (on != null && on.isKnown()) {
                analysis.joinsAt(pc, on);
            } else {
                analysis.orderedAfterAllAt(pc);
            }
            break;
        case AWAIT:
        case FUTURE:
        case TERMINATION:
            analysis.orderedAfterAllAt(pc);
            break;
        default:
            break;
        }
    }

    /** The {@code start()} of a thread bound to its work at {@code boundPc}, or -1 when it is not started here. */
    private static int startOf(ThreadFacts threads, AccessPath thread, int boundPc) {
        for (ThreadFacts.SyncPoint p : threads.syncPoints()) {
            if (p.kind() == ConcurrencyApi.Sync.START && p.pc() > boundPc && p.on().equals(thread)) {
                return p.pc();
            }
        }
        return -1;
    }

    private static String fieldKey(XField f) {
        return f.getClassName() + "." + f.getName();
    }

    private static List<LockId> locksOf(List<HeldLock> held) {
        List<LockId> out = new ArrayList<>();
        for (HeldLock h : held) {
            out.add(h.lock());
        }
        return out;
    }

    @Override
    public void report() {
        for (Read r : reads) {
            String writer = writerOf(r);
            if (writer != null) {
                bugReporter.reportBug(r.bug.addString(r.what).addString(writer));
            }
        }
        reads.clear();
    }

    /** The body method that writes what {@code read} reads, unguarded by a lock the read holds too; null if none. */
    private String writerOf(Read read) {
        for (Invocation body : read.bodies) {
            List<Invocation> chain = new ArrayList<>();
            chain.add(body);
            String found = writerOf(read, body.target(), chain, new HashSet<>());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private String writerOf(Read read, MethodDescriptor method, List<Invocation> chain, Set<MethodDescriptor> seen) {
        if (!seen.add(method)) {
            return null;
        }
        for (Write w : writes.getOrDefault(method, List.of())) {
            if (matches(read, w, chain)) {
                return MethodNames.describe(method);
            }
        }
        MethodSummary s = chain.size() > MAX_CALL_DEPTH ? null : GridlockAnalysis.current().program().summaryOf(method);
        if (s == null) {
            return null;
        }
        for (CallFacts.CallSite site : s.calls()) {
            if (site.isMonomorphic()) {
                chain.add(site.invocation());
                String found = writerOf(read, site.callee(), chain, seen);
                chain.remove(chain.size() - 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean matches(Read read, Write w, List<Invocation> chain) {
        if (read.field == null ? w.field != null : !read.field.equals(w.field)) {
            return false;
        }
        if (read.base != null) {
            AccessPath base = w.base == null ? null : toStarter(w.base, chain);
            if (base == null || !base.isKnown() || !base.equals(read.base)) {
                return false;
            }
        }
        for (LockId l : w.held) {
            LockId mapped = l;
            for (int i = chain.size() - 1; i >= 0; i--) {
                mapped = chain.get(i).map(mapped);
            }
            if (read.held.contains(mapped)) {
                return false;
            }
        }
        return true;
    }

    private static AccessPath toStarter(AccessPath p, List<Invocation> chain) {
        AccessPath mapped = p;
        for (int i = chain.size() - 1; i >= 0; i--) {
            mapped = chain.get(i).map(mapped);
        }
        return mapped;
    }
}
