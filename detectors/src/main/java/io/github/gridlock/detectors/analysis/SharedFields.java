package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which threads may run a piece of code, and whether two accesses of a field may run at the same time on two
 * of them: the "reached by more than one thread" fact, built from {@link ThreadEntries} and {@link FieldFacts}.
 *
 * <p>A method runs on a {@link Runner}: the thread of each thread entry that reaches it, and the program's
 * callers ({@link Runner#CALLERS}) when it is reached from the public API, or when no analysed code is known to run
 * it (a lambda returned to the caller, a callback given to a library). Two places may run at the same time when
 * their runners differ, or when they share a runner that runs concurrently with itself (an entry handed off twice or
 * in a loop; the callers only when the asker says so, e.g. because the class locks). Two orderings are honoured
 * between an entry and the method that hands it off: what that method does before the entry starts, and after it
 * joins the entry ({@code join()}, the future's {@code get()}, {@code awaitTermination}), does not run at the same
 * time as the entry; likewise a private helper called only there; code after a hand-off that its method returns
 * straight after is not "after" it. A task object created per hand-off ({@code new
 * Worker()} given to a thread) is a different object on each thread: its own fields ({@code this.x} in the entry
 * itself) are not shared between the runs of that entry. Nor are the objects a run makes for itself and keeps only in
 * fields of its own objects ({@link PerRunObjects}, in a closed world: {@code run()} → {@code setFollower(makeFollower())}
 * → {@code follower.server.commit()}): two accesses on such an object by the entry and itself do not race.
 *
 * <p>Built from {@link ProgramFacts}; rebuilt when more classes were collected since. Complete in
 * {@code Detector.report()}.
 */
public final class SharedFields {

    /** A thread that may run code: one thread entry's, or the program's callers'. */
    public static final class Runner {
        /** The threads of the program's callers (code reached from the API, or run by code we do not see). */
        public static final Runner CALLERS = new Runner(null, false);

        private final ThreadEntries.Entry entry;
        private final boolean concurrentWithItself;

        private Runner(ThreadEntries.Entry entry, boolean concurrentWithItself) {
            this.entry = entry;
            this.concurrentWithItself = concurrentWithItself;
        }

        /** The thread entry; null for {@link #CALLERS}. */
        public ThreadEntries.Entry entry() {
            return entry;
        }

        public boolean isCallers() {
            return entry == null;
        }

        /** True when two threads may run this entry at once ({@link ThreadEntries.Entry#mayRunConcurrentlyWithItself}). */
        public boolean isConcurrentWithItself() {
            return concurrentWithItself;
        }

        /** For messages: "the threads running the lambda in Server.start()", "the callers of the public API". */
        public String describe() {
            if (entry == null) {
                return "the callers' threads";
            }
            String name = MethodNames.describe(entry.method());
            return (concurrentWithItself ? "the threads running " : "the thread running ") + name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Runner && (entry == null ? ((Runner) o).entry == null
                    : ((Runner) o).entry != null && entry.method().equals(((Runner) o).entry.method()));
        }

        @Override
        public int hashCode() {
            return entry == null ? 0 : entry.method().hashCode();
        }

        @Override
        public String toString() {
            return entry == null ? "callers" : entry.method().getName() + (concurrentWithItself ? " concurrent" : " once");
        }
    }

    /** Two runners that may run two places at the same time. */
    public static final class Overlap {
        private final Runner first;
        private final Runner second;

        Overlap(Runner first, Runner second) {
            this.first = first;
            this.second = second;
        }

        /** The runner of the first place asked about. */
        public Runner first() {
            return first;
        }

        /** The runner of the second place (the same runner when it runs concurrently with itself). */
        public Runner second() {
            return second;
        }

        /**
         * For messages: "the threads running X" (one runner, many threads), "two threads running X" (two lambdas
         * of one method), "the thread running X and the callers' threads".
         */
        public String describe() {
            if (first.equals(second)) {
                return first.isCallers() ? "several of the callers' threads" : first.describe();
            }
            String a = first.describe();
            String b = second.describe();
            String single = "the thread running ";
            if (a.equals(b) && a.startsWith(single)) {
                return "two threads running " + a.substring(single.length());
            }
            return a + " and " + b;
        }
    }

    /** How deep "a private helper called only before the start" is followed through its callers. */
    private static final int MAX_ORDER_DEPTH = 4;

    private final ProgramFacts program;
    private final ThreadEntries entries;
    private final FieldFacts fields;
    private final MethodSummaries summaries;
    private final Map<MethodDescriptor, Set<Runner>> runners = new HashMap<>();
    private final Map<MethodDescriptor, String> confinement = new HashMap<>();
    private final Set<MethodDescriptor> confinementInProgress = new java.util.HashSet<>();
    private final PerRunObjects perRun;
    private Set<MethodDescriptor> reachedFromOutside;
    private final int generation;

    private SharedFields(ProgramFacts program, ThreadEntries entries, FieldFacts fields, MethodSummaries summaries) {
        this.program = program;
        this.entries = entries;
        this.fields = fields;
        this.summaries = summaries;
        this.generation = program.generation();
        this.perRun = new PerRunObjects(program, entries, fields);
    }

    static SharedFields of(ProgramFacts program, ThreadEntries entries, FieldFacts fields, MethodSummaries summaries,
            SharedFields previous) {
        return previous != null && previous.generation == program.generation() && previous.entries == entries
                && previous.fields == fields ? previous : new SharedFields(program, entries, fields, summaries);
    }

    /**
     * The parameter whose executor alone runs {@code method} by a framework's callback contract
     * ({@link OwnThreadChecks#argumentThread}: a Netty handler's method that takes its {@code ChannelHandlerContext}),
     * or null; also null for a method that a task the program hands off runs (the task itself or code it calls: that
     * runs where the task is sent, {@code pool.execute(() -> helper(ctx))}). Unlike
     * {@link #confinedTo}, this names no one thread: two calls on two contexts may run at once, on two threads. A
     * family that can tell that two places work on the same argument (a map key computed from it) may take them to run
     * on one thread; {@link #overlap} does not.
     */
    public OwnThreadChecks.ArgumentThread argumentThread(MethodDescriptor method) {
        return entries.entriesReaching(method).isEmpty() ? OwnThreadChecks.argumentThread(method) : null;
    }

    /** Key of the event dispatch thread: what {@code invokeLater} runs work on, and what the static EDT checks ask about. */
    private static final String EVENT_DISPATCH_THREAD = OwnThreadChecks.staticKey("EDT");

    /**
     * The one thread that alone runs {@code method}, as an {@link OwnThreadChecks} key, or null when it may run on
     * more than one: a method that asserts it runs on one executor's thread ({@code assert executor.inEventLoop()});
     * a thread entry handed off only to the event queue ({@code invokeLater}: the event dispatch thread); a method
     * only the analysed code can call (private, synthetic, {@code access$}) whose every call runs on that same one
     * thread (its caller is confined to it, or the call sits on the "yes" side of a check of it). Two places confined to the same thread never run at the same time. The asserting methods are those whose
     * {@link OwnThreadChecks} part a detector built while visiting their class (the shared-state family does for every
     * method); nothing is analysed again here. A thread entry every hand-off of which posts it to the same one-thread
     * executor ({@code ctx.executor().execute(task)}, {@link OwnThreadChecks#postedTo}) runs on that executor's thread,
     * like an {@code invokeLater} task on the event dispatch thread.
     */
    public String confinedTo(MethodDescriptor method) {
        if (confinement.containsKey(method)) {
            return confinement.get(method);
        }
        if (!confinementInProgress.add(method)) {
            return null;
        }
        try {
            String key = computeConfinement(method, 0);
            confinement.put(method, key);
            return key;
        } finally {
            confinementInProgress.remove(method);
        }
    }

    private String computeConfinement(MethodDescriptor method, int depth) {
        Set<String> asserted = summaries == null ? Set.of() : summaries.builtPart(method, OwnThreadChecks.PART).runners();
        if (!asserted.isEmpty()) {
            return asserted.iterator().next();
        }
        ThreadEntries.Entry entry = entries.entry(method);
        if (entry != null && onlyItsEntryRuns(entry)) {
            String posted = postedTo(entry);
            if (posted != null) {
                return posted;
            }
        }
        if (entry != null || !onlyAnalysedCodeCalls(method) || depth > MAX_ORDER_DEPTH) {
            return null;
        }
        String common = null;
        List<ProgramFacts.Caller> callers = program.callersOf(method);
        for (ProgramFacts.Caller c : callers) {
            if (isRedirectedBridge(c.caller())) {
                continue;
            }
            String k = runnerAt(c.caller(), c.site().pc());
            k = k != null ? k : confinedTo(c.caller());
            if (k == null || common != null && !common.equals(k)) {
                return null;
            }
            common = k;
        }
        return common;
    }


    /**
     * The one thread every hand-off of {@code entry} posts it to: the event dispatch thread when all go to the event
     * queue ({@code invokeLater}), the one thread of an executor when all go to the same one-thread executor
     * ({@link OwnThreadChecks#postedTo}: {@code ctx.executor().execute(task)}); else null.
     */
    private String postedTo(ThreadEntries.Entry entry) {
        if (entry.sites().isEmpty() || entry.isThreadSafeApi()) {
            return null;
        }
        String common = null;
        for (ProgramFacts.HandoffSite site : entry.sites()) {
            Handoff h = site.handoff();
            String key = h.via() == ConcurrencyApi.Via.EVENT_QUEUE ? EVENT_DISPATCH_THREAD
                    : h.through() != null || summaries == null ? null
                    : summaries.builtPart(site.creator(), OwnThreadChecks.PART).postedTo(h.pc());
            if (key == null || common != null && !common.equals(key)) {
                return null;
            }
            common = key;
        }
        return common;
    }

    /**
     * True when nothing but the entry's own hand-offs runs its method: no caller reaches it from the API, and no other
     * entry calls it (a lambda posted with {@code invokeLater}; not a public method that is also posted as
     * {@code this::refresh}).
     */
    private boolean onlyItsEntryRuns(ThreadEntries.Entry entry) {
        MethodDescriptor m = entry.method();
        return !entries.isReachedFromApi(m) && entries.entriesReaching(m).equals(Set.of(m));
    }

    /**
     * The one thread on which {@code runner} runs the code at {@code pc} of {@code method}: the "yes" side of an
     * own-thread check there, else the method's own confinement ({@link #confinedTo}), else that of the runner's entry (everything an entry posted to one thread runs, runs on that thread); null for
     * the callers of a method confined to nothing.
     */
    private String confinement(Runner runner, MethodDescriptor method, int pc) {
        String here = runnerAt(method, pc);
        String own = here != null ? here : confinedTo(method);
        if (own != null || runner.isCallers()) {
            return own;
        }
        return entryRunsOn(runner.entry());
    }

    /** The one thread an entry's runs all run on: the one its hand-offs post it to, or the one its method is confined to. */
    private String entryRunsOn(ThreadEntries.Entry entry) {
        String posted = postedTo(entry);
        return posted != null ? posted : confinedTo(entry.method());
    }

    /** The one thread the code at {@code pc} runs on because a check there just said so ({@link OwnThreadChecks#runnerAt}). */
    private String runnerAt(MethodDescriptor method, int pc) {
        return summaries == null ? null : summaries.builtPart(method, OwnThreadChecks.PART).runnerAt(pc);
    }

    /**
     * The threads that may run {@code method}: the entries that reach it, and the callers when it is reached from
     * the API or from nothing the analysis sees.
     */
    public Set<Runner> runnersOf(MethodDescriptor method) {
        Set<Runner> cached = runners.get(method);
        if (cached != null) {
            return cached;
        }
        Set<Runner> out = new LinkedHashSet<>();
        for (MethodDescriptor e : entries.entriesReaching(method)) {
            ThreadEntries.Entry entry = entries.entry(e);
            out.add(new Runner(entry, entry.mayRunConcurrentlyWithItself() && entryRunsOn(entry) == null));
        }
        if (isReachedFromOutside(method) || out.isEmpty()) {
            out.add(Runner.CALLERS);
        }
        Set<Runner> result = Collections.unmodifiableSet(out);
        runners.put(method, result);
        return result;
    }

    /**
     * True when code outside the analysed classes may run {@code method} on its own thread: it is reached through
     * analysed calls from a public or protected method, not a thread entry, that outside code can call
     * ({@link OutsideCallers#mayCall}, a closed world: a public method of a class outside code cannot hold a reference
     * of, or a protected one of a class it cannot extend, is no such method). From a protected method, a call on a
     * field that is null on an outside subclass's object ({@link OutsideCallers#isNullOnOutsideObjects}) is not
     * followed. Narrower than {@link ThreadEntries#isReachedFromApi}, which counts every public and protected method.
     */
    public boolean isReachedFromOutside(MethodDescriptor method) {
        if (reachedFromOutside == null) {
            reachedFromOutside = computeReachedFromOutside();
        }
        return reachedFromOutside.contains(method);
    }

    private Set<MethodDescriptor> computeReachedFromOutside() {
        OutsideCallers outside = new OutsideCallers(program.apiMethods(), fields);
        Set<MethodDescriptor> normal = new java.util.HashSet<>();
        Set<MethodDescriptor> cut = new java.util.HashSet<>();
        java.util.ArrayDeque<MethodDescriptor> work = new java.util.ArrayDeque<>();
        for (MethodDescriptor m : program.apiMethods()) {
            if (entries.entry(m) != null || !outside.mayCall(m)) {
                continue;
            }
            if (!outside.onlyOnOutsideSubclassObjects(m)) {
                if (normal.add(m)) {
                    work.add(m);
                }
            } else if (cut.add(m)) {
                MethodSummary s = program.summaryOf(m);
                for (CallFacts.CallSite site : s == null ? List.<CallFacts.CallSite>of() : s.calls()) {
                    if (site.isMonomorphic() && !outside.isNullOnOutsideObjects(m, site.receiver())
                            && normal.add(site.callee())) {
                        work.add(site.callee());
                    }
                }
            }
        }
        while (!work.isEmpty()) {
            MethodSummary s = program.summaryOf(work.poll());
            if (s == null) {
                continue;
            }
            for (CallFacts.CallSite site : s.calls()) {
                if (site.isMonomorphic() && normal.add(site.callee())) {
                    work.add(site.callee());
                }
            }
        }
        normal.addAll(cut);
        return normal;
    }

    /**
     * Whether the code at {@code pcA} of {@code a}, on an object reached as {@code baseA} there, and the code at
     * {@code pcB} of {@code b} (on {@code baseB}) may run at the same time on two threads, and on which: null when
     * they cannot. {@code callersConcurrent} says whether the callers' threads count as many threads at once (the
     * layer cannot know; a family decides, e.g. from the locks the class takes). Bases may be null (static fields).
     */
    public Overlap overlap(MethodDescriptor a, int pcA, AccessPath baseA, MethodDescriptor b, int pcB, AccessPath baseB,
            boolean callersConcurrent) {
        for (Runner ra : runnersOf(a)) {
            for (Runner rb : runnersOf(b)) {
                if (mayOverlap(ra, a, pcA, baseA, rb, b, pcB, baseB, null, callersConcurrent)) {
                    return new Overlap(ra, rb);
                }
            }
        }
        return null;
    }

    /**
     * Like {@link #overlap}, for two calls on the object that {@code field} of {@code baseA} and of {@code baseB} holds
     * (a collection): an object a run makes for itself ({@link #isOwnedByRun}) counts only when that field's value is
     * the run's own too, not only the object the field is on.
     */
    public Overlap overlapOnValueOf(XField field, MethodDescriptor a, int pcA, AccessPath baseA, MethodDescriptor b,
            int pcB, AccessPath baseB, boolean callersConcurrent) {
        for (Runner ra : runnersOf(a)) {
            for (Runner rb : runnersOf(b)) {
                if (mayOverlap(ra, a, pcA, baseA, rb, b, pcB, baseB, field, callersConcurrent)) {
                    return new Overlap(ra, rb);
                }
            }
        }
        return null;
    }

    /** The path of the value {@code field} of {@code base} holds; null for a static field or no field. */
    public static AccessPath valueOf(AccessPath base, XField field) {
        return base == null || field == null ? null : AccessPath.field(base, field.getClassName(), field.getName());
    }

    /** Like {@link #overlap}, but every pair of runners that may run the two places at once, not only the first. */
    public List<Overlap> overlaps(MethodDescriptor a, int pcA, AccessPath baseA, MethodDescriptor b, int pcB,
            AccessPath baseB, boolean callersConcurrent) {
        List<Overlap> out = new ArrayList<>();
        for (Runner ra : runnersOf(a)) {
            for (Runner rb : runnersOf(b)) {
                if (mayOverlap(ra, a, pcA, baseA, rb, b, pcB, baseB, null, callersConcurrent)) {
                    out.add(new Overlap(ra, rb));
                }
            }
        }
        return out;
    }

    /**
     * The writes of {@code use}'s field (the use itself included, if it is one) that may run at the same time as it
     * on another thread; constructor accesses of the object under construction never do.
     */
    public List<FieldFacts.Use> overlappingWrites(FieldFacts.Use use, boolean callersConcurrent) {
        List<FieldFacts.Use> out = new ArrayList<>();
        if (use.access().isInConstructor()) {
            return out;
        }
        for (FieldFacts.Use other : fields.usesOf(use.access().field())) {
            FieldAccesses.Access o = other.access();
            if (o.isWrite() && !o.isInConstructor() && overlap(use.method(), use.access().pc(), use.access().base(),
                    other.method(), o.pc(), o.base(), callersConcurrent) != null) {
                out.add(other);
            }
        }
        return out;
    }

    /** True when some access of {@code field} may run at the same time as a write of it on another thread. */
    public boolean isShared(XField field, boolean callersConcurrent) {
        for (FieldFacts.Use use : fields.usesOf(field)) {
            if (!overlappingWrites(use, callersConcurrent).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private boolean mayOverlap(Runner ra, MethodDescriptor a, int pcA, AccessPath baseA, Runner rb, MethodDescriptor b,
            int pcB, AccessPath baseB, XField valueOf, boolean callersConcurrent) {
        String confinedA = confinement(ra, a, pcA);
        if (confinedA != null && confinedA.equals(confinement(rb, b, pcB))) {
            return false;
        }
        if (ra.equals(rb)) {
            if (ra.isCallers()) {
                return callersConcurrent;
            }
            return ra.isConcurrentWithItself() && !ownFieldOfPerRunTask(ra.entry(), a, baseA)
                    && !ownFieldOfPerRunTask(rb.entry(), b, baseB)
                    && !(perRun.isOwnedByRun(ra.entry(), a, valueOf == null ? baseA : valueOf(baseA, valueOf))
                    && perRun.isOwnedByRun(rb.entry(), b, valueOf == null ? baseB : valueOf(baseB, valueOf)));
        }
        return !(ra.entry() != null && orderedWith(ra.entry(), b, pcB, 0)
                || rb.entry() != null && orderedWith(rb.entry(), a, pcA, 0));
    }

    /**
     * True for an access of {@code this.f} on the entry's own object when every hand-off of the entry gives it an
     * object of its own (a {@code new} at each site, or in the loop that hands it off: {@code new Worker().start()},
     * {@code new Thread(new Session(socket))}): no two runs share it. "Its own object" is {@code this} in the entry
     * itself, or in an instance method of the entry's class or of a class it extends that the entry's thread runs
     * ({@code run()} → {@code observe()} → {@code this.nextMaster++}): the analysis takes such a method to be called
     * on the entry's object, not on another object of the same class (a thread that updates a sibling thread's
     * fields, {@code peer.count++}, is missed).
     */
    private static boolean ownFieldOfPerRunTask(ThreadEntries.Entry entry, MethodDescriptor method, AccessPath base) {
        if (base == null || base.kind() != AccessPath.Kind.THIS || !onEntryObject(entry, method)) {
            return false;
        }
        return PerRunObjects.eachRunHasItsOwnObject(entry);
    }

    /** The entry itself, or an instance method of the entry's class or of one of its supertypes. */
    private static boolean onEntryObject(ThreadEntries.Entry entry, MethodDescriptor method) {
        if (entry.method().equals(method)) {
            return true;
        }
        return !method.isStatic() && !entry.method().isStatic() && ConcurrencyApi.isSubtype(
                entry.method().getSlashedClassName().replace('/', '.'), method.getSlashedClassName().replace('/', '.'));
    }

    /**
     * True when the object at {@code base} in {@code method}, on the thread of {@code entry}, is one that run made for
     * itself and keeps only in fields of its own objects ({@link PerRunObjects}): two runs of the entry never share
     * it, so accesses on it by the entry and itself do not race ({@link #overlap} already counts this).
     */
    public boolean isOwnedByRun(ThreadEntries.Entry entry, MethodDescriptor method, AccessPath base) {
        return perRun.isOwnedByRun(entry, method, base);
    }

    /**
     * True when the code at {@code pc} of {@code method} runs on the thread that hands {@code entry} off, after a
     * hand-off has started it (or in the loop that hands it off again): the entry and its creator, named by the
     * analysis, between {@code start()} and {@code join()}. Also for a private helper called there (a few calls
     * deep). False for code of other methods the program's callers run.
     */
    public boolean runsAfterHandoff(ThreadEntries.Entry entry, MethodDescriptor method, int pc) {
        return runsAfterHandoff(entry, method, pc, 0);
    }

    private boolean runsAfterHandoff(ThreadEntries.Entry entry, MethodDescriptor method, int pc, int depth) {
        for (ProgramFacts.HandoffSite site : entry.sites()) {
            if (site.creator().equals(method) && !returnsRightAfter(site)
                    && (site.handoff().inLoop() || pc > startPc(site))) {
                return true;
            }
        }
        if (depth >= MAX_ORDER_DEPTH || !onlyAnalysedCodeCalls(method)) {
            return false;
        }
        for (ProgramFacts.Caller c : program.callersOf(method)) {
            if (runsAfterHandoff(entry, c.caller(), c.site().pc(), depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the code at {@code pc} of {@code method} runs, on the thread that hands {@code entry} off, before
     * the entry starts or after it has been joined, at every hand-off of the entry; or when {@code method} is a
     * private helper whose every call is such code.
     */
    private boolean orderedWith(ThreadEntries.Entry entry, MethodDescriptor method, int pc, int depth) {
        if (entry.sites().isEmpty()) {
            return false;
        }
        boolean allInMethod = true;
        for (ProgramFacts.HandoffSite site : entry.sites()) {
            if (!site.creator().equals(method)) {
                allInMethod = false;
                break;
            }
        }
        if (allInMethod) {
            for (ProgramFacts.HandoffSite site : entry.sites()) {
                if (!beforeStart(site, pc) && !afterJoin(site, pc)) {
                    return false;
                }
            }
            return true;
        }
        if (depth >= MAX_ORDER_DEPTH || !onlyAnalysedCodeCalls(method)) {
            return false;
        }
        List<ProgramFacts.Caller> callers = program.callersOf(method);
        if (callers.isEmpty()) {
            return false;
        }
        for (ProgramFacts.Caller c : callers) {
            if (!orderedWith(entry, c.caller(), c.site().pc(), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An {@code access$NNN} bridge that no collected method calls: the layer follows a call of a bridge to the method
     * behind it ({@code Outer.access$900(outer)} is a call of {@code outer.decrement()}), so the bridge itself runs
     * nowhere, and its call of the hidden method says nothing about the threads that run it.
     */
    private boolean isRedirectedBridge(MethodDescriptor method) {
        return method.getName().startsWith("access$") && program.callersOf(method).isEmpty();
    }

    private static boolean onlyAnalysedCodeCalls(MethodDescriptor method) {
        XMethod xm = XFactory.createXMethod(method);
        return xm.isPrivate() || xm.isSynthetic() || method.getName().startsWith("access$");
    }

    /**
     * A hand-off after which its method returns at once ({@code loop.execute(() -> close(cause)); return;}): no code
     * of that method runs after it in the same call, whatever comes later in the bytecode.
     */
    private boolean returnsRightAfter(ProgramFacts.HandoffSite site) {
        MethodSummary s = program.summaryOf(site.creator());
        return s != null && s.threadFacts().returnsRightAfter(site.handoff().pc());
    }

    /** Before the work can begin: before the hand-off, or before the {@code start()} of the thread it was bound to. */
    private boolean beforeStart(ProgramFacts.HandoffSite site, int pc) {
        Handoff h = site.handoff();
        if (h.inLoop()) {
            return false;
        }
        return pc < startPc(site);
    }

    private int startPc(ProgramFacts.HandoffSite site) {
        Handoff h = site.handoff();
        if (h.startsWork() || h.carrier() == null) {
            return h.pc();
        }
        for (ThreadFacts.SyncPoint p : syncPoints(site.creator())) {
            if (p.kind() == ConcurrencyApi.Sync.START && p.pc() > h.pc() && p.on().equals(h.carrier())) {
                return p.pc();
            }
        }
        // Bound to a thread started elsewhere (a field started by another method): it may already run.
        return h.pc();
    }

    /** After a {@code join()} of its thread, a {@code get()} of its future, or the termination of its executor. */
    private boolean afterJoin(ProgramFacts.HandoffSite site, int pc) {
        Handoff h = site.handoff();
        if (h.inLoop()) {
            return false;
        }
        int start = startPc(site);
        for (ThreadFacts.SyncPoint p : syncPoints(site.creator())) {
            if (p.pc() <= start || p.pc() >= pc || p.isTimed()) {
                continue;
            }
            boolean joinsIt = p.kind() == ConcurrencyApi.Sync.JOIN && h.carrier() != null && p.on().equals(h.carrier())
                    || p.kind() == ConcurrencyApi.Sync.FUTURE && p.on().isProducedAt(h.pc())
                    || p.kind() == ConcurrencyApi.Sync.TERMINATION && h.carrier() != null && p.on().equals(h.carrier());
            if (joinsIt) {
                return true;
            }
        }
        return false;
    }

    private List<ThreadFacts.SyncPoint> syncPoints(MethodDescriptor method) {
        MethodSummary s = program.summaryOf(method);
        return s == null ? List.of() : s.threadFacts().syncPoints();
    }
}
