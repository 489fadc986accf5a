package io.github.gridlock.detectors.lifecycle;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.Handoff;
import io.github.gridlock.detectors.analysis.Invocation;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.PathSetAnalysis;
import io.github.gridlock.detectors.analysis.ThreadFacts;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GL_DAEMON_UNFINISHED_WORK: work started on a daemon thread whose body writes durable output (a file, a stream, a
 * channel, JDBC: the {@link ConcurrencyApi.Effect#WRITES_OUTPUT} rows), by a method that returns, on some path, without
 * waiting for it. The JVM does not wait for daemon threads: when the last non-daemon thread ends they stop wherever
 * they are, and what they were writing is cut off.
 *
 * <p>Daemon: a {@code setDaemon(true)} on the thread in the starting method (or, for a thread kept in a field, in any
 * method of the class), a {@code Thread} subclass whose constructor marks itself daemon, an executor created with a
 * thread factory (a lambda or an analysed class) that marks its threads daemon or with daemon workers
 * ({@code ForkJoinPool}, {@code newWorkStealingPool}), and the common pool of {@code runAsync}/{@code supplyAsync}.
 * Waiting: a {@code join()} of the thread, the executor's termination, a latch or barrier await or a future's result
 * (in the method, or in a helper it calls) on every path to the return; a thread or future that leaves the method (stored, returned, passed on) is someone
 * else's to wait for, and a thread kept in a field is waited for when some method of the class joins it. A class that
 * registers a shutdown hook is taken to flush or join there. Console output ({@code System.out}/{@code System.err})
 * is not durable data, nor is what is written to a network peer (a socket's stream, a {@code SocketChannel}).
 *
 * <p>The body is followed from the task through monomorphic calls (method summaries), so the whole program must have
 * been visited: findings are decided in {@link #report()}.
 */
public class DaemonUnfinishedWorkDetector implements Detector {
    private static final String THREAD = "java.lang.Thread";
    private static final String EXECUTOR_ARGUMENT = "Ljava/util/concurrent/Executor;";
    private static final String NEW_THREAD_SIG = "(Ljava/lang/Runnable;)Ljava/lang/Thread;";
    private static final int MAX_BODY_METHODS = 400;

    private final BugReporter bugReporter;
    private final Map<MethodDescriptor, OwnCodeFacts> own = new HashMap<>();
    /** Thread subclasses whose constructor calls {@code setDaemon(true)} on the new thread. */
    private final Set<String> daemonByConstruction = new HashSet<>();
    private final List<Candidate> candidates = new ArrayList<>();

    public DaemonUnfinishedWorkDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** Why the work runs on daemon threads; some reasons can only be checked once every class was visited. */
    private static final class Daemon {
        final String words;
        final String subclass;
        final MethodDescriptor factory;
        final String factoryClass;

        private Daemon(String words, String subclass, MethodDescriptor factory, String factoryClass) {
            this.words = words;
            this.subclass = subclass;
            this.factory = factory;
            this.factoryClass = factoryClass;
        }

        static Daemon known(String words) {
            return new Daemon(words, null, null, null);
        }
    }

    /** Unwaited work whose thread may be a daemon and whose body may write: decided in {@link #report()}. */
    private static final class Candidate {
        final BugInstance bug;
        final List<Invocation> body;
        final Daemon daemon;

        Candidate(BugInstance bug, List<Invocation> body, Daemon daemon) {
            this.bug = bug;
            this.body = body;
            this.daemon = daemon;
        }
    }

    /** One piece of work a method starts: its key in the pending-work analysis, where it starts, what it runs. */
    private static final class Work {
        final AccessPath key;
        final int startPc;
        final List<Invocation> body;
        final Daemon daemon;

        Work(AccessPath key, int startPc, List<Invocation> body, Daemon daemon) {
            this.key = key;
            this.startPc = startPc;
            this.body = body;
            this.daemon = daemon;
        }
    }

    /** What the class does with threads it keeps in fields, over all its methods. */
    private static final class ClassFacts {
        final Map<AccessPath, List<Invocation>> fieldBodies = new HashMap<>();
        final Set<AccessPath> fieldsMarkedDaemon = new HashSet<>();
        final Set<AccessPath> fieldsWaitedFor = new HashSet<>();
        boolean registersShutdownHook;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        String className = classContext.getJavaClass().getClassName();
        Map<Method, MethodFacts> methods = new LinkedHashMap<>();
        ClassFacts cls = new ClassFacts();
        for (Method method : classContext.getJavaClass().getMethods()) {
            MethodFacts facts = method.getCode() == null ? null : analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            try {
                OwnCodeFacts f = OwnCodeFacts.of(facts);
                own.put(facts.descriptor(), f);
                collectClassFacts(method, f, analysis.summary(classContext, method), cls, className);
                methods.put(method, facts);
            } catch (DataflowAnalysisException | CFGBuilderException | RuntimeException e) {
                analysis.failures().methodFailed(className, method, e);
            }
        }
        if (cls.registersShutdownHook) {
            return;
        }
        for (Map.Entry<Method, MethodFacts> m : methods.entrySet()) {
            try {
                analyzeStarter(classContext, m.getKey(), m.getValue(), analysis.summary(classContext, m.getKey()), cls);
            } catch (DataflowAnalysisException | CFGBuilderException | RuntimeException e) {
                analysis.failures().methodFailed(className, m.getKey(), e);
            }
        }
    }

    private void collectClassFacts(Method method, OwnCodeFacts f, MethodSummary summary, ClassFacts cls, String className) {
        cls.registersShutdownHook |= f.registersShutdownHook();
        if ("<init>".equals(method.getName()) && f.daemonTrueOn().contains(AccessPath.THIS)
                && ConcurrencyApi.isSubtype(className, THREAD)) {
            daemonByConstruction.add(className);
        }
        if ("newThread".equals(method.getName()) && NEW_THREAD_SIG.equals(method.getSignature()) && f.marksSomeThreadDaemon()) {
            daemonByConstruction.add(factoryKey(className));
        }
        for (AccessPath p : f.daemonTrueOn()) {
            if (p.kind() == AccessPath.Kind.FIELD) {
                cls.fieldsMarkedDaemon.add(p);
            }
        }
        if (summary == null) {
            return;
        }
        for (Handoff h : summary.threadFacts().handoffs()) {
            if (h.via() == ConcurrencyApi.Via.THREAD && h.carrier() != null && h.carrier().kind() == AccessPath.Kind.FIELD) {
                cls.fieldBodies.computeIfAbsent(h.carrier(), k -> new ArrayList<>()).addAll(h.runs());
            }
        }
        for (ThreadFacts.SyncPoint p : summary.threadFacts().syncPoints()) {
            if ((p.kind() == ConcurrencyApi.Sync.JOIN || p.kind() == ConcurrencyApi.Sync.TERMINATION)
                    && p.on().kind() == AccessPath.Kind.FIELD) {
                cls.fieldsWaitedFor.add(p.on());
            }
        }
    }

    private static String factoryKey(String className) {
        return className + ".newThread";
    }

    private void analyzeStarter(ClassContext classContext, Method method, MethodFacts facts, MethodSummary summary,
            ClassFacts cls) throws DataflowAnalysisException, CFGBuilderException {
        if (summary == null || summary.threadFacts().syncPoints().isEmpty()) {
            return;
        }
        List<Work> works = worksOf(facts, summary.threadFacts(), cls);
        if (works.isEmpty()) {
            return;
        }
        PendingWorkAnalysis pending = new PendingWorkAnalysis(facts);
        for (Work w : works) {
            pending.startsAt(w.startPc, w.key);
        }
        for (ThreadFacts.SyncPoint p : summary.threadFacts().syncPoints()) {
            addWait(pending, p.pc(), p.kind(), p.on());
        }
        for (CallFacts.CallSite site : summary.calls()) {
            MethodSummary callee = site.isMonomorphic() ? GridlockAnalysis.current().summary(site.callee()) : null;
            for (ThreadFacts.SyncPoint p : callee == null ? List.<ThreadFacts.SyncPoint>of() : callee.threadFacts().syncPoints()) {
                addWait(pending, site.pc(), p.kind(), site.invocation().map(p.on()));
            }
        }
        Dataflow<PathSetAnalysis.PathSet, PathSetAnalysis> flow = pending.run();
        Set<AccessPath> unwaited = new HashSet<>();
        for (Location location : facts.locations()) {
            if (location.getHandle().getInstruction() instanceof ReturnInstruction) {
                unwaited.addAll(flow.getFactAtLocation(location).paths());
            }
        }
        for (Work w : works) {
            if (unwaited.contains(w.key) && !escapes(facts, w.key)) {
                Location at = locationOf(facts, w.startPc);
                candidates.add(new Candidate(Findings.at(this, BugTypes.DAEMON_UNFINISHED_WORK, Priorities.NORMAL_PRIORITY,
                        classContext, method, at), w.body, w.daemon));
            }
        }
    }

    /** A wait of the method (or of a helper it calls, at the call): for one piece of work, or for all. */
    private static void addWait(PendingWorkAnalysis pending, int pc, ConcurrencyApi.Sync kind, AccessPath on) {
        switch (kind) {
        case JOIN:
        case TERMINATION:
            if (on != null && on.isKnown()) {
                pending.waitsAt(pc, on);
            } else {
                pending.waitsForAllAt(pc);
            }
            break;
        case AWAIT:
        case FUTURE:
            pending.waitsForAllAt(pc);
            break;
        default:
            break;
        }
    }

    /** The threads and daemon-executor tasks the method starts itself, with why they run on daemon threads. */
    private List<Work> worksOf(MethodFacts facts, ThreadFacts threads, ClassFacts cls) throws DataflowAnalysisException {
        OwnCodeFacts mine = own.getOrDefault(facts.descriptor(), OwnCodeFacts.NONE);
        Map<AccessPath, Daemon> daemonExecutors = daemonExecutorsCreated(facts);
        List<Work> works = new ArrayList<>();
        Set<AccessPath> bound = new HashSet<>();
        for (Handoff h : threads.handoffs()) {
            if (h.through() != null || h.runs().isEmpty()) {
                continue;
            }
            if (h.via() == ConcurrencyApi.Via.THREAD && h.carrier() != null) {
                bound.add(h.carrier());
                int start = h.startsWork() ? h.pc() : startOf(threads, h.carrier(), h.pc());
                Daemon d = mine.daemonTrueOn().contains(h.carrier()) ? Daemon.known("a daemon thread")
                        : h.carrier().kind() == AccessPath.Kind.FRESH ? new Daemon("a daemon thread", h.carrier().owner(), null, null)
                        : cls.fieldsMarkedDaemon.contains(h.carrier()) ? Daemon.known("a daemon thread") : null;
                if (start >= 0 && d != null) {
                    works.add(new Work(h.carrier(), start, h.runs(), d));
                }
            } else if ((h.via() == ConcurrencyApi.Via.EXECUTOR || h.via() == ConcurrencyApi.Via.SCHEDULED)
                    && h.carrier() != null && daemonExecutors.containsKey(h.carrier())) {
                works.add(new Work(h.carrier(), h.pc(), h.runs(), daemonExecutors.get(h.carrier())));
            } else if (h.via() == ConcurrencyApi.Via.ASYNC && !callSignatureAt(facts, h.pc()).contains(EXECUTOR_ARGUMENT)) {
                works.add(new Work(AccessPath.result(h.pc()), h.pc(), h.runs(),
                        Daemon.known("work on the common ForkJoinPool, whose threads are daemons")));
            }
        }
        // A thread kept in a field, created and marked daemon elsewhere in the class, started here.
        for (ThreadFacts.SyncPoint p : threads.syncPoints()) {
            AccessPath t = p.on();
            if (p.kind() == ConcurrencyApi.Sync.START && t.kind() == AccessPath.Kind.FIELD && !bound.contains(t)
                    && cls.fieldBodies.containsKey(t) && (cls.fieldsMarkedDaemon.contains(t) || mine.daemonTrueOn().contains(t))
                    && !cls.fieldsWaitedFor.contains(t)) {
                works.add(new Work(t, p.pc(), cls.fieldBodies.get(t), Daemon.known("a daemon thread")));
            }
        }
        return works;
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

    /** Executors the method creates whose threads are daemons, or made by a thread factory that may mark them so. */
    private static Map<AccessPath, Daemon> daemonExecutorsCreated(MethodFacts facts) throws DataflowAnalysisException {
        Map<AccessPath, Daemon> out = new HashMap<>();
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) ins;
            ConcurrencyApi.Entry created = ConcurrencyApi.lookupResource(call, cpg);
            AccessPathFrame frame = facts.pathsAt(location);
            if (created == null || created.effect() != ConcurrencyApi.Effect.CREATES_EXECUTOR || !frame.isValid()) {
                continue;
            }
            AccessPath executor = ins.getOpcode() == Const.INVOKESTATIC ? AccessPath.result(location.getHandle().getPosition())
                    : frame.receiver(call, cpg);
            if (created.executorThreads() == ConcurrencyApi.ExecutorThreads.DAEMON) {
                out.put(executor, Daemon.known("work on an executor with daemon workers (" + created.why() + ")"));
                continue;
            }
            for (AccessPath arg : frame.arguments(call, cpg)) {
                if (arg.kind() == AccessPath.Kind.CLOSURE && "newThread".equals(arg.closure().samName())) {
                    out.put(executor, new Daemon(DAEMON_FACTORY, null, arg.closure().implementation(), null));
                } else if (arg.kind() == AccessPath.Kind.FRESH && ConcurrencyApi.isSubtype(arg.owner(),
                        "java.util.concurrent.ThreadFactory")) {
                    out.put(executor, new Daemon(DAEMON_FACTORY, null, null, factoryKey(arg.owner())));
                }
            }
        }
        return out;
    }

    private static final String DAEMON_FACTORY = "work on an executor whose thread factory marks its threads daemon";

    private static String callSignatureAt(MethodFacts facts, int pc) {
        for (Location location : facts.locations()) {
            if (location.getHandle().getPosition() == pc && location.getHandle().getInstruction() instanceof InvokeInstruction) {
                return ((InvokeInstruction) location.getHandle().getInstruction()).getSignature(facts.methodGen().getConstantPool());
            }
        }
        return "";
    }

    private static Location locationOf(MethodFacts facts, int pc) {
        for (Location location : facts.locations()) {
            if (location.getHandle().getPosition() == pc) {
                return location;
            }
        }
        throw new IllegalStateException("no instruction at pc " + pc);
    }

    /**
     * True when a thread, executor or future made in the method leaves it: stored in a field or an array, returned,
     * or passed to a method. Whoever gets it may wait for it.
     */
    private static boolean escapes(MethodFacts facts, AccessPath work) throws DataflowAnalysisException {
        if (work.kind() != AccessPath.Kind.FRESH && work.kind() != AccessPath.Kind.RESULT) {
            return false;
        }
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid() || frame.getStackDepth() == 0) {
                continue;
            }
            short op = ins.getOpcode();
            if ((op == Const.PUTFIELD || op == Const.PUTSTATIC || op == Const.AASTORE || op == Const.ARETURN)
                    && work.equals(frame.getTopValue())) {
                return true;
            }
            if (ins instanceof InvokeInstruction && !(ins instanceof INVOKEDYNAMIC)) {
                InvokeInstruction call = (InvokeInstruction) ins;
                if (ConcurrencyApi.lookup(call, cpg) != null || ConcurrencyApi.lookupResource(call, cpg) != null) {
                    continue;
                }
                for (AccessPath arg : frame.arguments(call, cpg)) {
                    if (work.equals(arg)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void report() {
        for (Candidate c : candidates) {
            if (!isDaemon(c.daemon)) {
                continue;
            }
            String[] write = firstWrite(c.body);
            if (write != null) {
                bugReporter.reportBug(c.bug.addString(c.daemon.words).addString(write[0]).addString(write[1]));
            }
        }
        candidates.clear();
    }

    private boolean isDaemon(Daemon d) {
        if (d.subclass != null) {
            return daemonByConstruction.contains(d.subclass);
        }
        if (d.factory != null) {
            OwnCodeFacts f = own.get(d.factory);
            return f != null && f.marksSomeThreadDaemon();
        }
        return d.factoryClass == null || daemonByConstruction.contains(d.factoryClass);
    }

    /** A method of the body, with the parameters through which it is given a network stream. */
    private static final class BodyMethod {
        final MethodDescriptor method;
        final Set<Integer> networkParameters;

        BodyMethod(MethodDescriptor method, Set<Integer> networkParameters) {
            this.method = method;
            this.networkParameters = networkParameters;
        }
    }

    /**
     * The first durable write the body makes, through monomorphic calls: its words and the method; null for none. A
     * write on a stream a method is given counts unless every caller on the way gives it a socket's stream.
     */
    private String[] firstWrite(List<Invocation> body) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        Deque<BodyMethod> work = new ArrayDeque<>();
        Set<MethodDescriptor> seen = new HashSet<>();
        for (Invocation i : body) {
            if (seen.add(i.target())) {
                work.add(new BodyMethod(i.target(), Set.of()));
            }
        }
        while (!work.isEmpty() && seen.size() <= MAX_BODY_METHODS) {
            BodyMethod m = work.poll();
            OwnCodeFacts f = own.getOrDefault(m.method, OwnCodeFacts.NONE);
            if (f.writes() != null) {
                return new String[] {f.writes(), MethodNames.describe(m.method)};
            }
            for (Map.Entry<Integer, String> w : f.writesToParameter().entrySet()) {
                if (!m.networkParameters.contains(w.getKey())) {
                    return new String[] {w.getValue(), MethodNames.describe(m.method)};
                }
            }
            MethodSummary s = analysis.program().summaryOf(m.method);
            if (s == null) {
                continue;
            }
            for (CallFacts.CallSite site : s.calls()) {
                if (site.isMonomorphic() && seen.add(site.callee())) {
                    work.add(new BodyMethod(site.callee(), networkArguments(site, f, m.networkParameters)));
                }
            }
        }
        return null;
    }

    private static Set<Integer> networkArguments(CallFacts.CallSite site, OwnCodeFacts caller, Set<Integer> callerNetwork) {
        Set<Integer> out = new HashSet<>();
        AccessPath[] args = site.arguments();
        for (int j = 0; j < args.length; j++) {
            AccessPath a = args[j];
            if (a != null && (caller.networkStreams().contains(a)
                    || a.kind() == AccessPath.Kind.PARAMETER && callerNetwork.contains(a.index()))) {
                out.add(j);
            }
        }
        return out;
    }
}
