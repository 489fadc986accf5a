package io.github.gridlock.detectors.lifecycle;

import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.MethodFacts;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one method's own code does for GL_DAEMON_UNFINISHED_WORK: the first durable output it writes (a
 * {@link ConcurrencyApi.Effect#WRITES_OUTPUT} call, not on {@code System.out}/{@code System.err} nor on a socket's
 * stream), the writes on streams it is given (durable unless its caller gives a socket's stream), the threads it marks
 * daemon with a constant {@code setDaemon(true)}, and whether it registers a shutdown hook. Calls are followed by the
 * detector, through method summaries.
 */
final class OwnCodeFacts {
    static final OwnCodeFacts NONE = new OwnCodeFacts(null, Map.of(), Set.of(), Set.of(), false, false);

    private final String writes;
    private final Map<Integer, String> writesToParameter;
    private final Set<AccessPath> networkStreams;
    private final Set<AccessPath> daemonTrueOn;
    private final boolean marksSomeThreadDaemon;
    private final boolean registersShutdownHook;

    private OwnCodeFacts(String writes, Map<Integer, String> writesToParameter, Set<AccessPath> networkStreams,
            Set<AccessPath> daemonTrueOn, boolean marksSomeThreadDaemon, boolean registersShutdownHook) {
        this.writes = writes;
        this.writesToParameter = writesToParameter;
        this.networkStreams = networkStreams;
        this.daemonTrueOn = daemonTrueOn;
        this.marksSomeThreadDaemon = marksSomeThreadDaemon;
        this.registersShutdownHook = registersShutdownHook;
    }

    static OwnCodeFacts of(MethodFacts facts) throws DataflowAnalysisException, CFGBuilderException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        String writes = null;
        Map<Integer, String> toParameter = new HashMap<>();
        Set<AccessPath> network = new HashSet<>();
        Set<AccessPath> daemon = new LinkedHashSet<>();
        boolean anyDaemon = false;
        boolean hook = false;
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) ins;
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            if (api != null && api.effect() == ConcurrencyApi.Effect.SETS_DAEMON) {
                Object value = facts.constantArgument(location, 0);
                if (value instanceof Number && ((Number) value).intValue() != 0) {
                    anyDaemon = true;
                    AccessPathFrame frame = facts.pathsAt(location);
                    if (frame.isValid()) {
                        daemon.add(frame.receiver(call, cpg));
                    }
                }
                continue;
            }
            ConcurrencyApi.Entry resource = ConcurrencyApi.lookupResource(call, cpg);
            if (resource == null) {
                continue;
            }
            if (resource.effect() == ConcurrencyApi.Effect.RUNS_AT_EXIT) {
                hook = true;
            } else if (resource.effect() == ConcurrencyApi.Effect.NETWORK_STREAM) {
                network.add(AccessPath.result(location.getHandle().getPosition()));
            } else if (resource.effect() == ConcurrencyApi.Effect.WRITES_OUTPUT && writes == null) {
                AccessPath receiver = receiverOf(facts, location, call, cpg);
                if (receiver != null && receiver.kind() == AccessPath.Kind.PARAMETER) {
                    toParameter.putIfAbsent(receiver.index(), resource.why());
                } else if (!onConsole(receiver) && !network.contains(receiver)) {
                    writes = resource.why();
                }
            }
        }
        if (writes == null && toParameter.isEmpty() && network.isEmpty() && daemon.isEmpty() && !anyDaemon && !hook) {
            return NONE;
        }
        return new OwnCodeFacts(writes, toParameter, network, daemon, anyDaemon, hook);
    }

    private static AccessPath receiverOf(MethodFacts facts, Location location, InvokeInstruction call, ConstantPoolGen cpg)
            throws DataflowAnalysisException {
        AccessPathFrame frame = facts.pathsAt(location);
        return frame.isValid() ? frame.receiver(call, cpg) : null;
    }

    /** Console output is not durable data: a line lost at exit is a line of log, not a truncated file. */
    private static boolean onConsole(AccessPath receiver) {
        return receiver != null && receiver.kind() == AccessPath.Kind.STATIC_FIELD && "java.lang.System".equals(receiver.owner())
                && ("out".equals(receiver.name()) || "err".equals(receiver.name()));
    }

    /** The words of the first durable write in the method's own code ("writes a file"), or null. */
    String writes() {
        return writes;
    }

    /**
     * Durable writes on a stream the method is given (parameter index to the write's words): durable unless the caller
     * passes a network stream.
     */
    Map<Integer, String> writesToParameter() {
        return writesToParameter;
    }

    /** Streams to a network peer the method obtains ({@code socket.getOutputStream()} results). */
    Set<AccessPath> networkStreams() {
        return networkStreams;
    }

    /** The threads (paths in the method's terms) the method marks daemon with {@code setDaemon(true)}. */
    Set<AccessPath> daemonTrueOn() {
        return daemonTrueOn;
    }

    /** True when the method marks some thread daemon, even one it creates and returns (a ThreadFactory). */
    boolean marksSomeThreadDaemon() {
        return marksSomeThreadDaemon;
    }

    boolean registersShutdownHook() {
        return registersShutdownHook;
    }
}
