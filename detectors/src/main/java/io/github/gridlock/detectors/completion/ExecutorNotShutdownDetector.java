package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.BytecodeScreen;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.PathSetAnalysis;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GL_EXECUTOR_NOT_SHUTDOWN: an executor created in a method ({@code Executors.new...}, {@code new ThreadPoolExecutor},
 * {@code new ScheduledThreadPoolExecutor}, {@code new ForkJoinPool}) that on some path is neither shut down
 * ({@code shutdown}, {@code shutdownNow}, {@code close}) nor out of the method's hands (stored, returned, passed to a
 * method of the program, captured). Its threads outlive the call; non-daemon ones keep the JVM alive.
 *
 * <p>Normal priority when a normal return leaks it; low when only an exception does (no {@code finally}), and for pools
 * of daemon workers that end when idle ({@code ForkJoinPool}, {@code newWorkStealingPool}). An executor stored in a
 * private field that no method of the class shuts down or hands on is reported too (fb-contrib's
 * {@code HES_EXECUTOR_NEVER_SHUTDOWN}): normal for an instance field (every instance leaks its pool), low for a static
 * one (one pool for the program's life).
 */
public class ExecutorNotShutdownDetector implements Detector {
    private final BugReporter bugReporter;

    public ExecutorNotShutdownDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** An executor stored in a field of the class: where it was made. */
    private static final class Stored {
        final Method method;
        final Location created;
        final ConcurrencyApi.Entry kind;

        Stored(Method method, Location created, ConcurrencyApi.Entry kind) {
            this.method = method;
            this.created = created;
            this.kind = kind;
        }
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        if (!createsSomeExecutor(classContext)) {
            return; // nothing can be created here, so nothing is stored in a field either
        }
        GridlockAnalysis analysis = GridlockAnalysis.current();
        Map<String, Stored> storedInFields = new LinkedHashMap<>();
        List<MethodFacts> all = new ArrayList<>();
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            all.add(facts);
            try {
                analyze(classContext, method, facts, storedInFields);
            } catch (CFGBuilderException | DataflowAnalysisException | RuntimeException e) {
                analysis.failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
        if (!storedInFields.isEmpty()) {
            try {
                fieldsNeverShutDown(classContext, all, storedInFields);
            } catch (DataflowAnalysisException | RuntimeException e) {
                analysis.failures().classFailed(classContext.getJavaClass().getClassName(), e);
            }
        }
    }

    /** A pre-screen: some method of the class calls an executor factory or constructor (see {@link PendingExecutors}). */
    private static boolean createsSomeExecutor(ClassContext classContext) {
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (BytecodeScreen.of(classContext, method).callsResource(e -> e.effect() == ConcurrencyApi.Effect.CREATES_EXECUTOR)) {
                return true;
            }
        }
        return false;
    }

    private void analyze(ClassContext classContext, Method method, MethodFacts facts, Map<String, Stored> storedInFields)
            throws CFGBuilderException, DataflowAnalysisException {
        PendingExecutors pending = new PendingExecutors(facts);
        if (!pending.createsExecutors()) {
            return;
        }
        recordFieldStores(classContext, method, facts, pending, storedInFields);
        Dataflow<PathSetAnalysis.PathSet, PathSetAnalysis> flow = pending.run();
        ExceptionExits exceptions = new ExceptionExits(classContext, method, facts);
        for (Map.Entry<AccessPath, Location> e : pending.created().entrySet()) {
            AccessPath executor = e.getKey();
            boolean onReturn = false;
            boolean onException = false;
            for (Iterator<Edge> i = facts.cfg().incomingEdgeIterator(facts.cfg().getExit()); i.hasNext();) {
                Edge edge = i.next();
                if (!flow.getResultFact(edge.getSource()).contains(executor)) {
                    continue;
                }
                if (!edge.isExceptionEdge()) {
                    onReturn = true;
                } else if (exceptions.leaves(edge, executor)) {
                    onException = true;
                }
            }
            if (!onReturn && !onException) {
                continue;
            }
            ConcurrencyApi.Entry kind = pending.kindOf(executor);
            boolean daemon = kind.executorThreads() == ConcurrencyApi.ExecutorThreads.DAEMON;
            int priority = onReturn && !daemon ? Priorities.NORMAL_PRIORITY : Priorities.LOW_PRIORITY;
            String how = onReturn ? "on some path it is neither shut down nor handed on"
                    : "an exception on the way skips its shutdown";
            report(classContext, method, e.getValue(), priority, kind, how);
        }
    }

    private void report(ClassContext classContext, Method method, Location created, int priority, ConcurrencyApi.Entry kind,
            String how) {
        bugReporter.reportBug(Findings.at(this, BugTypes.EXECUTOR_NOT_SHUTDOWN, priority, classContext, method, created)
                .addString(kind.why().replaceFirst("^creates ", "")).addString(how));
    }

    /** Remembers executors made here and stored in a private field of this class. */
    private static void recordFieldStores(ClassContext classContext, Method method, MethodFacts facts,
            PendingExecutors pending, Map<String, Stored> storedInFields) throws DataflowAnalysisException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        String self = classContext.getJavaClass().getClassName();
        for (Location location : facts.locations()) {
            short op = location.getHandle().getInstruction().getOpcode();
            if (op != Const.PUTFIELD && op != Const.PUTSTATIC) {
                continue;
            }
            FieldInstruction put = (FieldInstruction) location.getHandle().getInstruction();
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid() || !self.equals(put.getReferenceType(cpg).toString())) {
                continue;
            }
            Location created = pending.created().get(frame.getTopValue());
            Field field = fieldNamed(classContext, put.getFieldName(cpg));
            if (created != null && field != null && field.isPrivate()) {
                storedInFields.putIfAbsent(put.getFieldName(cpg),
                        new Stored(method, created, pending.kindOf(frame.getTopValue())));
            }
        }
    }

    private static Field fieldNamed(ClassContext classContext, String name) {
        for (Field f : classContext.getJavaClass().getFields()) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Fields whose executor no method of the class shuts down or lets go of. */
    private void fieldsNeverShutDown(ClassContext classContext, List<MethodFacts> all, Map<String, Stored> storedInFields)
            throws DataflowAnalysisException {
        String self = classContext.getJavaClass().getClassName();
        Map<String, Stored> open = new LinkedHashMap<>(storedInFields);
        for (MethodFacts facts : all) {
            ConstantPoolGen cpg = facts.methodGen().getConstantPool();
            for (Location location : facts.locations()) {
                if (open.isEmpty()) {
                    return;
                }
                AccessPathFrame frame = facts.pathsAt(location);
                if (!frame.isValid()) {
                    continue;
                }
                for (AccessPath handled : handledAt(location, frame, cpg)) {
                    if (isFieldOf(handled, self)) {
                        open.remove(handled.name());
                    }
                }
            }
        }
        for (Map.Entry<String, Stored> e : open.entrySet()) {
            Stored s = e.getValue();
            boolean isStatic = fieldNamed(classContext, e.getKey()).isStatic();
            boolean daemon = s.kind.executorThreads() == ConcurrencyApi.ExecutorThreads.DAEMON;
            report(classContext, s.method, s.created, isStatic || daemon ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY,
                    s.kind, "it is kept in field " + e.getKey() + ", which no method of the class shuts down or hands on");
        }
    }

    /** The values a location shuts down or lets go of (passed on, stored, returned, captured). */
    private static List<AccessPath> handledAt(Location location, AccessPathFrame frame, ConstantPoolGen cpg)
            throws DataflowAnalysisException {
        Instruction ins = location.getHandle().getInstruction();
        List<AccessPath> out = new ArrayList<>();
        if (ins instanceof InvokeInstruction) {
            InvokeInstruction call = (InvokeInstruction) ins;
            if (ConcurrencyApi.lookup(call, cpg) == null) {
                for (AccessPath a : frame.arguments(call, cpg)) {
                    out.add(a);
                }
            }
            ConcurrencyApi.Entry resource = ConcurrencyApi.lookupResource(call, cpg);
            if (resource != null && resource.effect() == ConcurrencyApi.Effect.SHUTS_DOWN) {
                out.add(frame.receiver(call, cpg));
            }
            return out;
        }
        short op = ins.getOpcode();
        if ((op == Const.PUTFIELD || op == Const.PUTSTATIC || op == Const.AASTORE || op == Const.ARETURN)
                && frame.getStackDepth() > 0) {
            out.add(frame.getTopValue());
        }
        return out;
    }

    private static boolean isFieldOf(AccessPath p, String cls) {
        return p != null && (p.kind() == AccessPath.Kind.FIELD || p.kind() == AccessPath.Kind.STATIC_FIELD)
                && cls.equals(p.owner());
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
