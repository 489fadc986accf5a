package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Path states per acquisition site, the release family's base (the idea of SpotBugs' ObligationAnalysis): a
 * forward analysis over the method's CFG, exception edges included, that keeps, for each path, how many holds
 * or permits each acquisition site has, how many were released, and which boolean local holds the result of a
 * {@code tryLock()}/{@code tryAcquire()} so that {@code ok = tryLock(); ... if (ok) unlock();} is exact.
 *
 * <p>Sites are {@code lock()}, {@code lockInterruptibly()}, {@code tryLock(...)} (held on its true branch only),
 * read/write halves, {@code StampedLock} read/write stamps, {@code Semaphore} permits (constant counts compared),
 * and calls to analysed helpers that return holding a lock ({@code begin()}, a lock handle's {@code lock()});
 * releases are the API's and those of helpers that release their caller's lock ({@code end()}, a handle's
 * {@code close()} in try-with-resources, whose javac null branch is dropped when the handle cannot be null).
 * Only calls and {@code athrow} throw: implicit exceptions of field and array accesses are not paths. A call
 * that releases and throws has released. Monitors are not sites: the JVM pairs them.
 */
public final class AcquireStates {
    static final int MAX_STATES = 32;
    static final int MAX_COUNT = 4;

    /** One acquisition site. */
    public static final class Site {
        private final int index;
        private final int pc;
        private final int line;
        private final LockId lock;
        private final int permits;
        private final LockFacts.AcquireMode mode;
        private final boolean throughCall;
        private final boolean inLoop;

        Site(int index, int pc, int line, LockId lock, int permits, LockFacts.AcquireMode mode, boolean throughCall,
                boolean inLoop) {
            this.index = index;
            this.pc = pc;
            this.line = line;
            this.lock = lock;
            this.permits = permits;
            this.mode = mode;
            this.throughCall = throughCall;
            this.inLoop = inLoop;
        }

        public int index() {
            return index;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        public LockId lock() {
            return lock;
        }

        /** Holds (1) or permits this site takes; -1 when the count is not a constant. */
        public int permits() {
            return permits;
        }

        public LockFacts.AcquireMode mode() {
            return mode;
        }

        /** True when the acquisition is made by an analysed helper that returns holding the lock ({@code begin()}). */
        public boolean isThroughCall() {
            return throughCall;
        }

        /** True when the site may run several times in one call: its counts are not exact. */
        public boolean isInLoop() {
            return inLoop;
        }
    }

    /** What one path holds at one point. Immutable. */
    public static final class PathState {
        private final int[] held;
        private final int[] released;
        /** Per local slot: 0 = no try result; s+1 = "site s succeeded"; -(s+1) = "site s failed". */
        private final int[] tryLocals;
        /** Same encoding, for the value on top of the stack just after a try call. */
        private final int pending;

        PathState(int[] held, int[] released, int[] tryLocals, int pending) {
            this.held = held;
            this.released = released;
            this.tryLocals = tryLocals;
            this.pending = pending;
        }

        /** Holds (or permits) of {@code site} on this path. */
        public int held(Site site) {
            return held[site.index];
        }

        /** Releases matched to {@code site} on this path. */
        public int released(Site site) {
            return released[site.index];
        }

        PathState with(int[] h, int[] r, int[] t, int p) {
            return new PathState(h, r, t, p);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof PathState)) {
                return false;
            }
            PathState s = (PathState) o;
            return pending == s.pending && java.util.Arrays.equals(held, s.held) && java.util.Arrays.equals(released, s.released)
                    && java.util.Arrays.equals(tryLocals, s.tryLocals);
        }

        @Override
        public int hashCode() {
            return (java.util.Arrays.hashCode(held) * 31 + java.util.Arrays.hashCode(released)) * 31
                    + java.util.Arrays.hashCode(tryLocals) + pending;
        }

        @Override
        public String toString() {
            return "held" + java.util.Arrays.toString(held) + " released" + java.util.Arrays.toString(released);
        }
    }

    /** A way out of the method, with the states that reach it. */
    public static final class Exit {
        private final boolean exceptional;
        private final int pc;
        private final int line;
        private final Set<PathState> states;

        Exit(boolean exceptional, int pc, int line, Set<PathState> states) {
            this.exceptional = exceptional;
            this.pc = pc;
            this.line = line;
            this.states = states;
        }

        /** True for an exception that leaves the method; false for a return. */
        public boolean isExceptional() {
            return exceptional;
        }

        /** The return, or the call or throw whose exception leaves the method. */
        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        public Set<PathState> states() {
            return states;
        }
    }

    /** A release reached on a path where nothing it could release was held. */
    public static final class UnmatchedRelease {
        private final int pc;
        private final int line;
        private final LockId lock;

        UnmatchedRelease(int pc, int line, LockId lock) {
            this.pc = pc;
            this.line = line;
            this.lock = lock;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        public LockId lock() {
            return lock;
        }
    }

    private final List<Site> sites;
    private final List<Exit> exits;
    private final List<UnmatchedRelease> unmatched;
    private final boolean precise;

    private AcquireStates(List<Site> sites, List<Exit> exits, List<UnmatchedRelease> unmatched, boolean precise) {
        this.sites = List.copyOf(sites);
        this.exits = List.copyOf(exits);
        this.unmatched = List.copyOf(unmatched);
        this.precise = precise;
    }

    public List<Site> sites() {
        return sites;
    }

    /** Every way out of the method (returns and escaping exceptions) that some path reaches. */
    public List<Exit> exits() {
        return exits;
    }

    /** Releases reached on some path with nothing of theirs held, in bytecode order, one per release. */
    public List<UnmatchedRelease> unmatchedReleases() {
        return unmatched;
    }

    /** False when the method had more paths than the analysis keeps apart: its verdicts are not exact. */
    public boolean isPrecise() {
        return precise;
    }

    /** Exits some path reaches still holding {@code site}. */
    public List<Exit> leakingExits(Site site) {
        List<Exit> out = new ArrayList<>();
        for (Exit e : exits) {
            for (PathState s : e.states) {
                if (s.held(site) > 0) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    /** The analysis of one method; an empty result (no sites) when it has no lock calls. */
    static AcquireStates analyze(MethodFacts facts, Getters getters, CalleeEffects callees)
            throws CFGBuilderException, DataflowAnalysisException {
        Analysis analysis = new Analysis(facts, getters, callees);
        if (analysis.sites.isEmpty()) {
            return new AcquireStates(List.of(), List.of(), List.of(), true);
        }
        Dataflow<StateSet, Analysis> dataflow = new Dataflow<>(facts.cfg(), analysis);
        dataflow.execute();
        List<Exit> exits = new ArrayList<>();
        for (Iterator<Edge> i = facts.cfg().incomingEdgeIterator(facts.cfg().getExit()); i.hasNext();) {
            Edge edge = i.next();
            StateSet along = analysis.along(edge, dataflow.getResultFact(edge.getSource()));
            if (along.top || along.states.isEmpty()) {
                continue;
            }
            BasicBlock source = edge.getSource();
            boolean exceptional = edge.isExceptionEdge();
            InstructionHandle at = exceptional ? source.getExceptionThrower() : source.getLastInstruction();
            int pc = at == null ? -1 : at.getPosition();
            exits.add(new Exit(exceptional, pc, facts.lineOf(pc), Collections.unmodifiableSet(along.states)));
        }
        exits.sort((a, b) -> Integer.compare(a.pc, b.pc));
        List<UnmatchedRelease> unmatched = new ArrayList<>(analysis.unmatched.values());
        unmatched.sort((a, b) -> Integer.compare(a.pc, b.pc));
        return new AcquireStates(analysis.siteList(), exits, unmatched, analysis.precise);
    }

    /** The fact: a set of path states, or TOP before the first visit. */
    static final class StateSet {
        boolean top = true;
        final Set<PathState> states = new LinkedHashSet<>();
    }

    private static final class Analysis extends edu.umd.cs.findbugs.ba.ForwardDataflowAnalysis<StateSet> {
        private final MethodFacts facts;
        private final CalleeEffects callees;
        private final Getters getters;
        private final NonNullLocals nonNull;
        private final java.util.Map<Integer, Site> sites = new java.util.TreeMap<>();
        private final java.util.Map<Integer, UnmatchedRelease> unmatched = new java.util.TreeMap<>();
        private java.util.Map<Integer, Location> locationsByPc;
        private boolean precise = true;

        Analysis(MethodFacts facts, Getters getters, CalleeEffects callees)
                throws CFGBuilderException, DataflowAnalysisException {
            super(facts.classContext().getDepthFirstSearch(facts.method()));
            this.facts = facts;
            this.callees = callees;
            this.getters = getters;
            this.nonNull = new NonNullLocals(facts.methodGen(), getters);
            findSites();
        }

        List<Site> siteList() {
            return new ArrayList<>(sites.values());
        }

        private void findSites() throws DataflowAnalysisException {
            int index = 0;
            for (Location location : facts.locations()) {
                if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                    continue;
                }
                InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
                ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, facts.methodGen().getConstantPool());
                AccessPathFrame frame = facts.pathsAt(location);
                if (!frame.isValid()) {
                    continue;
                }
                int pc = location.getHandle().getPosition();
                if (api != null && isAcquire(api) && api.lockKind() != LockKind.MONITOR) {
                    LockId lock = LockId.forReceiver(frame.getInstance(call, facts.methodGen().getConstantPool()), api.lockKind());
                    sites.put(pc, new Site(index++, pc, facts.lineOf(pc), lock, permitsAt(location, api, call),
                            LockFacts.modeOf(api.effect()), false, facts.inLoop(location)));
                } else if (api == null) {
                    CalleeEffects.LockEffects callee = callees.lockEffectsOf(call, facts.methodGen().getConstantPool());
                    if (callee != null && !callee.returnsHolding.isEmpty()) {
                        LockId held = callee.returnsHolding.iterator().next();
                        LockId lock = held.substitute(frame.receiver(call, facts.methodGen().getConstantPool()),
                                frame.arguments(call, facts.methodGen().getConstantPool()));
                        sites.put(pc, new Site(index++, pc, facts.lineOf(pc), lock, 1, LockFacts.AcquireMode.BLOCKING,
                                true, facts.inLoop(location)));
                    }
                }
            }
        }

        private static boolean isAcquire(ConcurrencyApi.Entry api) {
            switch (api.effect()) {
                case ACQUIRE:
                case TRY_ACQUIRE:
                case TIMED_TRY_ACQUIRE:
                    return true;
                default:
                    return false;
            }
        }

        /** The int constant of a call's argument ({@code fromLast} from its last argument), or -1. */
        private int intConstant(Location location, int fromLast) throws DataflowAnalysisException {
            try {
                Object c = facts.constantArgument(location, fromLast);
                return c instanceof Integer ? (Integer) c : -1;
            } catch (CFGBuilderException e) {
                throw new DataflowAnalysisException("no constant dataflow", e);
            }
        }

        /** 1 for locks; for semaphores the constant permit count of the call, or -1. */
        private int permitsAt(Location location, ConcurrencyApi.Entry api, InvokeInstruction call)
                throws DataflowAnalysisException {
            if (api.lockKind() != LockKind.SEMAPHORE) {
                return 1;
            }
            String sig = call.getSignature(facts.methodGen().getConstantPool());
            if (!sig.startsWith("(I")) {
                return 1;
            }
            int args = call.getArgumentTypes(facts.methodGen().getConstantPool()).length;
            return intConstant(location, args - 1);
        }

        @Override
        public StateSet createFact() {
            return new StateSet();
        }

        @Override
        public void copy(StateSet source, StateSet dest) {
            dest.top = source.top;
            dest.states.clear();
            dest.states.addAll(source.states);
        }

        @Override
        public void initEntryFact(StateSet fact) {
            fact.top = false;
            fact.states.clear();
            int n = sites.size();
            fact.states.add(new PathState(new int[n], new int[n], new int[facts.methodGen().getMaxLocals()], 0));
        }

        @Override
        public void makeFactTop(StateSet fact) {
            fact.top = true;
            fact.states.clear();
        }

        @Override
        public boolean isTop(StateSet fact) {
            return fact.top;
        }

        @Override
        public boolean same(StateSet a, StateSet b) {
            return a.top == b.top && a.states.equals(b.states);
        }

        @Override
        public boolean isFactValid(StateSet fact) {
            return !fact.top;
        }

        @Override
        public void transferInstruction(InstructionHandle handle, BasicBlock block, StateSet fact)
                throws DataflowAnalysisException {
            if (fact.top) {
                return;
            }
            List<PathState> next = new ArrayList<>(fact.states.size());
            Location location = new Location(handle, block);
            for (PathState s : fact.states) {
                transfer(location, s, next);
            }
            fact.states.clear();
            addBounded(fact, next);
        }

        private void transfer(Location location, PathState s, List<PathState> out) throws DataflowAnalysisException {
            InstructionHandle handle = location.getHandle();
            short op = handle.getInstruction().getOpcode();
            if (op == Const.ISTORE || op >= Const.ISTORE_0 && op <= Const.ISTORE_3) {
                int slot = ((org.apache.bcel.generic.StoreInstruction) handle.getInstruction()).getIndex();
                int[] t = s.tryLocals.clone();
                t[slot] = s.pending;
                out.add(s.with(s.held, s.released, t, 0));
                return;
            }
            if (op == Const.ILOAD || op >= Const.ILOAD_0 && op <= Const.ILOAD_3) {
                int slot = ((org.apache.bcel.generic.LoadInstruction) handle.getInstruction()).getIndex();
                out.add(s.with(s.held, s.released, s.tryLocals, s.tryLocals[slot]));
                return;
            }
            if (op == Const.IFEQ || op == Const.IFNE) {
                out.add(s);
                return;
            }
            PathState cleared = s.pending == 0 ? s : s.with(s.held, s.released, s.tryLocals, 0);
            if (!(handle.getInstruction() instanceof InvokeInstruction)) {
                out.add(cleared);
                return;
            }
            call(location, cleared, out);
        }

        private void call(Location location, PathState s, List<PathState> out) throws DataflowAnalysisException {
            int pc = location.getHandle().getPosition();
            InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
            Site site = sites.get(pc);
            if (site != null) {
                int[] h = s.held.clone();
                h[site.index] = Math.min(MAX_COUNT, h[site.index] + Math.max(site.permits, 1));
                if (site.mode == LockFacts.AcquireMode.BLOCKING) {
                    out.add(s.with(h, s.released, s.tryLocals, 0));
                } else {
                    out.add(s.with(h, s.released, s.tryLocals, site.index + 1));
                    out.add(s.with(s.held, s.released, s.tryLocals, -(site.index + 1)));
                }
                return;
            }
            out.add(release(location, call, s, pc));
        }

        /** Applies the releases the call makes (API unlock/release, a helper's release of its caller's lock). */
        private PathState release(Location location, InvokeInstruction call, PathState s, int pc)
                throws DataflowAnalysisException {
            org.apache.bcel.generic.ConstantPoolGen cpg = facts.methodGen().getConstantPool();
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid()) {
                return s;
            }
            if (api != null) {
                if (api.effect() != ConcurrencyApi.Effect.RELEASE || api.lockKind() == LockKind.MONITOR) {
                    return s;
                }
                LockId lock = LockId.forReceiver(frame.getInstance(call, cpg), api.lockKind());
                int n = 1;
                if (api.lockKind() == LockKind.SEMAPHORE && call.getSignature(cpg).startsWith("(I")) {
                    n = intConstant(location, call.getArgumentTypes(cpg).length - 1);
                }
                return releaseLock(s, lock, n, pc);
            }
            CalleeEffects.LockEffects callee = callees.lockEffectsOf(call, cpg);
            if (callee == null || callee.releasesCallersLocks.isEmpty()) {
                return s;
            }
            AccessPath receiver = frame.receiver(call, cpg);
            AccessPath[] args = frame.arguments(call, cpg);
            PathState out = s;
            for (LockId l : callee.releasesCallersLocks) {
                out = releaseLock(out, l.substitute(receiver, args), 1, pc);
            }
            return out;
        }

        /** Releases {@code n} holds of {@code lock} (-1: all of the matched site); records an unmatched release. */
        private PathState releaseLock(PathState s, LockId lock, int n, int pc) {
            for (Site site : reversedSites()) {
                if (s.held[site.index] > 0 && matches(site.lock, lock)) {
                    int[] h = s.held.clone();
                    int[] r = s.released.clone();
                    int take = n < 0 || site.permits < 0 ? h[site.index] : Math.min(n, h[site.index]);
                    h[site.index] -= take;
                    r[site.index] = Math.min(MAX_COUNT, r[site.index] + take);
                    return s.with(h, r, s.tryLocals, 0);
                }
            }
            unmatched.putIfAbsent(pc, new UnmatchedRelease(pc, facts.lineOf(pc), lock));
            return s;
        }

        /** The same lock: equal identities, or a lock the analysis could not name released by kind. */
        private static boolean matches(LockId acquired, LockId released) {
            return acquired.equals(released) || !released.path().isKnown() && acquired.kind() == released.kind();
        }

        private List<Site> reversedSites() {
            List<Site> out = new ArrayList<>(sites.values());
            Collections.reverse(out);
            return out;
        }

        @Override
        public void meetInto(StateSet fact, Edge edge, StateSet result) throws DataflowAnalysisException {
            if (fact.top) {
                return;
            }
            StateSet along = along(edge, fact);
            if (along.top) {
                return;
            }
            result.top = false;
            addBounded(result, along.states);
        }

        /** The states that really flow along {@code edge} from a block whose result is {@code fact}. */
        StateSet along(Edge edge, StateSet fact) throws DataflowAnalysisException {
            StateSet out = new StateSet();
            if (fact.top) {
                return out;
            }
            out.top = false;
            BasicBlock source = edge.getSource();
            if (edge.isExceptionEdge()) {
                exceptionEdge(source, fact, out);
                return out;
            }
            InstructionHandle last = source.getLastInstruction();
            if (last == null) {
                out.states.addAll(fact.states);
                return out;
            }
            short op = last.getInstruction().getOpcode();
            boolean taken = edge.getType() == EdgeTypes.IFCMP_EDGE;
            if (nonNull.testsNonNullLocal(last) && (op == Const.IFNULL) == taken) {
                return out;
            }
            for (PathState s : fact.states) {
                if ((op == Const.IFEQ || op == Const.IFNE) && s.pending != 0) {
                    boolean succeeded = s.pending > 0;
                    boolean jumps = op == Const.IFNE ? succeeded : !succeeded;
                    if (jumps != taken) {
                        continue;
                    }
                    out.states.add(s.with(s.held, s.released, s.tryLocals, 0));
                } else {
                    out.states.add(s);
                }
            }
            return out;
        }

        /**
         * Only calls and throws raise exceptions that matter here; a release that throws has released (the lock
         * was not held after all), an acquisition that throws has not acquired.
         */
        private void exceptionEdge(BasicBlock source, StateSet fact, StateSet out) throws DataflowAnalysisException {
            InstructionHandle thrower = source.isExceptionThrower() ? source.getExceptionThrower() : null;
            if (thrower == null) {
                out.states.addAll(fact.states);
                return;
            }
            if (thrower.getInstruction() instanceof ATHROW) {
                out.states.addAll(fact.states);
                return;
            }
            if (!(thrower.getInstruction() instanceof InvokeInstruction) || cannotThrow((InvokeInstruction) thrower.getInstruction())) {
                return;
            }
            Location at = findLocation(thrower);
            for (PathState s : fact.states) {
                PathState cleared = s.pending == 0 ? s : s.with(s.held, s.released, s.tryLocals, 0);
                out.states.add(at == null || sites.containsKey(thrower.getPosition()) ? cleared
                        : release(at, (InvokeInstruction) thrower.getInstruction(), cleared, thrower.getPosition()));
            }
        }

        /** Calls that only hand back an object: {@code rw.readLock()}, {@code lock.newCondition()}, trivial accessors. */
        private boolean cannotThrow(InvokeInstruction call) {
            org.apache.bcel.generic.ConstantPoolGen cpg = facts.methodGen().getConstantPool();
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            if (api != null) {
                switch (api.effect()) {
                    case READ_HALF:
                    case WRITE_HALF:
                    case NEW_CONDITION:
                    case CURRENT_THREAD:
                        return true;
                    default:
                        return false;
                }
            }
            if (call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
                return false;
            }
            AccessPath returned = getters.returnedPath(call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg),
                    call instanceof org.apache.bcel.generic.INVOKESTATIC);
            // A field accessor cannot throw; a method that returns its receiver may call anything first.
            return returned != null && returned.kind() != AccessPath.Kind.THIS;
        }

        private Location findLocation(InstructionHandle handle) {
            if (locationsByPc == null) {
                locationsByPc = new java.util.HashMap<>();
                for (Location l : facts.locations()) {
                    locationsByPc.putIfAbsent(l.getHandle().getPosition(), l);
                }
            }
            return locationsByPc.get(handle.getPosition());
        }

        private void addBounded(StateSet fact, java.util.Collection<PathState> more) {
            fact.states.addAll(more);
            if (fact.states.size() > MAX_STATES) {
                precise = false;
                PathState joined = null;
                for (PathState s : fact.states) {
                    joined = joined == null ? s : join(joined, s);
                }
                fact.states.clear();
                fact.states.add(joined);
            }
        }

        private static PathState join(PathState a, PathState b) {
            int[] h = a.held.clone();
            int[] r = a.released.clone();
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.max(h[i], b.held[i]);
                r[i] = Math.max(r[i], b.released[i]);
            }
            return new PathState(h, r, new int[a.tryLocals.length], 0);
        }
    }
}
