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
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.IINC;
import org.apache.bcel.generic.ILOAD;
import org.apache.bcel.generic.ISTORE;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LLOAD;
import org.apache.bcel.generic.LSTORE;
import org.apache.bcel.generic.LocalVariableInstruction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Path states per acquisition site, the release family's base (the idea of SpotBugs' ObligationAnalysis): a
 * forward analysis over the method's CFG, exception edges included, that keeps, for each path, how many holds
 * or permits each acquisition site has, how many were released, and the int values the path knows
 * ({@link PathValues}: {@code tryLock()}/{@code tryAcquire()} results, boolean flags, small loop counters), so that
 * {@code ok = tryLock(); ... if (ok) unlock();}, {@code locked = true} flags and counted loops are exact.
 *
 * <p>Sites are {@code lock()}, {@code lockInterruptibly()}, {@code tryLock(...)} (held on its true branch only),
 * read/write halves, {@code StampedLock} read/write stamps (also {@code tryWriteLock()}, {@code tryReadLock()} and
 * the {@code tryConvertTo...Lock} conversions, held when the stamp is not zero), {@code Semaphore} permits (constant
 * counts compared), and calls to analysed helpers that return holding a lock ({@code begin()}, a lock handle's
 * {@code lock()}); releases are the API's (a stamp's {@code unlock(stamp)} releases either mode), those of helpers
 * that release their caller's lock ({@code end()}, a handle's {@code close()} in try-with-resources, whose javac
 * null branch is dropped when the handle cannot be null), and those of a lambda handed to a call (a
 * {@code whenComplete(... -> lock.unlock())} callback releases when it runs; if the hand-off throws, it never
 * does). {@code isHeldByCurrentThread()} and {@code getHoldCount()} are answered from the path, as if the caller
 * held nothing. Only calls and {@code athrow} throw: implicit exceptions of field and array accesses are not paths.
 * A call that releases and throws has released. Monitors are not sites: the JVM pairs them.
 */
public final class AcquireStates {
    static final int MAX_STATES = 32;
    static final int MAX_COUNT = 8;

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
        private final boolean converts;
        private final boolean exact;
        private boolean errorsOnly;

        Site(int index, int pc, int line, LockId lock, int permits, LockFacts.AcquireMode mode, boolean throughCall,
                boolean inLoop, boolean converts, boolean exact) {
            this.index = index;
            this.pc = pc;
            this.line = line;
            this.lock = lock;
            this.permits = permits;
            this.mode = mode;
            this.throughCall = throughCall;
            this.inLoop = inLoop;
            this.converts = converts;
            this.exact = exact;
        }

        Site inexact() {
            Site s = new Site(index, pc, line, lock, permits, mode, throughCall, inLoop, converts, false);
            s.errorsOnly = errorsOnly;
            return s;
        }

        /**
         * True for an uninterruptible JDK acquisition ({@code lock()}, {@code writeLock()},
         * {@code acquireUninterruptibly()}): it fails only with an {@link Error}, so an exit by its exception is not
         * a path any code guards against.
         */
        public boolean failsOnlyWithErrors() {
            return errorsOnly;
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

        /** True when the site may run several times in one call. */
        public boolean isInLoop() {
            return inLoop;
        }

        /** True for a {@code tryConvertTo...Lock(stamp)}: on success the stamp's earlier hold becomes this one. */
        public boolean isConversion() {
            return converts;
        }

        /**
         * True when every path's count of holds and releases of this site is exact; false when a loop whose trip
         * count the analysis does not know took a count past {@link #MAX_COUNT} (its counts are then lower bounds).
         */
        public boolean hasExactCounts() {
            return exact;
        }
    }

    /** What one path holds at one point, with the int values it knows. Immutable. */
    public static final class PathState {
        private final int[] held;
        private final int[] released;
        /** Per local slot: a {@link PathValues} code. */
        private final int[] values;
        /** The two topmost int values of the operand stack, as far as they are known. */
        private final int top;
        private final int second;
        /** The local slot {@link #top} was loaded from, or -1. */
        private final int topLocal;

        /**
         * Per tested reference ({@link Analysis#refIndex}): bit set in {@link #knownNull} or {@link #knownNonNull} when
         * this path took that side of a null test of it. Only references whose value cannot change in the method are
         * tested ({@code final} fields), so a second test of the same one agrees with the first.
         */
        private final int knownNull;
        private final int knownNonNull;

        PathState(int[] held, int[] released, int[] values, int top, int second, int topLocal) {
            this(held, released, values, top, second, topLocal, 0, 0);
        }

        private PathState(int[] held, int[] released, int[] values, int top, int second, int topLocal, int knownNull,
                int knownNonNull) {
            this.held = held;
            this.released = released;
            this.values = values;
            this.top = top;
            this.second = second;
            this.topLocal = topLocal;
            this.knownNull = knownNull;
            this.knownNonNull = knownNonNull;
        }

        /** This path past a null test of reference {@code ref}: null when the path already knows the other answer. */
        PathState knowingRef(int ref, boolean isNull) {
            int bit = 1 << ref;
            if (((isNull ? knownNonNull : knownNull) & bit) != 0) {
                return null;
            }
            return new PathState(held, released, values, top, second, topLocal, isNull ? knownNull | bit : knownNull,
                    isNull ? knownNonNull : knownNonNull | bit);
        }

        /** Holds (or permits) of {@code site} on this path. */
        public int held(Site site) {
            return held[site.index];
        }

        /** Releases matched to {@code site} on this path. */
        public int released(Site site) {
            return released[site.index];
        }

        PathState withCounts(int[] h, int[] r) {
            return new PathState(h, r, values, top, second, topLocal, knownNull, knownNonNull);
        }

        PathState push(int value, int fromLocal) {
            return new PathState(held, released, values, value, top, fromLocal, knownNull, knownNonNull);
        }

        /** The operand stack's values forgotten (any instruction the analysis does not model). */
        PathState cleared() {
            return top == PathValues.UNKNOWN && second == PathValues.UNKNOWN && topLocal < 0 ? this
                    : new PathState(held, released, values, PathValues.UNKNOWN, PathValues.UNKNOWN, -1, knownNull, knownNonNull);
        }

        PathState storeTop(int slot) {
            int[] v = values.clone();
            v[slot] = top;
            return new PathState(held, released, v, second, PathValues.UNKNOWN, -1, knownNull, knownNonNull);
        }

        /** A new value of a local; a value on the stack loaded from it earlier no longer tells about it. */
        PathState withValue(int slot, int value) {
            int[] v = values.clone();
            v[slot] = value;
            return new PathState(held, released, v, top, second, topLocal == slot ? -1 : topLocal, knownNull, knownNonNull);
        }

        /** Every local that holds {@code value} now holds {@code known} (an opaque value tested). */
        PathState replacing(int value, int known) {
            int[] v = values.clone();
            for (int i = 0; i < v.length; i++) {
                if (v[i] == value) {
                    v[i] = known;
                }
            }
            return new PathState(held, released, v, top, second, topLocal, knownNull, knownNonNull);
        }

        /** Locals holding {@code value} forget it: the call that made it runs again and makes another. */
        PathState forgetting(int value) {
            return value == PathValues.UNKNOWN ? this : replacing(value, PathValues.UNKNOWN);
        }

        /** The int on top of the stack: at a normal exit after {@code ireturn}, the value returned. */
        public Boolean returnedTruth() {
            PathValues.Truth t = PathValues.truth(top);
            return t == null ? null : t == PathValues.Truth.TRUE;
        }

        /** Same counts and stack: two such states differ only in what they know of their locals. */
        boolean sameCounts(PathState o) {
            return top == o.top && second == o.second && topLocal == o.topLocal && java.util.Arrays.equals(held, o.held)
                    && java.util.Arrays.equals(released, o.released);
        }

        /**
         * This state and {@code o} (same counts) as one: a local both know alike stays known; locals both know but
         * differently, and alike among themselves (a flag and its copy), share one {@linkplain PathValues#joined
         * joined} unknown, so a later test of one still decides the others.
         */
        PathState mergedWith(PathState o) {
            int[] v = values.clone();
            for (int i = 0; i < v.length; i++) {
                if (v[i] == o.values[i]) {
                    continue;
                }
                boolean bothKnown = isPlainValue(values[i]) && isPlainValue(o.values[i]);
                v[i] = bothKnown ? PathValues.joined(firstAlike(o, i)) : PathValues.UNKNOWN;
            }
            return new PathState(held, released, v, top, second, topLocal, knownNull & o.knownNull,
                    knownNonNull & o.knownNonNull);
        }

        /** A constant, "non-zero", or a call's result: a value a truth test decides alike wherever it is held. */
        private static boolean isPlainValue(int v) {
            return PathValues.isConstant(v) || v == PathValues.NONZERO || PathValues.isOpaque(v);
        }

        /** The lowest local holding what local {@code i} holds, here and in {@code o}. */
        private int firstAlike(PathState o, int i) {
            for (int j = 0; j < i; j++) {
                if (values[j] == values[i] && o.values[j] == o.values[i]) {
                    return j;
                }
            }
            return i;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof PathState)) {
                return false;
            }
            PathState s = (PathState) o;
            return sameCounts(s) && java.util.Arrays.equals(values, s.values) && knownNull == s.knownNull
                    && knownNonNull == s.knownNonNull;
        }

        @Override
        public int hashCode() {
            return (java.util.Arrays.hashCode(held) * 31 + java.util.Arrays.hashCode(released)) * 31
                    + java.util.Arrays.hashCode(values) + top * 7 + second + knownNull * 13 + knownNonNull * 17;
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
    private final boolean returnsBoolean;

    private AcquireStates(List<Site> sites, List<Exit> exits, List<UnmatchedRelease> unmatched, boolean precise,
            boolean returnsBoolean) {
        this.sites = List.copyOf(sites);
        this.exits = List.copyOf(exits);
        this.unmatched = List.copyOf(unmatched);
        this.precise = precise;
        this.returnsBoolean = returnsBoolean;
    }

    /**
     * True when the method returns a {@code boolean}: then {@link PathState#returnedTruth()} of a normal exit's
     * state is the value returned, as far as the path knows it.
     */
    public boolean returnsBoolean() {
        return returnsBoolean;
    }

    /**
     * True when the method is a boolean acquire of {@code site}'s hold, like {@code tryLock()}: every normal return
     * that still holds its lock returns {@code true}, every one that does not returns {@code false}, and both happen
     * (Guava's {@code Monitor.enterIf}). Such a method returns holding on purpose; its caller releases. The hold is
     * the lock's, whichever of its acquisition sites took it (Guava's {@code Monitor.enterWhen}: a fast
     * {@code tryLock()}, else a timed one).
     */
    public boolean isBooleanAcquireOf(Site site) {
        if (!returnsBoolean) {
            return false;
        }
        boolean holdingTrue = false;
        boolean freeFalse = false;
        for (Exit e : exits) {
            if (e.isExceptional()) {
                continue;
            }
            for (PathState s : e.states) {
                Boolean returned = s.returnedTruth();
                if (returned == null || returned != (heldOfLock(s, site.lock()) > 0)) {
                    return false;
                }
                holdingTrue |= returned;
                freeFalse |= !returned;
            }
        }
        return holdingTrue && freeFalse;
    }

    public List<Site> sites() {
        return sites;
    }

    /** Holds of {@code lock} on a path, over all its acquisition sites. */
    private int heldOfLock(PathState s, LockId lock) {
        int n = 0;
        for (Site other : sites) {
            if (other.lock().equals(lock)) {
                n += s.held(other);
            }
        }
        return n;
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

    /** True when some path that leaves the method has released {@code site} (this method pairs it somewhere). */
    public boolean isReleasedOnSomePath(Site site) {
        for (Exit e : exits) {
            for (PathState s : e.states) {
                if (s.released(site) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The analysis of one method; an empty result (no sites) when it has no lock calls. */
    static AcquireStates analyze(MethodFacts facts, Getters getters, CalleeEffects callees)
            throws CFGBuilderException, DataflowAnalysisException {
        Analysis analysis = new Analysis(facts, getters, callees);
        if (analysis.sites.isEmpty()) {
            return new AcquireStates(List.of(), List.of(), List.of(), true, false);
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
        return new AcquireStates(analysis.siteList(), exits, unmatched, analysis.precise,
                facts.methodGen().getReturnType() == org.apache.bcel.generic.Type.BOOLEAN);
    }

    /** The fact: a set of path states, or TOP before the first visit. */
    static final class StateSet {
        boolean top = true;
        final Set<PathState> states = new LinkedHashSet<>();

        /**
         * Adds a state; one that differs from a kept state only in what it knows of its locals is merged into it,
         * so values that do not decide any count never multiply the paths.
         */
        void add(PathState state) {
            for (Iterator<PathState> i = states.iterator(); i.hasNext();) {
                PathState kept = i.next();
                if (kept.sameCounts(state)) {
                    if (kept.equals(state)) {
                        return;
                    }
                    i.remove();
                    states.add(kept.mergedWith(state));
                    return;
                }
            }
            states.add(state);
        }
    }

    private static final class Analysis extends edu.umd.cs.findbugs.ba.ForwardDataflowAnalysis<StateSet> {
        private final MethodFacts facts;
        private final CalleeEffects callees;
        private final Getters getters;
        private final NonNullLocals nonNull;
        private final ConstantPoolGen cpg;
        private final java.util.Map<Integer, Site> sites = new java.util.TreeMap<>();
        private final java.util.Map<Integer, UnmatchedRelease> unmatched = new java.util.TreeMap<>();
        private final java.util.BitSet capped = new java.util.BitSet();
        private final java.util.BitSet collapsed = new java.util.BitSet();
        private java.util.Map<Integer, Location> locationsByPc;
        private java.util.Optional<edu.umd.cs.findbugs.ba.type.TypeDataflow> types;
        private boolean precise = true;
        /** The unchanging references null tests tested, by {@link PathState} bit. */
        private final List<AccessPath> testedRefs = new ArrayList<>();
        private final FinalFields finalFields = new FinalFields();
        private final java.util.Map<Integer, Integer> receiverRefs = new java.util.HashMap<>();
        private final java.util.Map<Integer, Boolean> collectionCalls = new java.util.HashMap<>();

        Analysis(MethodFacts facts, Getters getters, CalleeEffects callees)
                throws CFGBuilderException, DataflowAnalysisException {
            super(facts.classContext().getDepthFirstSearch(facts.method()));
            this.facts = facts;
            this.callees = callees;
            this.getters = getters;
            this.cpg = facts.methodGen().getConstantPool();
            this.nonNull = new NonNullLocals(facts.methodGen(), getters);
            findSites();
        }

        List<Site> siteList() {
            List<Site> out = new ArrayList<>();
            for (Site s : sites.values()) {
                out.add(capped.get(s.index) ? s.inexact() : s);
            }
            return out;
        }

        private void findSites() throws DataflowAnalysisException {
            int index = 0;
            for (Location location : facts.locations()) {
                if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                    continue;
                }
                InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
                ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
                AccessPathFrame frame = facts.pathsAt(location);
                if (!frame.isValid()) {
                    continue;
                }
                int pc = location.getHandle().getPosition();
                if (api != null && isAcquire(api) && api.lockKind() != LockKind.MONITOR) {
                    LockId lock = LockId.forReceiver(frame.getInstance(call, cpg), api.lockKind());
                    boolean converts = api.effect() == ConcurrencyApi.Effect.CONVERT_STAMP;
                    LockFacts.AcquireMode mode = converts ? LockFacts.AcquireMode.TRY : LockFacts.modeOf(api.effect());
                    Site site = new Site(index++, pc, facts.lineOf(pc), lock, permitsAt(location, api, call), mode,
                            false, facts.inLoop(location), converts, true);
                    site.errorsOnly = failsOnlyWithErrors(site, call);
                    sites.put(pc, site);
                } else if (api == null) {
                    CalleeEffects.LockEffects callee = callees.lockEffectsOf(call, cpg);
                    if (callee != null && !callee.returnsHolding.isEmpty()) {
                        LockId held = callee.returnsHolding.iterator().next();
                        LockId lock = held.substitute(frame.receiver(call, cpg), frame.arguments(call, cpg));
                        sites.put(pc, new Site(index++, pc, facts.lineOf(pc), lock, 1, LockFacts.AcquireMode.BLOCKING,
                                true, facts.inLoop(location), false, true));
                    }
                }
            }
        }

        private static boolean isAcquire(ConcurrencyApi.Entry api) {
            switch (api.effect()) {
                case ACQUIRE:
                case TRY_ACQUIRE:
                case TIMED_TRY_ACQUIRE:
                case CONVERT_STAMP:
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
            if (!call.getSignature(cpg).startsWith("(I")) {
                return 1;
            }
            return intConstant(location, call.getArgumentTypes(cpg).length - 1);
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
            fact.states.add(new PathState(new int[n], new int[n], new int[facts.methodGen().getMaxLocals()],
                    PathValues.UNKNOWN, PathValues.UNKNOWN, -1));
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
            addBounded(fact, next, block);
        }

        private void transfer(Location location, PathState s, List<PathState> out) throws DataflowAnalysisException {
            Instruction ins = location.getHandle().getInstruction();
            short op = ins.getOpcode();
            if (ins instanceof ConstantPushInstruction) {
                Number n = ((ConstantPushInstruction) ins).getValue();
                boolean integral = n instanceof Integer || n instanceof Long;
                out.add(s.push(integral ? PathValues.constant(n.longValue()) : PathValues.UNKNOWN, -1));
            } else if (ins instanceof ILOAD || ins instanceof LLOAD) {
                int slot = ((LocalVariableInstruction) ins).getIndex();
                out.add(s.push(s.values[slot], slot));
            } else if (ins instanceof ISTORE || ins instanceof LSTORE) {
                out.add(s.storeTop(((LocalVariableInstruction) ins).getIndex()));
            } else if (ins instanceof IINC) {
                int slot = ((IINC) ins).getIndex();
                out.add(s.withValue(slot, PathValues.add(s.values[slot], ((IINC) ins).getIncrement())));
            } else if (op == Const.LCMP) {
                out.add(s.cleared().push(PathValues.compareLongs(s.second, s.top), -1));
            } else if (op == Const.DUP) {
                out.add(s.push(s.top, s.topLocal));
            } else if (op == Const.IRETURN) {
                out.add(s); // the exit keeps the returned value: a boolean acquire returns true holding its lock
            } else if (ins instanceof IfInstruction || op == Const.GOTO || op == Const.GOTO_W || op == Const.NOP) {
                out.add(s); // a jump: along() reads the operands and prunes the side the values rule out
            } else if (ins instanceof InvokeInstruction) {
                int from = out.size();
                call(location, s, out);
                int receiver = dereferencedRef(location);
                for (int i = from; receiver >= 0 && i < out.size(); i++) {
                    PathState known = out.get(i).knowingRef(receiver, false);
                    if (known != null) {
                        out.set(i, known);
                    }
                }
            } else {
                out.add(s.cleared());
            }
        }

        private void call(Location location, PathState s, List<PathState> out) throws DataflowAnalysisException {
            int pc = location.getHandle().getPosition();
            InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
            Site site = sites.get(pc);
            if (site != null) {
                // A conversion first gives up the stamp's earlier hold (read or write), then holds in its own mode.
                // A helper that gives its caller's lock back and takes it again (unlock, work, relock) releases first.
                PathState before = site.converts ? releaseLock(s.cleared(), site.lock, 1, pc, Release.ANY_STAMP_OR_NONE)
                        : site.throughCall ? release(location, call, s.cleared(), pc, false) : s.cleared();
                int[] h = before.held.clone();
                h[site.index] = count(site, h[site.index] + Math.max(site.permits, 1));
                PathState acquired = before.withCounts(h, before.released);
                if (site.mode == LockFacts.AcquireMode.BLOCKING) {
                    out.add(acquired);
                    return;
                }
                out.add(acquired.push(PathValues.tryResult(site.index, true), -1));
                if (!site.converts || !conversionSucceeds(s, site)) {
                    out.add(s.cleared().push(PathValues.tryResult(site.index, false), -1));
                }
                return;
            }
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            if (api != null && (api.effect() == ConcurrencyApi.Effect.CHECKS_HELD
                    || api.effect() == ConcurrencyApi.Effect.HOLD_COUNT)) {
                out.add(s.cleared().push(holdValue(location, call, api, s), -1));
                return;
            }
            PathState after = release(location, call, s, pc, false).cleared();
            out.add(returnsInt(call) ? after.forgetting(PathValues.opaque(pc)).push(PathValues.opaque(pc), -1) : after);
        }

        private boolean returnsInt(InvokeInstruction call) {
            org.apache.bcel.generic.Type t = call.getReturnType(cpg);
            return t == org.apache.bcel.generic.Type.BOOLEAN || t == org.apache.bcel.generic.Type.INT;
        }

        /**
         * StampedLock's conversions cannot fail when the stamp already holds enough: to a read lock from any hold, to
         * a write lock from a write hold (the JDK's upgrade loop converts again after taking the write lock).
         */
        private boolean conversionSucceeds(PathState s, Site conversion) {
            int write = stampHolds(s, conversion.lock, LockKind.STAMPED_WRITE);
            int read = stampHolds(s, conversion.lock, LockKind.STAMPED_READ);
            return conversion.lock.kind() == LockKind.STAMPED_READ ? write + read > 0 : write > 0 && read == 0;
        }

        private int stampHolds(PathState s, LockId stampedLock, LockKind mode) {
            int n = 0;
            for (Site site : sites.values()) {
                if (site.lock.kind() == mode && isStampOf(site.lock, stampedLock)) {
                    n += s.held[site.index];
                }
            }
            return n;
        }

        /** A count kept below {@link #MAX_COUNT}; a site whose count is cut has no exact counts any more. */
        private int count(Site site, int n) {
            if (n > MAX_COUNT) {
                capped.set(site.index);
                return MAX_COUNT;
            }
            return n;
        }

        /** {@code isHeldByCurrentThread()} (1 or 0) or {@code getHoldCount()} on this path, the caller holding nothing. */
        private int holdValue(Location location, InvokeInstruction call, ConcurrencyApi.Entry api, PathState s)
                throws DataflowAnalysisException {
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid()) {
                return PathValues.UNKNOWN;
            }
            // StampedLock.isWriteLockStamp(stamp) is static: it asks about whichever stamped lock the stamp is of.
            AccessPath receiver = call instanceof org.apache.bcel.generic.INVOKESTATIC ? AccessPath.UNKNOWN
                    : frame.getInstance(call, cpg);
            LockId lock = LockId.forReceiver(receiver, api.lockKind());
            int holds = 0;
            for (Site site : sites.values()) {
                if (s.held[site.index] > 0 && matches(site.lock, lock)) {
                    if (capped.get(site.index) || site.permits < 0) {
                        return PathValues.UNKNOWN;
                    }
                    holds += s.held[site.index];
                }
            }
            return PathValues.constant(api.effect() == ConcurrencyApi.Effect.CHECKS_HELD ? Math.min(holds, 1) : holds);
        }

        /**
         * Applies the releases the call makes: the API's unlock/release, a helper's release of its caller's lock, and
         * (unless the call threw: then the callback never runs) a release by a lambda the call is handed.
         */
        private PathState release(Location location, InvokeInstruction call, PathState s, int pc, boolean threw)
                throws DataflowAnalysisException {
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid()) {
                return s;
            }
            if (api != null && api.effect() == ConcurrencyApi.Effect.RELEASE_STAMP) {
                LockId lock = LockId.forReceiver(frame.getInstance(call, cpg), LockKind.STAMPED_WRITE);
                return releaseLock(s, lock, 1, pc, Release.ANY_STAMP);
            }
            if (api != null && api.effect() == ConcurrencyApi.Effect.RELEASE) {
                if (api.lockKind() == LockKind.MONITOR) {
                    return s;
                }
                LockId lock = LockId.forReceiver(frame.getInstance(call, cpg), api.lockKind());
                int n = 1;
                if (api.lockKind() == LockKind.SEMAPHORE && call.getSignature(cpg).startsWith("(I")) {
                    n = intConstant(location, call.getArgumentTypes(cpg).length - 1);
                }
                return releaseLock(s, lock, n, pc, Release.EXACT);
            }
            PathState out = threw ? s : releasedByClosures(frame, call, s, pc);
            if (api != null) {
                return out;
            }
            CalleeEffects.LockEffects callee = callees.lockEffectsOf(call, cpg);
            if (callee == null || callee.releasesCallersLocks.isEmpty()) {
                return out;
            }
            AccessPath receiver = frame.receiver(call, cpg);
            AccessPath[] args = frame.arguments(call, cpg);
            for (LockId l : callee.releasesCallersLocks) {
                out = releaseLock(out, l.substitute(receiver, args), 1, pc, Release.EXACT);
            }
            return out;
        }

        /** The releases of the lambdas and method references passed to a call: they release when they run. */
        private PathState releasedByClosures(AccessPathFrame frame, InvokeInstruction call, PathState s, int pc)
                throws DataflowAnalysisException {
            PathState out = s;
            for (AccessPath arg : frame.arguments(call, cpg)) {
                Closure closure = arg == null ? null : arg.closure();
                if (closure == null || closure.isConstructor()) {
                    continue;
                }
                MethodSummary body = callees.summaryOf(closure.implementation());
                AccessPath[] none = new AccessPath[0];
                for (LockId l : body.releasesCallersLocks()) {
                    LockId mine = l.substitute(closure.receiverFor(none), closure.argumentsFor(none));
                    out = releaseLock(out, mine, 1, pc, Release.EXACT_OR_NONE);
                }
            }
            return out;
        }

        /** How a release finds what it releases, and whether finding nothing is an unmatched release. */
        private enum Release {
            /** The same lock; nothing held is an unmatched release. */
            EXACT,
            /** The same lock; nothing held is fine (a callback that may run for another acquisition). */
            EXACT_OR_NONE,
            /** A stamp of the same StampedLock in either mode; nothing held is an unmatched release. */
            ANY_STAMP,
            /** A stamp in either mode; nothing held is fine (converting an optimistic stamp). */
            ANY_STAMP_OR_NONE
        }

        /** Releases {@code n} holds of {@code lock} (-1: all of the matched site); records an unmatched release. */
        private PathState releaseLock(PathState s, LockId lock, int n, int pc, Release how) {
            boolean anyStamp = how == Release.ANY_STAMP || how == Release.ANY_STAMP_OR_NONE;
            for (Site site : reversedSites()) {
                boolean same = anyStamp ? isStampOf(site.lock, lock) : matches(site.lock, lock);
                if (s.held[site.index] > 0 && same) {
                    int[] h = s.held.clone();
                    int[] r = s.released.clone();
                    int take = n < 0 || site.permits < 0 ? h[site.index] : Math.min(n, h[site.index]);
                    h[site.index] -= take;
                    r[site.index] = count(site, r[site.index] + take);
                    return s.withCounts(h, r);
                }
            }
            if ((how == Release.EXACT || how == Release.ANY_STAMP) && !pastUncountedLoop(lock, pc, anyStamp)) {
                unmatched.putIfAbsent(pc, new UnmatchedRelease(pc, facts.lineOf(pc), lock));
            }
            return s;
        }

        /**
         * True when a release in a loop finds nothing held only because the loop ran more often than the loop that
         * acquired (the analysis does not know either trip count): {@code for (i < n) lock(); ... for (i < n) unlock();}.
         */
        private boolean pastUncountedLoop(LockId lock, int pc, boolean anyStamp) {
            Location at = locationAt(pc);
            if (at == null || !facts.inLoop(at)) {
                return false;
            }
            for (Site site : sites.values()) {
                boolean same = anyStamp ? isStampOf(site.lock, lock) : matches(site.lock, lock);
                if (same && site.inLoop) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The same lock: equal identities, or a lock the analysis could not name released by kind. A {@code Lock}
         * whose name paths disagree on ({@code l = rw.readLock(); ... l.unlock(); l = rw.writeLock(); ...} then
         * {@code l.unlock()} in the finally) releases a read or write half as well: each is a {@code Lock}.
         */
        private static boolean matches(LockId acquired, LockId released) {
            return acquired.equals(released) || !released.path().isKnown() && releasesKind(acquired.kind(), released.kind());
        }

        private static boolean releasesKind(LockKind acquired, LockKind released) {
            return acquired == released
                    || released == LockKind.LOCK && (acquired == LockKind.READ_LOCK || acquired == LockKind.WRITE_LOCK);
        }

        private static boolean isStampOf(LockId acquired, LockId stampedLock) {
            boolean stamp = acquired.kind() == LockKind.STAMPED_WRITE || acquired.kind() == LockKind.STAMPED_READ;
            return stamp && (acquired.path().equals(stampedLock.path()) || !stampedLock.path().isKnown());
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
            addBounded(result, along.states, edge.getTarget());
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
                if (!carriesOnlyErrors(edge)) {
                    exceptionEdge(source, fact, out);
                }
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
            if (!(last.getInstruction() instanceof IfInstruction)) {
                out.states.addAll(fact.states);
                return out;
            }
            int ref = op == Const.IFNULL || op == Const.IFNONNULL ? refIndex(new Location(last, source)) : -1;
            boolean isNull = (op == Const.IFNULL) == taken;
            for (PathState s : fact.states) {
                PathState next = acrossJump(op, taken, s);
                if (next != null && ref >= 0) {
                    next = next.knowingRef(ref, isNull);
                }
                if (next != null) {
                    out.add(next);
                }
            }
            return out;
        }

        /**
         * The index of the reference a null test at {@code test} tests, when its value cannot change in the method
         * (so a second test of it gives the same answer: {@code if (lock != null) lock.lock(); try { ... } finally
         * { if (lock != null) lock.unlock(); }}); -1 for any other reference, or past 31 of them.
         */
        private int refIndex(Location test) throws DataflowAnalysisException {
            AccessPathFrame frame = facts.pathsAt(test);
            if (!frame.isValid() || frame.getStackDepth() == 0) {
                return -1;
            }
            return refIndex(frame.getTopValue());
        }

        private int refIndex(AccessPath tested) {
            if (tested == null || !isUnchanging(tested)) {
                return -1;
            }
            int i = testedRefs.indexOf(tested);
            if (i < 0 && testedRefs.size() < 31) {
                testedRefs.add(tested);
                i = testedRefs.size() - 1;
            }
            return i;
        }

        /**
         * The index of the unchanging reference ({@link #refIndex}) a call at {@code location} is made on: past the
         * call it is not null (javac's try-with-resources tests {@code handle.lock()}'s result, the handle itself,
         * before {@code close()}); -1 for a static call or any other receiver.
         */
        private int dereferencedRef(Location location) throws DataflowAnalysisException {
            Integer cached = receiverRefs.get(location.getHandle().getPosition());
            if (cached == null) {
                cached = findDereferencedRef(location);
                receiverRefs.put(location.getHandle().getPosition(), cached);
            }
            return cached;
        }

        private int findDereferencedRef(Location location) throws DataflowAnalysisException {
            Instruction ins = location.getHandle().getInstruction();
            if (ins instanceof org.apache.bcel.generic.INVOKESTATIC || ins instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
                return -1;
            }
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid()) {
                return -1;
            }
            return refIndex(frame.getInstance(ins, cpg));
        }

        /**
         * True for a reference that names one value all through the method: {@code this}, a parameter's value (a
         * store to its slot gives the slot another path), a class literal, and {@code final} fields of such.
         */
        private boolean isUnchanging(AccessPath p) {
            String name = facts.method().getName();
            if (name.equals("<init>") || name.equals("<clinit>")) {
                return false; // where final fields get their values
            }
            switch (p.kind()) {
                case THIS:
                case PARAMETER:
                case CLASS_LITERAL:
                    return true;
                case STATIC_FIELD:
                    return finalFields.isFinal(p.owner(), p.name(), true);
                case FIELD:
                    return p.base() != null && isUnchanging(p.base()) && finalFields.isFinal(p.owner(), p.name(), false);
                default:
                    return false;
            }
        }

        /** A state across one side of a conditional jump: null when its values rule that side out. */
        private static PathState acrossJump(short op, boolean taken, PathState s) {
            Boolean jumps = PathValues.jumps(op, s.second, s.top);
            if (jumps != null) {
                return jumps == taken ? s.cleared() : null;
            }
            boolean testsLocal = (op == Const.IFEQ || op == Const.IFNE) && s.topLocal >= 0;
            if (testsLocal && s.values[s.topLocal] == PathValues.UNKNOWN) {
                return s.cleared().withValue(s.topLocal, PathValues.refined(op, taken));
            }
            if (testsLocal && PathValues.isOpaque(s.values[s.topLocal])) {
                return s.cleared().replacing(s.values[s.topLocal], PathValues.refined(op, taken));
            }
            return s.cleared();
        }

        /**
         * Only calls and throws raise exceptions that matter here; a release that throws has released (the lock
         * was not held after all), an acquisition that throws has not acquired.
         */
        private void exceptionEdge(BasicBlock source, StateSet fact, StateSet out) throws DataflowAnalysisException {
            InstructionHandle thrower = source.isExceptionThrower() ? source.getExceptionThrower() : null;
            if (thrower != null && thrower.getInstruction() instanceof ATHROW && throwsNewError(thrower)) {
                return;
            }
            if (thrower == null || thrower.getInstruction() instanceof ATHROW) {
                for (PathState s : fact.states) {
                    out.add(s.cleared());
                }
                return;
            }
            if (!(thrower.getInstruction() instanceof InvokeInstruction) || cannotThrow((InvokeInstruction) thrower.getInstruction())
                    || isApiRelease((InvokeInstruction) thrower.getInstruction()) || collectionCallCannotThrow(thrower)) {
                return;
            }
            Location at = findLocation(thrower);
            Site failing = sites.get(thrower.getPosition());
            boolean onlyErrors = failing != null && failing.errorsOnly;
            for (PathState s : fact.states) {
                if (onlyErrors && releasedBefore(s, failing)) {
                    continue;
                }
                PathState cleared = s.cleared();
                out.add(at == null || sites.containsKey(thrower.getPosition()) ? cleared
                        : release(at, (InvokeInstruction) thrower.getInstruction(), cleared, thrower.getPosition(), true));
            }
        }

        /**
         * An uninterruptible JDK acquisition ({@code lock()}, {@code writeLock()}, {@code acquireUninterruptibly()})
         * fails only with an {@link Error}.
         */
        private boolean failsOnlyWithErrors(Site site, InvokeInstruction call) {
            String name = call.getMethodName(cpg);
            return !site.throughCall && site.mode == LockFacts.AcquireMode.BLOCKING && !name.endsWith("Interruptibly")
                    && !(site.lock.kind() == LockKind.SEMAPHORE && name.equals("acquire"));
        }

        /**
         * True when the path released a hold of the site's lock before re-acquiring it (the StampedLock upgrade
         * idiom: {@code unlockRead(stamp); stamp = writeLock();} inside the try whose finally unlocks the stamp; the
         * ReadWriteLock one: {@code l.unlock(); l = rw.writeLock(); l.lock();}).
         * Such a re-acquisition's Error path is not followed: it is not the acquire-inside-try mistake, which takes
         * the first hold inside the try.
         */
        private boolean releasedBefore(PathState s, Site failing) {
            for (Site site : sites.values()) {
                boolean same = failing.lock.kind() == LockKind.STAMPED_WRITE || failing.lock.kind() == LockKind.STAMPED_READ
                        ? isStampOf(site.lock, failing.lock) : matches(site.lock, failing.lock) || halvesOfOne(site.lock, failing.lock);
                if (same && s.released[site.index] > 0) {
                    return true;
                }
            }
            return false;
        }

        /** The read and the write half of one ReadWriteLock (the upgrade idiom: read released, write taken). */
        private static boolean halvesOfOne(LockId a, LockId b) {
            boolean halves = (a.kind() == LockKind.READ_LOCK || a.kind() == LockKind.WRITE_LOCK)
                    && (b.kind() == LockKind.READ_LOCK || b.kind() == LockKind.WRITE_LOCK);
            return halves && a.path().isKnown() && a.path().equals(b.path());
        }

        /**
         * A JDK release ({@code unlock()}, {@code unlockRead(stamp)}) throws only when the lock was not held
         * ({@link IllegalMonitorStateException}: the bug is the release itself) or on an {@link Error}: its exception
         * path says nothing about leaks, and following it would report the {@code finally} after it as releasing twice.
         */
        private boolean isApiRelease(InvokeInstruction call) {
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            return api != null && api.lockKind() != LockKind.MONITOR
                    && (api.effect() == ConcurrencyApi.Effect.RELEASE || api.effect() == ConcurrencyApi.Effect.RELEASE_STAMP);
        }

        /**
         * True for an exception edge along which SpotBugs' type analysis sees only {@link Error}s (what is left past a
         * {@code catch (RuntimeException e)}, or of a call that declares nothing): no code guards a lock against
         * {@code OutOfMemoryError}, so such a path is not a leak.
         */
        private boolean carriesOnlyErrors(Edge edge) throws DataflowAnalysisException {
            edu.umd.cs.findbugs.ba.type.TypeDataflow types = typeDataflow();
            if (types == null) {
                return false;
            }
            edu.umd.cs.findbugs.ba.type.ExceptionSet set = types.getAnalysis().getEdgeExceptionSet(edge);
            if (set == null || set.isEmpty()) {
                return false;
            }
            for (edu.umd.cs.findbugs.ba.type.ExceptionSet.ThrownExceptionIterator i = set.iterator(); i.hasNext();) {
                if (!ConcurrencyApi.isSubtype(i.next().getClassName(), "java.lang.Error")) {
                    return false;
                }
            }
            return true;
        }

        /** SpotBugs' type dataflow of the method, on the same CFG as these facts; null when it is not the same. */
        private edu.umd.cs.findbugs.ba.type.TypeDataflow typeDataflow() throws DataflowAnalysisException {
            if (types == null) {
                try {
                    edu.umd.cs.findbugs.ba.type.TypeDataflow t = facts.classContext().getTypeDataflow(facts.method());
                    types = java.util.Optional.ofNullable(t.getCFG() == facts.cfg() ? t : null);
                } catch (CFGBuilderException e) {
                    throw new DataflowAnalysisException("no type dataflow", e);
                }
            }
            return types.orElse(null);
        }

        /**
         * Calls that only hand back an object: {@code rw.readLock()}, {@code lock.newCondition()}, trivial accessors,
         * and {@code invokedynamic} (a lambda or a string concatenation is made, nothing runs); a condition's
         * {@code signal()}; and methods that make no call and throw nothing ({@link Getters#throwsNothing}).
         */
        private boolean cannotThrow(InvokeInstruction call) {
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            if (api != null) {
                switch (api.effect()) {
                    case READ_HALF:
                    case WRITE_HALF:
                    case NEW_CONDITION:
                    case CURRENT_THREAD:
                    case CHECKS_HELD:
                    case HOLD_COUNT:
                        return true;
                    case NOTIFIES:
                        // signal()/notify() throw only IllegalMonitorStateException, when the lock is not held:
                        // a mistake of its own (GL_WAIT_WITHOUT_LOOP's unheld half), not a path that leaks it.
                        return true;
                    case INTERRUPTS:
                        // Thread.interrupt() throws only a SecurityException of an installed security manager
                        // (Thread.stop() throws UnsupportedOperationException since JDK 20: it counts).
                        return call.getMethodName(cpg).equals("interrupt");
                    default:
                        return false;
                }
            }
            if (call instanceof org.apache.bcel.generic.INVOKEDYNAMIC || printsWithoutThrowing(call) || makesError(call)) {
                return true;
            }
            boolean dispatched = call instanceof org.apache.bcel.generic.INVOKEVIRTUAL
                    || call instanceof org.apache.bcel.generic.INVOKEINTERFACE;
            if (getters.throwsNothing(call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg), dispatched)) {
                return true;
            }
            AccessPath returned = getters.returnedPath(call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg),
                    call instanceof org.apache.bcel.generic.INVOKESTATIC);
            // A field accessor cannot throw; a method that returns its receiver may call anything first.
            return returned != null && returned.kind() != AccessPath.Kind.THIS
                    || NonThrowingCalls.cannotThrowDeeply(call, cpg, getters);
        }

        /**
         * A one-element call on a JDK hash or identity collection held in a final field
         * ({@link NonThrowingCalls#collectionCallCannotThrow}): {@code sleepers.remove(Thread.currentThread())} in the
         * {@code finally} before the unlock. Answers cached by offset.
         */
        private boolean collectionCallCannotThrow(InstructionHandle thrower) throws DataflowAnalysisException {
            Boolean known = collectionCalls.get(thrower.getPosition());
            if (known == null) {
                InvokeInstruction call = (InvokeInstruction) thrower.getInstruction();
                boolean onObject = call instanceof org.apache.bcel.generic.INVOKEINTERFACE
                        || call instanceof org.apache.bcel.generic.INVOKEVIRTUAL;
                Location at = onObject ? findLocation(thrower) : null;
                AccessPathFrame frame = at == null ? null : facts.pathsAt(at);
                AccessPath receiver = frame == null || !frame.isValid() ? null : frame.getInstance(call, cpg);
                boolean inField = receiver != null
                        && (receiver.kind() == AccessPath.Kind.FIELD || receiver.kind() == AccessPath.Kind.STATIC_FIELD);
                known = inField && NonThrowingCalls.collectionCallCannotThrow(call, cpg, receiver, finalFields,
                        argumentClass(at, call));
                collectionCalls.put(thrower.getPosition(), known);
            }
            return known;
        }

        /** The static type of the call's first argument (dotted), "null" for the null constant, or null when unknown. */
        private String argumentClass(Location at, InvokeInstruction call) throws DataflowAnalysisException {
            edu.umd.cs.findbugs.ba.type.TypeDataflow types = typeDataflow();
            int args = call.getArgumentTypes(cpg).length;
            if (types == null || args == 0) {
                return null;
            }
            edu.umd.cs.findbugs.ba.type.TypeFrame frame = types.getFactAtLocation(at);
            if (!frame.isValid()) {
                return null;
            }
            org.apache.bcel.generic.Type t = frame.getStackValue(args - 1);
            if (t instanceof edu.umd.cs.findbugs.ba.type.NullType) {
                return "null";
            }
            return t instanceof org.apache.bcel.generic.ObjectType ? ((org.apache.bcel.generic.ObjectType) t).getClassName() : null;
        }

        /** An {@code athrow} right after an Error's constructor: {@code assert}'s {@code throw new AssertionError()}. */
        private boolean throwsNewError(InstructionHandle athrow) {
            InstructionHandle prev = athrow.getPrev();
            return prev != null && prev.getInstruction() instanceof org.apache.bcel.generic.INVOKESPECIAL
                    && makesError((InvokeInstruction) prev.getInstruction());
        }

        /**
         * A constructor of an {@link Error} ({@code assert}'s {@code new AssertionError(..)}): whatever it throws, and
         * the error it makes when thrown, are Errors, which no code guards a lock against.
         */
        private boolean makesError(InvokeInstruction call) {
            return call.getMethodName(cpg).equals("<init>")
                    && ConcurrencyApi.isSubtype(call.getClassName(cpg), "java.lang.Error");
        }

        /**
         * {@code PrintStream.print/println} of a string or a primitive: the stream records an I/O failure for
         * {@code checkError()} instead of throwing, and no user {@code toString()} runs ({@code println(Object)} does).
         */
        private boolean printsWithoutThrowing(InvokeInstruction call) {
            String name = call.getMethodName(cpg);
            String sig = call.getSignature(cpg);
            return "java.io.PrintStream".equals(call.getClassName(cpg)) && (name.equals("print") || name.equals("println"))
                    && !sig.contains("Ljava/lang/Object;");
        }

        private Location findLocation(InstructionHandle handle) {
            return locationAt(handle.getPosition());
        }

        private Location locationAt(int pc) {
            if (locationsByPc == null) {
                locationsByPc = new java.util.HashMap<>();
                for (Location l : facts.locations()) {
                    locationsByPc.putIfAbsent(l.getHandle().getPosition(), l);
                }
            }
            return locationsByPc.get(pc);
        }

        /**
         * Adds states to a block's fact. A block that once had more than {@link #MAX_STATES} paths keeps one joined
         * state from then on: collapsing only when the count is exceeded again would not be monotone, and the
         * dataflow would not settle.
         */
        private void addBounded(StateSet fact, java.util.Collection<PathState> more, BasicBlock block) {
            for (PathState s : more) {
                fact.add(s);
            }
            if (fact.states.size() > MAX_STATES) {
                precise = false;
                collapsed.set(block.getLabel());
            }
            if (collapsed.get(block.getLabel()) && fact.states.size() > 1) {
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
            return new PathState(h, r, new int[a.values.length], PathValues.UNKNOWN, PathValues.UNKNOWN, -1);
        }
    }
}
