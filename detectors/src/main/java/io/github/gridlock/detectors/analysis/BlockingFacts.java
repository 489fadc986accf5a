package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.generic.INVOKESPECIAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The summary part for blocking: the calls of a method's own code that may block for long (with the locks
 * held at each), the first blocking call it reaches through single-target calls (as a chain of call sites),
 * and the locks it waits on with {@code wait()}/{@code await()}, which release only that lock.
 *
 * <p>Blocking is judged where it is called: a {@code get()}/{@code join()} on a future whose {@code isDone()} was
 * asked (here or in a helper given that future), a {@code join()} of a thread just interrupted or already
 * joined, a {@code read()} of a stream over memory, a {@code put()} into a queue that is never full, and a
 * {@code sleep(0)} (also through a helper whose sleep takes the caller's argument) do not block.
 */
public final class BlockingFacts {
    /** Longest call chain through which a callee's blocking call is charged to its caller. */
    public static final int MAX_BLOCKING_DEPTH = 3;

    static final SummaryPart<BlockingFacts> PART = new SummaryPart<>() {
        @Override
        public Builder<BlockingFacts> builder(MethodFacts facts) {
            return new BlockingBuilder(facts);
        }

        @Override
        public BlockingFacts empty() {
            return EMPTY;
        }
    };
    static final BlockingFacts EMPTY = new BlockingFacts(List.of(), List.of(), null, Set.of(), 0, Set.of());

    /** A call from the {@link ConcurrencyApi} table that may block. */
    public static final class BlockingCall {
        private final ConcurrencyApi.Entry api;
        private final int pc;
        private final int line;
        private final List<HeldLock> held;
        private final LockId releases;

        BlockingCall(ConcurrencyApi.Entry api, int pc, int line, List<HeldLock> held, LockId releases) {
            this.api = api;
            this.pc = pc;
            this.line = line;
            this.held = List.copyOf(held); // compact: kept to the end of the analysis
            this.releases = releases;
        }

        /** For {@code wait()}/{@code await()}: the lock released while waiting; null for other blocking calls. */
        public LockId releases() {
            return releases;
        }

        public ConcurrencyApi.Entry api() {
            return api;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        public List<HeldLock> held() {
            return held;
        }
    }

    /** One call site of a blocking chain: the method it is in and where. */
    public static final class Hop {
        private final MethodDescriptor method;
        private final int pc;
        private final int line;

        Hop(MethodDescriptor method, int pc, int line) {
            this.method = method;
            this.pc = pc;
            this.line = line;
        }

        public MethodDescriptor method() {
            return method;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }
    }

    /**
     * How a method reaches a blocking call: the call sites from the method down to the blocking API call (the
     * last hop is in the method that makes it), whether every hop runs on every path (no branch in between, such
     * as a cache or "already started" check), and the method's parameter that is the call's duration, if any.
     */
    public static final class Chain {
        private final List<Hop> hops;
        private final ConcurrencyApi.Entry api;
        private final String callName;
        private final boolean onEveryPath;
        private final int durationParameter;

        Chain(List<Hop> hops, ConcurrencyApi.Entry api, String callName, boolean onEveryPath, int durationParameter) {
            this.hops = List.copyOf(hops);
            this.api = api;
            this.callName = callName;
            this.onEveryPath = onEveryPath;
            this.durationParameter = durationParameter;
        }

        /** From this method's call site down to the blocking API call. */
        public List<Hop> hops() {
            return hops;
        }

        /** The blocking API call at the end of the chain. */
        public ConcurrencyApi.Entry api() {
            return api;
        }

        /** The API call's own site: where the chain blocks. */
        public Hop blockingSite() {
            return hops.get(hops.size() - 1);
        }

        public boolean isOnEveryPath() {
            return onEveryPath;
        }

        /** The parameter of this method that the blocking call takes as its duration; -1 for none. */
        public int durationParameter() {
            return durationParameter;
        }

        /** Calls between this method and the blocking call: 0 when it is the method's own. */
        public int depth() {
            return hops.size() - 1;
        }

        /** {@code Pool.evict():212 -> Pool.destroy():340 -> Thread.join} for messages. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < hops.size(); i++) {
                sb.append(MethodNames.at(hops.get(i).method, hops.get(i).line)).append(" -> ");
            }
            return sb.append(callName).toString();
        }

        Chain calledFrom(Hop caller, boolean callerOnEveryPath, int callerDurationParameter) {
            List<Hop> longer = new ArrayList<>(hops.size() + 1);
            longer.add(caller);
            longer.addAll(hops);
            return new Chain(longer, api, callName, onEveryPath && callerOnEveryPath, callerDurationParameter);
        }
    }

    /** A call site whose callee blocks, judged at this call site, with the chain as seen from here. */
    public static final class BlockingCallSite {
        private final CalleeCall call;
        private final int pc;
        private final int line;
        private final Chain chain;
        private final Set<LockId> waitReleases;

        BlockingCallSite(CalleeCall call, int pc, int line, Chain chain, Set<LockId> waitReleases) {
            this.call = call;
            this.pc = pc;
            this.line = line;
            this.chain = chain;
            this.waitReleases = waitReleases;
        }

        /** The callee as run from here (a direct call, or a lambda run by a helper), with the locks held. */
        public CalleeCall call() {
            return call;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        /** From this call site down to the blocking call; null when the callee only waits ({@link #waitReleases()}). */
        public Chain chain() {
            return chain;
        }

        /** For a callee that waits with wait()/await(): the locks (in this method's terms) its waits release. */
        public Set<LockId> waitReleases() {
            return waitReleases;
        }
    }

    private final List<BlockingCall> blockingCalls;
    private final List<BlockingCallSite> callSites;
    private final Chain chain;
    private final Set<LockId> waitsReleasing;
    private final int waitDepth;
    private final Set<Integer> checksDoneOf;

    private BlockingFacts(List<BlockingCall> blockingCalls, List<BlockingCallSite> callSites, Chain chain,
            Set<LockId> waitsReleasing, int waitDepth, Set<Integer> checksDoneOf) {
        this.blockingCalls = List.copyOf(blockingCalls);
        this.callSites = List.copyOf(callSites);
        this.chain = chain;
        this.waitsReleasing = SummaryPart.orderedCopy(waitsReleasing);
        this.waitDepth = waitDepth;
        this.checksDoneOf = Set.copyOf(checksDoneOf);
    }

    /** Blocking calls of the method's own code. */
    public List<BlockingCall> blockingCalls() {
        return blockingCalls;
    }

    /**
     * Calls of analysed methods that block at that call site (through at most {@link #MAX_BLOCKING_DEPTH}
     * single-target calls), or that wait and release only their own lock: a {@code sleep(0)}, a cached value, a
     * future already checked are judged here, so a helper that blocks elsewhere need not block at every call.
     */
    public List<BlockingCallSite> callSites() {
        return callSites;
    }

    /**
     * The first blocking call the method reaches, itself or through at most {@link #MAX_BLOCKING_DEPTH}
     * single-target calls; null when it reaches none.
     */
    public Chain chain() {
        return chain;
    }

    /** {@link Chain#describe()} of {@link #chain()}, or null. */
    public String blocksThrough() {
        return chain == null ? null : chain.describe();
    }

    /** {@link Chain#depth()} of {@link #chain()}, or 0. */
    public int blockingDepth() {
        return chain == null ? 0 : chain.depth();
    }

    /**
     * Locks the method (or a callee, through at most {@link #MAX_BLOCKING_DEPTH} single-target calls) waits on
     * with {@code wait()}/{@code await()}: the wait releases that lock only, so a caller holding any other lock
     * blocks while holding it.
     */
    public Set<LockId> waitsReleasing() {
        return waitsReleasing;
    }

    /** Calls between this method and its deepest wait of {@link #waitsReleasing()}: 0 when they are its own. */
    public int waitDepth() {
        return waitDepth;
    }

    /**
     * Parameters (futures) whose {@code isDone()} the method asks, itself or through single-target calls: a
     * helper like {@code isReady(f) { return f != null && f.isDone() && ...; }}, after which a caller's
     * {@code f.join()} does not wait.
     */
    public Set<Integer> checksDoneOf() {
        return checksDoneOf;
    }

    private static final class BlockingBuilder implements SummaryPart.Builder<BlockingFacts> {
        private final MethodFacts facts;
        private final List<BlockingCall> blocking = new ArrayList<>();
        private final List<BlockingCallSite> callSites = new ArrayList<>();
        private final Set<LockId> waits = new LinkedHashSet<>();
        // Futures whose isDone() was asked earlier in the method: get()/join() on them returns at once
        // (the guarded-join idiom, e.g. "f.isDone() && f.join() != null").
        private final Set<AccessPath> doneChecked = new HashSet<>();
        private final Set<Integer> checksDoneOf = new java.util.TreeSet<>();
        // Threads interrupted, stopped or joined earlier in the method: a join() of them ends at once.
        private final Set<AccessPath> endingThreads = new HashSet<>();
        // Streams created here over memory (a StringReader, a reader wrapping one...): their reads never wait.
        private final Set<AccessPath> inMemory = new HashSet<>();
        // Queues created here, with their constructor's descriptor.
        private final Map<AccessPath, String> createdWith = new HashMap<>();
        private Chain chain;
        private int waitDepth;

        BlockingBuilder(MethodFacts facts) {
            this.facts = facts;
        }

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            if (step.call() == null) {
                return;
            }
            ConcurrencyApi.Entry api = step.api();
            if (step.call() instanceof INVOKESPECIAL && "<init>".equals(step.call().getMethodName(step.cpg()))) {
                constructed(step);
            }
            if (api != null) {
                apiCall(step, api);
                return;
            }
            for (CalleeCall c : step.effects().callees()) {
                if (c.isMonomorphic()) {
                    throughCallee(step, c);
                }
            }
        }

        /** Remembers what the objects created here are: streams over memory, queues and their capacity. */
        private void constructed(Step step) throws DataflowAnalysisException {
            AccessPath object = step.receiver();
            if (object == null || object.kind() != AccessPath.Kind.FRESH) {
                return;
            }
            String cls = object.owner();
            createdWith.put(object, step.call().getSignature(step.cpg()));
            if (ConcurrencyApi.isInMemoryStream(cls)) {
                inMemory.add(object);
                return;
            }
            for (AccessPath arg : step.arguments()) {
                if (inMemory.contains(arg)) {
                    inMemory.add(object);
                    return;
                }
            }
        }

        private void apiCall(Step step, ConcurrencyApi.Entry api) throws DataflowAnalysisException {
            AccessPath receiver = step.receiver();
            List<HeldLock> held = step.held().locks();
            switch (api.effect()) {
                case ACQUIRE:
                    if (api.lockKind() == LockKind.SEMAPHORE) {
                        blocking.add(new BlockingCall(api, step.pc(), step.line(), held, null));
                    }
                    break;
                case WAIT_RELEASING:
                    LockId waited = waitedLock(receiver, api);
                    blocking.add(new BlockingCall(api, step.pc(), step.line(), held, waited));
                    if (waited.isStable()) {
                        waits.add(waited);
                    }
                    break;
                case CHECKS_DONE:
                    doneCheckedOn(receiver);
                    break;
                case RETURNS_DONE:
                    doneChecked.add(AccessPath.result(step.pc()));
                    break;
                case INTERRUPTS:
                    if (receiver != null && receiver.isKnown()) {
                        endingThreads.add(receiver);
                    }
                    break;
                case BLOCKS:
                    if (!blocksHere(step, api, receiver)) {
                        break;
                    }
                    blocking.add(new BlockingCall(api, step.pc(), step.line(), held, null));
                    if (chain == null) {
                        chain = new Chain(List.of(new Hop(facts.descriptor(), step.pc(), step.line())), api,
                                AccessPath.simpleName(step.call().getClassName(step.cpg())) + "." + api.name(),
                                onEveryPath(step), durationParameter(step, api));
                    }
                    if (api.sync() == ConcurrencyApi.Sync.JOIN && receiver != null && receiver.isKnown()) {
                        endingThreads.add(receiver);
                    }
                    break;
                default:
                    break;
            }
        }

        /** False for the calls of the table that cannot wait at this call site. */
        private boolean blocksHere(Step step, ConcurrencyApi.Entry api, AccessPath receiver) throws DataflowAnalysisException {
            if (receiver != null && (doneChecked.contains(receiver) || inMemory.contains(receiver))) {
                return false;
            }
            if (api.sync() == ConcurrencyApi.Sync.JOIN && receiver != null && endingThreads.contains(receiver)) {
                return false;
            }
            if ("put".equals(api.name()) && receiver != null && neverFull(step, receiver)) {
                return false;
            }
            return !("sleep".equals(api.name()) && isZero(constant(step, 0)));
        }

        private boolean neverFull(Step step, AccessPath queue) {
            String descriptor = createdWith.get(queue);
            if (descriptor != null) {
                return QueueCapacity.neverFull(queue.owner(), descriptor);
            }
            return queue.kind() == AccessPath.Kind.FIELD && step.queues().fieldNeverFull(queue.owner(), queue.name())
                    || queue.kind() == AccessPath.Kind.STATIC_FIELD && step.queues().fieldNeverFull(queue.owner(), queue.name());
        }

        private Object constant(Step step, int fromLast) throws DataflowAnalysisException {
            try {
                return facts.constantArgument(step.location(), fromLast);
            } catch (CFGBuilderException e) {
                throw new DataflowAnalysisException("no constant dataflow", e);
            }
        }

        private static boolean isZero(Object constant) {
            return constant instanceof Number && ((Number) constant).longValue() == 0;
        }

        private boolean onEveryPath(Step step) throws DataflowAnalysisException {
            try {
                return facts.runsOnEveryPath(step.location());
            } catch (CFGBuilderException e) {
                throw new DataflowAnalysisException("no post-dominators", e);
            }
        }

        /** For {@code sleep(millis)}: the parameter of this method that {@code millis} is, or -1. */
        private int durationParameter(Step step, ConcurrencyApi.Entry api) throws DataflowAnalysisException {
            if (!"sleep".equals(api.name())) {
                return -1;
            }
            try {
                return facts.parameterOfArgument(step.location(), step.call().getArgumentTypes(step.cpg()).length - 1);
            } catch (CFGBuilderException e) {
                throw new DataflowAnalysisException("no value numbers", e);
            }
        }

        private void doneCheckedOn(AccessPath future) {
            if (future != null && future.isKnown()) {
                doneChecked.add(future);
                if (future.kind() == AccessPath.Kind.PARAMETER) {
                    checksDoneOf.add(future.index());
                }
            }
        }

        private void throughCallee(Step step, CalleeCall c) throws DataflowAnalysisException {
            MethodSummary callee = step.summaryOf(c.target());
            AccessPath[] args = c.arguments();
            for (int p : callee.blockingFacts().checksDoneOf()) {
                if (p < args.length) {
                    doneCheckedOn(args[p]);
                }
            }
            Set<LockId> released = new LinkedHashSet<>();
            if (callee.waitDepth() + 1 < MAX_BLOCKING_DEPTH) {
                for (LockId w : callee.waitsReleasing()) {
                    LockId mapped = c.map(w);
                    released.add(mapped);
                    if (mapped.isStable() && waits.add(mapped)) {
                        waitDepth = Math.max(waitDepth, callee.waitDepth() + 1);
                    }
                }
            }
            Chain here = chainFrom(step, c, callee.blockingFacts().chain());
            if (here != null) {
                callSites.add(new BlockingCallSite(c, step.pc(), step.line(), here, Set.of()));
                if (chain == null) {
                    chain = here;
                }
            } else if (callee.blockingFacts().chain() == null && !released.isEmpty()) {
                callSites.add(new BlockingCallSite(c, step.pc(), step.line(), null, released));
            }
        }

        /**
         * The callee's chain as it runs from this call site, or null when it does not block here: it is too deep,
         * or it sleeps for an argument that is 0 here.
         */
        private Chain chainFrom(Step step, CalleeCall c, Chain calleeChain) throws DataflowAnalysisException {
            if (calleeChain == null || calleeChain.depth() + 1 >= MAX_BLOCKING_DEPTH) {
                return null;
            }
            int duration = calleeChain.durationParameter();
            int fromLast = c.arguments().length - 1 - duration;
            boolean direct = c.via() == null;
            if (duration >= 0 && direct && isZero(constant(step, fromLast))) {
                return null;
            }
            int mine = duration >= 0 && direct ? parameterOf(step, fromLast) : -1;
            return calleeChain.calledFrom(new Hop(facts.descriptor(), step.pc(), step.line()), onEveryPath(step), mine);
        }

        private int parameterOf(Step step, int fromLast) throws DataflowAnalysisException {
            try {
                return facts.parameterOfArgument(step.location(), fromLast);
            } catch (CFGBuilderException e) {
                throw new DataflowAnalysisException("no value numbers", e);
            }
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

        @Override
        public BlockingFacts build() {
            return new BlockingFacts(blocking, callSites, chain, waits, waitDepth, checksDoneOf);
        }
    }
}
