package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockFacts;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.MethodSummaries;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.ParamBranches;
import io.github.gridlock.detectors.analysis.ValueFacts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each method, the global locks it may take by blocking acquisitions, directly or through calls, each with
 * the path that takes it ({@code Ledger.post():17}) for messages. Memoised per method; recursion is cut the same
 * way as for summaries.
 *
 * <p>Calls with several possible targets (an interface method with several analysed implementations) are followed
 * too, with a confidence: a lock that every target takes is reached for certain; one that only some targets take
 * is reached only if that target runs, and the reach says which call it assumes.
 */
final class ReachableLocks {

    /**
     * How a method reaches a lock: where it is finally acquired, whether it is a shared (read) hold, the lock in the
     * method's own terms ({@code this.lock}, {@code param#0}; UNKNOWN when the call chain loses track) so a caller
     * can tell a re-entry of a lock it already holds, whether the chain is certain (or which call it assumes), and
     * whether the lock is on an object the chain itself created.
     */
    static final class Reach {
        final Witness path;
        final LockFacts.AcquireMode mode;
        final boolean shared;
        final LockId local;
        final String assumed;
        final boolean createdInChain;
        /** The caller's locks (method's terms) the chain releases before it takes the lock. */
        final Set<LockId> releasedBefore;
        /**
         * For a lock named by a class hierarchy: the classes its object may be, each the narrowest known along its
         * chain (at the acquisition, {@code synchronized (td)} on a {@code TableDescriptor} parameter, or in a caller's
         * terms), one per way the method reaches the lock; null when one of them is not known. It outlives the chain
         * losing track of the object's path.
         */
        final Set<String> objectClasses;
        /**
         * Every path (in the method's terms) by which the method may reach this lock: each target of a multi-target
         * call, each acquisition of it; {@link #local} is one of them. Null when there are more than
         * {@link #MAX_ALTERNATIVES}.
         */
        final Set<LockId> alternatives;
        /**
         * Facts about the method's own parameters that every way it reaches the lock needs ({@code cacheMe != 0} when
         * the lock is reached only inside {@code if (cacheMe)}): a call passing a constant that breaks one of them does
         * not reach the lock. Empty when some way needs none.
         */
        final Set<ParamBranches.Guard> requires;

        Reach(Witness path, LockFacts.AcquireMode mode, boolean shared, LockId local, String assumed, boolean createdInChain,
                Set<LockId> releasedBefore) {
            this(path, mode, shared, local, assumed, createdInChain, releasedBefore, null, Set.of(local));
        }

        Reach(Witness path, LockFacts.AcquireMode mode, boolean shared, LockId local, String assumed, boolean createdInChain,
                Set<LockId> releasedBefore, Set<String> objectClasses, Set<LockId> alternatives) {
            this(path, mode, shared, local, assumed, createdInChain, releasedBefore, objectClasses, alternatives, Set.of());
        }

        Reach(Witness path, LockFacts.AcquireMode mode, boolean shared, LockId local, String assumed, boolean createdInChain,
                Set<LockId> releasedBefore, Set<String> objectClasses, Set<LockId> alternatives,
                Set<ParamBranches.Guard> requires) {
            this.path = path;
            this.mode = mode;
            this.shared = shared;
            this.local = local;
            this.assumed = assumed;
            this.createdInChain = createdInChain;
            this.releasedBefore = releasedBefore;
            this.objectClasses = objectClasses;
            this.alternatives = alternatives;
            this.requires = requires;
        }

        /** This reach, knowing that {@code other} reaches the same lock too: class and path only where they agree. */
        Reach joinedWith(Reach other) {
            Set<String> classes = union(objectClasses, other.objectClasses);
            Set<LockId> all = union(alternatives, other.alternatives);
            Set<ParamBranches.Guard> both = ParamBranches.either(requires, other.requires);
            if (java.util.Objects.equals(classes, objectClasses) && java.util.Objects.equals(all, alternatives)
                    && both.equals(requires)) {
                return this;
            }
            return new Reach(path, mode, shared, local, assumed, createdInChain, releasedBefore, classes, all, both);
        }

        /** This reach, needing {@code more} of the method's parameters too. */
        Reach requiring(Set<ParamBranches.Guard> more) {
            if (requires.containsAll(more)) {
                return this;
            }
            Set<ParamBranches.Guard> all = new java.util.HashSet<>(requires);
            all.addAll(more);
            return new Reach(path, mode, shared, local, assumed, createdInChain, releasedBefore, objectClasses, alternatives,
                    Set.copyOf(all));
        }

        boolean isCertain() {
            return assumed == null;
        }
    }

    /** The reaches of one call site's targets, judged together. */
    static final class SiteReach {
        final CallFacts.CallSite site;
        final Reach reach;

        SiteReach(CallFacts.CallSite site, Reach reach) {
            this.site = site;
            this.reach = reach;
        }
    }

    private final MethodSummaries summaries;
    private final ReceiverClasses receivers;
    private final Map<MethodDescriptor, Map<GlobalLock, Reach>> memo = new HashMap<>();
    private final Set<MethodDescriptor> inProgress = new HashSet<>();
    private final ValueFacts values;
    /** For {@link #helperMayHold}. */
    private ReachableLocks helperReaches;

    ReachableLocks(MethodSummaries summaries, ValueFacts values) {
        this(summaries, null, values);
    }

    /** With {@code receivers}, a virtual call on a receiver whose classes are known runs only what they dispatch to. */
    ReachableLocks(MethodSummaries summaries, ReceiverClasses receivers, ValueFacts values) {
        this.summaries = summaries;
        this.receivers = receivers;
        this.values = values;
    }

    Map<GlobalLock, Reach> of(MethodDescriptor method) {
        Map<GlobalLock, Reach> cached = memo.get(method);
        if (cached != null) {
            return cached;
        }
        if (!inProgress.add(method)) {
            return Collections.emptyMap();
        }
        try {
            MethodSummary summary = summaries.summaryOf(method);
            Map<GlobalLock, Reach> out = new LinkedHashMap<>();
            for (LockFacts.Acquisition a : summary.acquisitions()) {
                if (a.mode() == LockFacts.AcquireMode.TRY) {
                    continue;
                }
                GlobalLock lock = GlobalLock.of(a.lock(), method);
                if (lock != null) {
                    Reach here = new Reach(Witness.at(method, a.line()), a.mode(), a.lock().kind().isShared(), a.lock(), null,
                            false, summary.lockFacts().callerLocksReleasedBefore(a.pc()), classes(GlobalLock.objectClassOf(a.lock(), method)),
                            Set.of(a.lock()));
                    out.merge(lock, here.requiring(guardsAt(method, a.pc())), ReachableLocks::preferUnconditional);
                }
            }
            for (List<CallFacts.CallSite> site : byCallSite(summary.calls())) {
                for (Map.Entry<GlobalLock, SiteReach> e : reachedThrough(method, site).entrySet()) {
                    Reach inner = e.getValue().reach.requiring(guardsAt(method, site.get(0).pc()));
                    Reach existing = out.get(e.getKey());
                    // The witness is a way that needs no parameter value, when one is as certain as the first found.
                    if (existing == null || !existing.isCertain() && inner.isCertain()
                            || existing.isCertain() == inner.isCertain() && !existing.requires.isEmpty()
                                    && inner.requires.isEmpty()) {
                        Set<LockId> released = new java.util.LinkedHashSet<>(inner.releasedBefore);
                        released.addAll(summary.lockFacts().callerLocksReleasedBefore(site.get(0).pc()));
                        Reach through = new Reach(Witness.through(method, site.get(0).line(), inner.path), inner.mode,
                                inner.shared, inner.local, inner.assumed, inner.createdInChain, released, inner.objectClasses,
                                inner.alternatives, inner.requires);
                        out.put(e.getKey(), existing == null ? through : through.joinedWith(existing));
                    } else {
                        out.put(e.getKey(), existing.joinedWith(inner));
                    }
                }
            }
            memo.put(method, out);
            return out;
        } finally {
            inProgress.remove(method);
        }
    }

    /**
     * The locks held where {@code site} runs its callee, less those a helper would hold only through a call that its
     * receiver's classes cannot dispatch to. For a lambda or functional argument run by an analysed helper
     * ({@code site.via()}), the layer lists what the helper holds while it runs it, following each virtual call in the
     * helper to every analysed target, also one the receiver can never be ({@code inner.putAll(other)} on a private
     * field only ever assigned a new {@code HashMap} is not an analysed map's synchronized {@code putAll}). A lock the
     * caller holds itself at the call, or that the helper takes itself or reaches ({@link #helperMayHold}), stays.
     */
    List<HeldLock> heldAt(MethodDescriptor caller, List<CallFacts.CallSite> calls, CallFacts.CallSite site) {
        if (site.via() == null || receivers == null) {
            return site.held();
        }
        CallFacts.CallSite direct = null;
        for (CallFacts.CallSite c : calls) {
            if (c.pc() == site.pc() && c.via() == null && c.callee().equals(site.via())) {
                direct = c;
                break;
            }
        }
        if (direct == null) {
            return site.held();
        }
        List<HeldLock> out = new ArrayList<>(site.held().size());
        for (HeldLock h : site.held()) {
            if (direct.held().contains(h) || helperMayHold(caller, direct, h.lock())) {
                out.add(h);
            }
        }
        return out.size() == site.held().size() ? site.held() : out;
    }

    /**
     * Whether the helper {@code direct} calls may hold {@code lock} (in the caller's terms): one of the helper's own
     * acquisitions, or a lock it reaches; true when the lock has no global name or a reach lost count of its ways.
     */
    boolean helperMayHold(MethodDescriptor caller, CallFacts.CallSite direct, LockId lock) {
        if (GlobalLock.of(lock, caller) == null) {
            return true;
        }
        MethodSummary helper = summaries.summaryOf(direct.callee());
        for (LockFacts.Acquisition a : helper.acquisitions()) {
            if (a.lock().substitute(direct.receiver(), direct.arguments()).equals(lock)) {
                return true;
            }
        }
        if (helperReaches == null) {
            // Its own memo: asked in the middle of the cycle search's walk, this one must not change what that walk
            // memoises (a reach computed while one of its callees is in progress is cut there).
            helperReaches = new ReachableLocks(summaries, receivers, values);
        }
        for (Reach r : helperReaches.of(direct.callee()).values()) {
            if (r.alternatives == null || r.local.substitute(direct.receiver(), direct.arguments()).equals(lock)) {
                return true;
            }
            for (LockId alt : r.alternatives) {
                if (alt.substitute(direct.receiver(), direct.arguments()).equals(lock)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Two ways to one lock joined, the witness one that needs no parameter value when the first found does. */
    private static Reach preferUnconditional(Reach first, Reach other) {
        return !first.requires.isEmpty() && other.requires.isEmpty() ? other.joinedWith(first) : first.joinedWith(other);
    }

    /** What is known of the method's parameters where the instruction at {@code pc} runs. */
    private Set<ParamBranches.Guard> guardsAt(MethodDescriptor method, int pc) {
        if (method.getSignature().startsWith("()")) {
            return Set.of(); // guards are facts about parameters: spare the interpreter a method that has none
        }
        return branchesOf(method).guardsAt(pc);
    }

    /** The call sites of a method grouped by instruction: the targets of one call together. */
    static List<List<CallFacts.CallSite>> byCallSite(List<CallFacts.CallSite> calls) {
        Map<String, List<CallFacts.CallSite>> grouped = new LinkedHashMap<>();
        for (CallFacts.CallSite c : calls) {
            String key = c.pc() + (c.via() == null ? "" : "@" + c.via());
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        return new ArrayList<>(grouped.values());
    }

    /**
     * The locks the targets of one call site reach, in the caller's terms: certain when the site has one target
     * and its chain is certain, when every target reaches the lock, or when every target runs (a callback);
     * otherwise assuming the target that does.
     */
    Map<GlobalLock, SiteReach> reachedThrough(MethodDescriptor caller, List<CallFacts.CallSite> sites) {
        List<CallFacts.CallSite> targets = narrowed(caller, sites);
        boolean narrowed = targets != sites;
        if (!narrowed) {
            Set<String> bounds = boundsOfReceiver(caller, sites);
            if (bounds != null) {
                targets = bounded(sites, bounds);
                // Bounded by classes of the analysed code, the call is as closed as a call on such a class.
                narrowed = targets != sites && bounds.stream().allMatch(receivers::isApplicationClass);
            }
        }
        Map<GlobalLock, List<SiteReach>> byLock = new LinkedHashMap<>();
        for (CallFacts.CallSite target : targets) {
            for (Map.Entry<GlobalLock, Reach> e : of(target.callee()).entrySet()) {
                Reach r = throughArguments(caller, target, e.getValue());
                if (r != null) {
                    byLock.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new SiteReach(target, r));
                }
            }
        }
        Map<GlobalLock, SiteReach> out = new LinkedHashMap<>();
        for (Map.Entry<GlobalLock, List<SiteReach>> e : byLock.entrySet()) {
            List<SiteReach> reaching = e.getValue();
            SiteReach best = reaching.get(0);
            for (SiteReach r : reaching) {
                if (r.reach.isCertain()) {
                    best = r;
                    break;
                }
            }
            // Several targets that each run (a JDK callback runs every observer) are not alternatives.
            // ... unless the call is on a JDK or library interface: code nobody analysed may implement it.
            // A receiver of known classes runs exactly what they dispatch to: no other class may implement the call.
            boolean openWorld = !narrowed && targets.stream().anyMatch(CallFacts.CallSite::isOpenWorld);
            boolean everyTarget = !openWorld && (reaching.size() == targets.size()
                    || !narrowed && targets.stream().allMatch(CallFacts.CallSite::isMonomorphic));
            String assumed = best.reach.assumed;
            if (assumed == null && !everyTarget) {
                assumed = MethodNames.describe(best.site.callee()) + (openWorld
                        ? " (an implementation of a library interface that other classes may implement too)"
                        : " (one of " + targets.size() + " possible targets)");
            }
            LockId local = best.reach.local.substitute(best.site.receiver(), best.site.arguments());
            if (isNeverAnObject(caller, local)) {
                continue; // a lock on a field only ever assigned null: the chain cannot take it
            }
            boolean created = best.reach.createdInChain || local.path().root().kind() == AccessPath.Kind.FRESH
                    || isFreshResult(caller, local.path().root());
            Set<LockId> released = new java.util.LinkedHashSet<>();
            for (LockId r : best.reach.releasedBefore) {
                released.add(r.substitute(best.site.receiver(), best.site.arguments()));
            }
            Set<String> objectClasses = Set.of();
            Set<LockId> alternatives = new java.util.LinkedHashSet<>();
            Set<ParamBranches.Guard> requires = best.reach.requires;
            for (SiteReach r : reaching) {
                requires = ParamBranches.either(requires, r.reach.requires);
                objectClasses = union(objectClasses, r.reach.objectClasses);
                if (alternatives != null && r.reach.alternatives != null) {
                    for (LockId l : r.reach.alternatives) {
                        alternatives.add(l.substitute(r.site.receiver(), r.site.arguments()));
                    }
                }
                alternatives = alternatives == null || r.reach.alternatives == null || alternatives.size() > MAX_ALTERNATIVES
                        ? null : alternatives;
            }
            out.put(e.getKey(), new SiteReach(best.site, new Reach(best.reach.path, best.reach.mode, best.reach.shared, local,
                    assumed, created, released, narrowed(GlobalLock.objectClassOf(local, caller), objectClasses), alternatives,
                    requires)));
        }
        return out;
    }

    /**
     * A callee's reach seen through one call: its needs on the callee's parameters met or broken by the constants the
     * call passes (null: broken, the call cannot reach the lock), or turned into needs on the caller's own parameters
     * when it passes them on unchanged. A lambda run by a helper, or a callback run by a JDK method, gets other
     * arguments than the call's: their needs are dropped (the lock counts as reached).
     */
    private Reach throughArguments(MethodDescriptor caller, CallFacts.CallSite site, Reach reach) {
        if (reach.requires.isEmpty()) {
            return reach;
        }
        ParamBranches callerBranches = branchesOf(caller);
        Set<ParamBranches.Guard> mapped = new java.util.HashSet<>();
        if (site.via() == null) {
            for (ParamBranches.Guard g : reach.requires) {
                Object arg = callerBranches.argumentFor(site.pc(), site.callee().getName(), site.callee().getSignature(),
                        g.param());
                Set<ParamBranches.Guard> needs = ParamBranches.needsThrough(g, arg);
                if (needs == null) {
                    return null;
                }
                mapped.addAll(needs);
            }
        }
        return new Reach(reach.path, reach.mode, reach.shared, reach.local, reach.assumed, reach.createdInChain,
                reach.releasedBefore, reach.objectClasses, reach.alternatives, Set.copyOf(mapped));
    }

    private ParamBranches branchesOf(MethodDescriptor method) {
        return values.branchesOf(method);
    }

    /** Paths kept per reached lock (see {@link Reach#alternatives}). */
    static final int MAX_ALTERNATIVES = 8;

    /** Both sets, or null when either is unknown or together they are too many. */
    static <T> Set<T> union(Set<T> a, Set<T> b) {
        if (a == null || b == null) {
            return null;
        }
        if (b.isEmpty() || a.containsAll(b)) {
            return a;
        }
        Set<T> out = new java.util.LinkedHashSet<>(a);
        out.addAll(b);
        return out.size() > MAX_ALTERNATIVES ? null : out;
    }

    /** One known class, or null (unknown). */
    static Set<String> classes(String cls) {
        return cls == null ? null : Set.of(cls);
    }

    /** Each class narrowed by what the caller knows of the object (see {@link #narrower}). */
    static Set<String> narrowed(String inCaller, Set<String> atAcquisition) {
        if (atAcquisition == null) {
            return classes(inCaller);
        }
        if (inCaller == null) {
            return atAcquisition;
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String c : atAcquisition) {
            out.add(narrower(inCaller, c));
        }
        return out;
    }

    /**
     * The narrower of two classes known for one object: the subtype when they are related; else {@code atAcquisition},
     * the class the code that takes the lock names (the object is certainly one of those there).
     */
    static String narrower(String inCaller, String atAcquisition) {
        if (inCaller == null) {
            return atAcquisition;
        }
        if (atAcquisition == null || inCaller.equals(atAcquisition)) {
            return inCaller;
        }
        return io.github.gridlock.detectors.analysis.ConcurrencyApi.isSubtype(inCaller, atAcquisition) ? inCaller : atAcquisition;
    }

    /**
     * Whether {@code root} is the result of a call of {@code caller} whose every target returns an object it (or a
     * factory it calls) has just made and not published ({@link FreshResults}): no other thread can reach it yet, so
     * a lock on it, like one on a {@code new} object of the caller, is created in the chain.
     */
    private boolean isFreshResult(MethodDescriptor caller, AccessPath root) {
        if (caller == null || root.kind() != AccessPath.Kind.RESULT) {
            return false;
        }
        return values.isFreshResult(caller, root.index());
    }

    private boolean isNeverAnObject(MethodDescriptor caller, LockId lock) {
        AccessPath p = lock.path();
        if (receivers == null || caller == null
                || !(p.kind() == AccessPath.Kind.FIELD || p.kind() == AccessPath.Kind.STATIC_FIELD)) {
            return false;
        }
        Set<String> classes = receivers.of(caller, p);
        return classes != null && classes.isEmpty();
    }

    /**
     * The classes a multi-target or open-world call's receiver is certainly an instance of, when its exact classes are
     * unknown ({@link ReceiverClasses#boundsOf}); null when nothing narrower than the call's declared type is known.
     */
    private Set<String> boundsOfReceiver(MethodDescriptor caller, List<CallFacts.CallSite> sites) {
        AccessPath receiver = narrowableReceiver(caller, sites);
        return receiver == null ? null : receivers.boundsOf(caller, receiver);
    }

    /**
     * The receiver of a call site whose targets its receiver's classes may narrow: a field, static field or call
     * result, on a call with several targets or an open-world one, not a lambda run by a helper or a callback;
     * null otherwise (or when the receivers' classes are not tracked).
     */
    private AccessPath narrowableReceiver(MethodDescriptor caller, List<CallFacts.CallSite> sites) {
        CallFacts.CallSite first = sites.get(0);
        AccessPath receiver = first.receiver();
        if (receivers == null || caller == null || first.via() != null || receiver == null
                || sites.size() == 1 && !first.isOpenWorld()
                || !(receiver.kind() == AccessPath.Kind.FIELD || receiver.kind() == AccessPath.Kind.STATIC_FIELD
                        || receiver.kind() == AccessPath.Kind.RESULT)) {
            return null;
        }
        return receiver;
    }

    /** The targets an instance of one of {@code bounds} may dispatch to; {@code sites} itself when that is all. */
    private static List<CallFacts.CallSite> bounded(List<CallFacts.CallSite> sites, Set<String> bounds) {
        List<CallFacts.CallSite> out = new ArrayList<>();
        for (CallFacts.CallSite s : sites) {
            if (ReceiverClasses.mayDispatchTo(bounds, s.callee().getClassDescriptor().getDottedClassName())) {
                out.add(s);
            }
        }
        return out.size() == sites.size() ? sites : out;
    }

    /**
     * The targets of a virtual call site that its receiver's classes can run ({@link ReceiverClasses}): {@code sites}
     * itself when the call needs no narrowing (one certain target, a lambda run by a helper, a callback) or the
     * receiver's classes are unknown; else the targets they dispatch to, possibly none.
     */
    private List<CallFacts.CallSite> narrowed(MethodDescriptor caller, List<CallFacts.CallSite> sites) {
        AccessPath receiver = narrowableReceiver(caller, sites);
        if (receiver == null) {
            return sites;
        }
        CallFacts.CallSite first = sites.get(0);
        Set<MethodDescriptor> allowed = receivers.dispatchTargets(caller, receiver, first.callee().getName(),
                first.callee().getSignature());
        if (allowed == null) {
            return sites;
        }
        List<CallFacts.CallSite> out = new ArrayList<>();
        for (CallFacts.CallSite s : sites) {
            if (allowed.contains(s.callee())) {
                out.add(s);
            }
        }
        return out;
    }
}
