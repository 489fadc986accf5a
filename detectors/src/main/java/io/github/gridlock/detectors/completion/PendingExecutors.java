package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.PathSetAnalysis;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executors created in a method that, on some path to each point, are neither shut down nor out of the method's
 * hands (stored in a field or an array, returned, passed to a method of the program, captured by a lambda). Passing
 * an executor to a JDK concurrency call ({@code CompletableFuture.runAsync(task, pool)}) uses it, it does not hand it
 * on. The branch where a tested executor is null (javac's try-with-resources) leaks nothing.
 */
final class PendingExecutors extends PathSetAnalysis {
    /** Each executor created here, by its path, and the location of its creation. */
    private final Map<AccessPath, Location> created = new HashMap<>();
    private final Map<AccessPath, ConcurrencyApi.Entry> kinds = new HashMap<>();
    /** The locals each executor is stored in: where paths merge (a local set to null, then to the pool) it is known by them. */
    private final Map<Integer, Set<AccessPath>> storedIn = new HashMap<>();
    /** The executors known to be null on an edge (the branch of a null test where the tested one is null). */
    private final Map<Edge, Set<AccessPath>> nullOn = new HashMap<>();

    PendingExecutors(MethodFacts facts) throws CFGBuilderException, DataflowAnalysisException {
        super(facts);
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        for (Location location : facts.locations()) {
            AccessPath made = createdAt(location, cpg);
            if (made != null) {
                created.put(made, location);
                kinds.put(made, ConcurrencyApi.lookupResource((InvokeInstruction) location.getHandle().getInstruction(), cpg));
            }
        }
        for (Location location : created.isEmpty() ? List.<Location>of() : facts.locations()) {
            if (location.getHandle().getInstruction() instanceof ASTORE) {
                AccessPathFrame frame = facts.pathsAt(location);
                if (frame.isValid() && frame.getStackDepth() > 0 && created.containsKey(frame.getTopValue())) {
                    int slot = ((ASTORE) location.getHandle().getInstruction()).getIndex();
                    storedIn.computeIfAbsent(slot, k -> new HashSet<>()).add(frame.getTopValue());
                }
            }
        }
        if (!created.isEmpty()) {
            for (Iterator<Edge> i = facts.cfg().edgeIterator(); i.hasNext();) {
                Edge edge = i.next();
                Set<AccessPath> isNull = nullOnEdge(edge);
                if (!isNull.isEmpty()) {
                    nullOn.put(edge, isNull);
                }
            }
        }
    }

    /**
     * What an unknown value just loaded from a local may be: the executors ever stored in that local (for
     * {@code ExecutorService pool = null; try { pool = ...; } finally { if (pool != null) pool.shutdown(); }}).
     */
    private Set<AccessPath> maybe(InstructionHandle use, AccessPath value) {
        InstructionHandle prev = use.getPrev();
        if (value.isKnown() || prev == null || !(prev.getInstruction() instanceof ALOAD)) {
            return Set.of(value);
        }
        return storedIn.getOrDefault(((ALOAD) prev.getInstruction()).getIndex(), Set.of());
    }

    /** True when the method creates an executor at all (otherwise there is nothing to run). */
    boolean createsExecutors() {
        return !created.isEmpty();
    }

    Map<AccessPath, Location> created() {
        return created;
    }

    ConcurrencyApi.Entry kindOf(AccessPath executor) {
        return kinds.get(executor);
    }

    /** The executor a location creates: the result of a factory, the object a pool constructor initialises; or null. */
    private AccessPath createdAt(Location location, ConstantPoolGen cpg) throws DataflowAnalysisException {
        Instruction ins = location.getHandle().getInstruction();
        if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
            return null;
        }
        ConcurrencyApi.Entry api = ConcurrencyApi.lookupResource((InvokeInstruction) ins, cpg);
        if (api == null || api.effect() != ConcurrencyApi.Effect.CREATES_EXECUTOR) {
            return null;
        }
        if (ins instanceof INVOKESPECIAL) {
            AccessPathFrame frame = facts.pathsAt(location);
            AccessPath receiver = frame.isValid() ? frame.getInstance(ins, cpg) : AccessPath.UNKNOWN;
            return receiver.kind() == AccessPath.Kind.FRESH ? receiver : null;
        }
        return AccessPath.result(location.getHandle().getPosition());
    }

    @Override
    protected void initial(PathSet entry) {
        // Nothing is pending when the method starts.
    }

    @Override
    protected void gen(Location location, AccessPathFrame frame, PathSet fact) throws DataflowAnalysisException {
        Instruction ins = location.getHandle().getInstruction();
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        if (ins instanceof InvokeInstruction) {
            InvokeInstruction call = (InvokeInstruction) ins;
            AccessPath[] args = frame.arguments(call, cpg);
            boolean usesOnly = ConcurrencyApi.lookup(call, cpg) != null;
            for (AccessPath a : args) {
                if (!usesOnly && fact.contains(a)) {
                    remove(fact, a);
                }
            }
            if (ins instanceof INVOKEDYNAMIC) {
                return;
            }
            AccessPath receiver = frame.receiver(call, cpg);
            ConcurrencyApi.Entry resource = ConcurrencyApi.lookupResource(call, cpg);
            if (resource != null && resource.effect() == ConcurrencyApi.Effect.SHUTS_DOWN && receiver != null) {
                for (AccessPath p : maybe(location.getHandle(), receiver)) {
                    remove(fact, p);
                }
            }
            if (created.containsKey(receiver) && created.get(receiver).getHandle() == location.getHandle()) {
                fact.add(receiver);
            } else if (created.containsKey(AccessPath.result(location.getHandle().getPosition()))
                    && created.get(AccessPath.result(location.getHandle().getPosition())).getHandle() == location.getHandle()) {
                // The result is on the stack only after the call; it is pending from here on.
                fact.add(AccessPath.result(location.getHandle().getPosition()));
            }
            return;
        }
        short op = ins.getOpcode();
        if ((op == Const.PUTFIELD || op == Const.PUTSTATIC || op == Const.AASTORE || op == Const.ARETURN)
                && frame.getStackDepth() > 0) {
            remove(fact, frame.getTopValue());
        }
    }

    private static void remove(PathSet fact, AccessPath p) {
        killUnder(fact, List.of(p)); // nothing lives under an executor's path but itself
    }

    /** The branch of a null test on which the tested executor is null carries nothing of it. */
    @Override
    public void meetInto(PathSet fact, Edge edge, PathSet result) {
        Set<AccessPath> isNull = nullOn.get(edge);
        if (isNull == null) {
            super.meetInto(fact, edge, result);
            return;
        }
        PathSet copy = createFact();
        copy(fact, copy);
        for (AccessPath p : isNull) {
            remove(copy, p);
        }
        super.meetInto(copy, edge, result);
    }

    private Set<AccessPath> nullOnEdge(Edge edge) throws DataflowAnalysisException {
        BasicBlock source = edge.getSource();
        InstructionHandle last = source.getLastInstruction();
        if (last == null || edge.isExceptionEdge()) {
            return Set.of();
        }
        short op = last.getInstruction().getOpcode();
        boolean taken = edge.getType() == EdgeTypes.IFCMP_EDGE;
        if (!(op == Const.IFNULL && taken || op == Const.IFNONNULL && !taken)) {
            return Set.of();
        }
        AccessPathFrame frame = facts.pathsAt(new Location(last, source));
        return frame.isValid() && frame.getStackDepth() > 0 ? maybe(last, frame.getTopValue()) : Set.of();
    }
}
