package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Says what a call site runs ({@link CallEffects}), so that every summary part maps callee facts into the
 * caller the same way: the call's analysed targets (an exact one for lambdas and objects created in the
 * method), the lambdas and objects those targets run with the caller's arguments (execute-around helpers,
 * {@code forEach}, {@code computeIfAbsent}), and the work handed to other threads (executors, threads,
 * callbacks, and helpers that pass their argument on to one).
 */
final class CallResolver {
    private static final String THREAD = "java.lang.Thread";

    private final MethodSummaries summaries;
    private final CallGraph callGraph;

    CallResolver(MethodSummaries summaries, CallGraph callGraph) {
        this.summaries = summaries;
        this.callGraph = callGraph;
    }

    MethodSummaries summaries() {
        return summaries;
    }

    CallEffects resolve(Step step) throws DataflowAnalysisException {
        ConcurrencyApi.Entry api = step.api();
        AccessPath receiver = step.receiver();
        AccessPath[] args = step.arguments();
        List<CalleeCall> callees = new ArrayList<>();
        List<Handoff> handoffs = new ArrayList<>();
        List<ParameterUse> uses = new ArrayList<>();
        List<HeldLock> held = step.held().locks();
        if (api != null) {
            resolveApi(step, api, receiver, args, held, callees, handoffs, uses);
            return new CallEffects(callees, handoffs, uses);
        }
        InvokeInstruction call = step.call();
        String name = call.getMethodName(step.cpg());
        String sig = call.getSignature(step.cpg());
        for (CalleeCall direct : directTargets(step, call, receiver, args, held)) {
            callees.add(direct);
            applyCalleeParameterUses(step, direct, held, callees, handoffs, uses);
        }
        if (receiver != null && receiver.kind() == AccessPath.Kind.PARAMETER && runsItsReceiver(call, name)) {
            uses.add(new ParameterUse(receiver.index(), name, sig, held, args, null, false, step.pc(), step.line()));
        }
        threadSubclassCreated(step, call, receiver, handoffs);
        return new CallEffects(callees, handoffs, uses);
    }

    /** Interface calls on a parameter run a functional object; so does {@code run()} on any parameter. */
    private static boolean runsItsReceiver(InvokeInstruction call, String name) {
        return call instanceof INVOKEINTERFACE || call instanceof INVOKEVIRTUAL && "run".equals(name);
    }

    private void resolveApi(Step step, ConcurrencyApi.Entry api, AccessPath receiver, AccessPath[] args,
            List<HeldLock> held, List<CalleeCall> callees, List<Handoff> handoffs, List<ParameterUse> uses)
            throws DataflowAnalysisException {
        if (api.effect() == ConcurrencyApi.Effect.CALLS_BACK) {
            callees.addAll(callbacks(api, receiver, args, held));
            return;
        }
        if (api.effect() != ConcurrencyApi.Effect.SUBMITS_WORK && api.effect() != ConcurrencyApi.Effect.RUNS_ARGUMENT) {
            return;
        }
        int index = api.taskArgument();
        AccessPath task = index == ConcurrencyApi.RECEIVER ? receiver : index < args.length ? args[index] : null;
        if (task == null) {
            return;
        }
        AccessPath[] samArgs = unknownArguments(api.samDescriptor());
        boolean otherThread = api.effect() == ConcurrencyApi.Effect.SUBMITS_WORK;
        boolean starts = api.sync() == ConcurrencyApi.Sync.START;
        if (otherThread) {
            List<Invocation> runs = task.isKnown() ? tasksOf(step, task, api.samName(), api.samDescriptor(), samArgs)
                    : mergedFieldTasks(step, index, api.samName(), api.samDescriptor(), samArgs);
            handoffs.add(new Handoff(step.pc(), step.line(), api.via(), task, receiver, runs, step.inLoop(), starts, null));
        } else {
            callees.addAll(runsOf(task, api.samName(), api.samDescriptor(), samArgs, held, null));
        }
        if (task.kind() == AccessPath.Kind.PARAMETER) {
            uses.add(new ParameterUse(task.index(), api.samName(), api.samDescriptor(), otherThread ? List.of() : held,
                    samArgs, otherThread ? api.via() : null, starts, step.pc(), step.line()));
        }
    }

    /**
     * The implementations a JDK callback runs ({@code Observable.notifyObservers} runs every analysed
     * {@code Observer.update(observable, arg)}). Unlike a virtual call, which runs one of its targets, a callback runs
     * every registered observer, so each implementation is a call that runs (when it is registered).
     */
    private List<CalleeCall> callbacks(ConcurrencyApi.Entry api, AccessPath receiver, AccessPath[] args, List<HeldLock> held) {
        List<MethodDescriptor> targets = callGraph.targets(true, false, api.callback(), api.samName(), api.samDescriptor());
        AccessPath[] callbackArgs = new AccessPath[Type.getArgumentTypes(api.samDescriptor()).length];
        java.util.Arrays.fill(callbackArgs, AccessPath.UNKNOWN);
        if (callbackArgs.length > 0 && receiver != null) {
            callbackArgs[0] = receiver;
        }
        if (callbackArgs.length > 1 && args.length > 0) {
            callbackArgs[1] = args[0];
        }
        List<CalleeCall> out = new ArrayList<>();
        for (MethodDescriptor t : targets) {
            out.add(new CalleeCall(t, AccessPath.UNKNOWN, callbackArgs, held, true, null));
        }
        return out;
    }

    /** The analysed methods the call itself runs. */
    private List<CalleeCall> directTargets(Step step, InvokeInstruction call, AccessPath receiver, AccessPath[] args,
            List<HeldLock> held) {
        String name = call.getMethodName(step.cpg());
        String sig = call.getSignature(step.cpg());
        boolean virtual = call instanceof INVOKEVIRTUAL || call instanceof INVOKEINTERFACE;
        if (virtual && receiver != null && receiver.kind() == AccessPath.Kind.CLOSURE
                && receiver.closure().samName().equals(name)) {
            return runsOf(receiver, name, sig, args, held, null);
        }
        if (virtual && receiver != null && receiver.kind() == AccessPath.Kind.FRESH) {
            MethodDescriptor exact = callGraph.dispatch(receiver.owner(), name, sig);
            return exact == null ? List.of() : List.of(new CalleeCall(exact, receiver, args, held, true, null));
        }
        List<MethodDescriptor> targets = callGraph.targets(call, step.cpg());
        List<CalleeCall> out = new ArrayList<>(targets.size());
        boolean openWorld = virtual && !callGraph.isApplicationType(call.getClassName(step.cpg()));
        for (MethodDescriptor t : targets) {
            out.add(new CalleeCall(t, receiver, args, held, targets.size() == 1, null, openWorld));
        }
        return out;
    }

    /** What the callee does with the functional objects the caller passes it. */
    private void applyCalleeParameterUses(Step step, CalleeCall direct, List<HeldLock> held, List<CalleeCall> callees,
            List<Handoff> handoffs, List<ParameterUse> uses) {
        MethodSummary callee = summaries.summaryOf(direct.target());
        for (ParameterUse use : callee.parameterUses()) {
            AccessPath value = argument(direct, use.parameter());
            if (value == null) {
                continue;
            }
            AccessPath[] samArgs = mapAll(use.samArguments(), direct);
            if (use.otherThread() == null) {
                callees.addAll(runsOf(value, use.samName(), use.samDescriptor(), samArgs,
                        HeldLocks.concat(held, HeldLocks.map(use.held(), direct)), direct.target()));
            } else {
                List<Invocation> tasks = tasksOf(step, value, use.samName(), use.samDescriptor(), samArgs);
                if (!tasks.isEmpty() || value.kind() != AccessPath.Kind.PARAMETER) {
                    handoffs.add(new Handoff(step.pc(), step.line(), use.otherThread(), value, null, tasks, step.inLoop(),
                            use.startsWork(), direct.target()));
                }
            }
            if (value.kind() == AccessPath.Kind.PARAMETER) {
                uses.add(use.forwardedAs(value.index(), direct, held, step.pc(), step.line()));
            }
        }
    }

    private static AccessPath argument(Invocation call, int parameter) {
        AccessPath[] args = call.arguments();
        return parameter >= 0 && parameter < args.length ? args[parameter] : null;
    }

    /**
     * The analysed methods that run when {@code value}'s functional method {@code samName} is invoked on this
     * thread: a lambda's implementation, a method reference's target, the override in a class created here.
     */
    private List<CalleeCall> runsOf(AccessPath value, String samName, String samDescriptor, AccessPath[] samArgs,
            List<HeldLock> held, MethodDescriptor via) {
        List<CalleeCall> out = new ArrayList<>();
        for (Invocation inv : invocationsOf(value, samName, samDescriptor, samArgs)) {
            out.add(new CalleeCall(inv.target(), inv.receiver(), inv.arguments(), held, true, via));
        }
        return out;
    }

    /** Like {@link #runsOf}, for work run on another thread; {@code this} as the task runs this class's override. */
    private List<Invocation> tasksOf(Step step, AccessPath value, String samName, String samDescriptor, AccessPath[] samArgs) {
        if (value.kind() == AccessPath.Kind.THIS) {
            String cls = step.facts().descriptor().getSlashedClassName().replace('/', '.');
            List<Invocation> out = new ArrayList<>();
            for (String sig : descriptorsOf(samDescriptor)) {
                for (MethodDescriptor t : callGraph.targets(true, false, cls, samName, sig)) {
                    out.add(new Invocation(t, AccessPath.THIS, samArgs));
                }
            }
            return out;
        }
        return invocationsOf(value, samName, samDescriptor, samArgs);
    }

    private List<Invocation> invocationsOf(AccessPath value, String samName, String samDescriptor, AccessPath[] samArgs) {
        if (value.kind() == AccessPath.Kind.CLOSURE) {
            Closure c = value.closure();
            if (samName != null && !c.samName().equals(samName)) {
                return List.of();
            }
            return closureTargets(c, samArgs);
        }
        if (value.kind() == AccessPath.Kind.FRESH) {
            for (String sig : descriptorsOf(samDescriptor)) {
                MethodDescriptor exact = callGraph.dispatch(value.owner(), samName, sig);
                if (exact != null) {
                    return List.of(new Invocation(exact, value, samArgs));
                }
            }
        }
        if (value.kind() == AccessPath.Kind.FIELD || value.kind() == AccessPath.Kind.STATIC_FIELD) {
            return fieldTask(value, samName, samDescriptor, samArgs);
        }
        return List.of();
    }

    /**
     * A task kept in a field whose declared class is an application class with one analysed implementation of the
     * task method ({@code private final Creator creator = new Creator(); ... pool.submit(creator)}): that one runs.
     * A field of a JDK or library type (a {@code Runnable}) stays unknown: code nobody analysed may fill it.
     */
    private List<Invocation> fieldTask(AccessPath value, String samName, String samDescriptor, AccessPath[] samArgs) {
        String type = samName == null ? null : ClassHierarchy.fieldType(value.owner(), value.name());
        if (type == null || !callGraph.isApplicationType(type)) {
            return List.of();
        }
        for (String sig : descriptorsOf(samDescriptor)) {
            List<MethodDescriptor> targets = callGraph.targets(true, false, type, samName, sig);
            if (targets.size() == 1) {
                return List.of(new Invocation(targets.get(0), value, samArgs));
            }
        }
        return List.of();
    }

    /**
     * The task of a value that merges several fields ({@code submit(afterAdd ? this.postFill : this.fill)}): the
     * tasks of every field it may be ({@link #fieldTask}); empty when one candidate is not a field or its task is
     * unknown, so that no fact holds for a task that was left out. Fields whose task is the same method make one run
     * (one hand-off runs one of them), on a receiver the analysis cannot name.
     */
    private List<Invocation> mergedFieldTasks(Step step, int index, String samName, String samDescriptor,
            AccessPath[] samArgs) throws DataflowAnalysisException {
        Type[] types = step.call().getArgumentTypes(step.cpg());
        int slotFromTop = 0;
        for (int i = types.length - 1; i > index && i >= 0; i--) {
            slotFromTop += types[i].getSize();
        }
        List<AccessPath> candidates = MergedValues.before(step.facts(), step.location(), slotFromTop);
        if (candidates.size() < 2) {
            return List.of();
        }
        java.util.Map<MethodDescriptor, Invocation> byTarget = new java.util.LinkedHashMap<>();
        for (AccessPath field : candidates) {
            if (field.kind() != AccessPath.Kind.FIELD && field.kind() != AccessPath.Kind.STATIC_FIELD) {
                return List.of();
            }
            List<Invocation> runs = fieldTask(field, samName, samDescriptor, samArgs);
            if (runs.isEmpty()) {
                return List.of();
            }
            for (Invocation run : runs) {
                byTarget.merge(run.target(), run,
                        (a, b) -> new Invocation(a.target(), AccessPath.UNKNOWN, a.arguments()));
            }
        }
        return new ArrayList<>(byTarget.values());
    }

    /** A lambda body or a static/special method reference runs exactly; a virtual method reference dispatches. */
    private List<Invocation> closureTargets(Closure c, AccessPath[] samArgs) {
        MethodDescriptor impl = c.implementation();
        AccessPath receiver = c.receiverFor(samArgs);
        AccessPath[] implArgs = c.argumentsFor(samArgs);
        if (c.isVirtual()) {
            if (receiver != null && receiver.kind() == AccessPath.Kind.FRESH) {
                MethodDescriptor exact = callGraph.dispatch(receiver.owner(), impl.getName(), impl.getSignature());
                return exact == null ? List.of() : List.of(new Invocation(exact, receiver, implArgs));
            }
            List<MethodDescriptor> targets = callGraph.targets(true, false, c.implementationClass(), impl.getName(),
                    impl.getSignature());
            if (targets.size() != 1) {
                return List.of();
            }
            return List.of(new Invocation(targets.get(0), receiver, implArgs));
        }
        if (!callGraph.isAnalysed(impl)) {
            return List.of();
        }
        return List.of(new Invocation(impl, receiver, implArgs));
    }

    /** {@code new Worker()} of an analysed {@code Thread} subclass: its {@code run()} is work for another thread. */
    private void threadSubclassCreated(Step step, InvokeInstruction call, AccessPath receiver, List<Handoff> handoffs) {
        if (!(call instanceof INVOKESPECIAL) || receiver == null || receiver.kind() != AccessPath.Kind.FRESH
                || !"<init>".equals(call.getMethodName(step.cpg()))) {
            return;
        }
        String cls = receiver.owner();
        if (THREAD.equals(cls) || !ConcurrencyApi.isSubtype(cls, THREAD)) {
            return;
        }
        MethodDescriptor run = callGraph.dispatch(cls, "run", "()V");
        if (run != null && !THREAD.equals(run.getSlashedClassName().replace('/', '.'))) {
            handoffs.add(new Handoff(step.pc(), step.line(), ConcurrencyApi.Via.THREAD, receiver, receiver,
                    List.of(new Invocation(run, receiver, new AccessPath[0])), step.inLoop(), false, null));
        }
    }

    private static AccessPath[] mapAll(AccessPath[] paths, Invocation call) {
        AccessPath[] out = new AccessPath[paths.length];
        for (int i = 0; i < paths.length; i++) {
            out[i] = call.map(paths[i]);
        }
        return out;
    }

    /** The descriptors a functional method may have: one ending in {@code ")"} leaves the return type open. */
    private static List<String> descriptorsOf(String samDescriptor) {
        if (samDescriptor == null) {
            return List.of();
        }
        if (samDescriptor.endsWith(")")) {
            return Arrays.asList(samDescriptor + "V", samDescriptor + "Ljava/lang/Object;");
        }
        return List.of(samDescriptor);
    }

    private static AccessPath[] unknownArguments(String samDescriptor) {
        int n = samDescriptor == null ? 0 : Type.getArgumentTypes(samDescriptor.endsWith(")") ? samDescriptor + "V"
                : samDescriptor).length;
        AccessPath[] out = new AccessPath[n];
        Arrays.fill(out, AccessPath.UNKNOWN);
        return out;
    }
}
