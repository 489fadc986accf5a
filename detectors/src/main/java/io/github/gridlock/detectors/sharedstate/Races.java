package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.ProgramFacts;
import io.github.gridlock.detectors.analysis.SharedFields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, once the whole program is known, which read-modify-writes another thread can interleave with: two of
 * them on the same field (one may be the other, on two threads) that may run at the same time
 * ({@link SharedFields#overlap}) with no lock common to both held from read to write. The callers' threads count as
 * many threads at once for a field that says it is shared: a {@code volatile} one, or one that some access reads or
 * writes under a lock. Everything else (a plain field of a class with no thread and no lock in sight) is taken to be
 * confined to one thread: no finding without concurrency.
 */
final class Races {

    /** A read-modify-write collected while visiting a class. */
    static final class Candidate {
        final ReadModifyWrites.Site site;
        final MethodDescriptor method;
        final String className;
        final String sourceFile;

        Candidate(ReadModifyWrites.Site site, MethodDescriptor method, String className, String sourceFile) {
            this.site = site;
            this.method = method;
            this.className = className;
            this.sourceFile = sourceFile;
        }
    }

    /**
     * A candidate another thread can interleave with: on which threads, and with which other read-modify-write
     * ({@code partner}; null when the other thread's access is a plain write).
     */
    static final class Race {
        final Candidate candidate;
        final SharedFields.Overlap overlap;
        final Candidate partner;
        /** A lock most other accesses of the field hold (in words), or null. */
        final String usualLock;
        /** True when the candidate holds no lock from read to write (nor do all its callers around it). */
        final boolean unlocked;
        /** False for a race the analysis is less sure of (see {@link Races#assumption}): a low-priority finding. */
        final boolean confident;
        /** For a race the analysis is less sure of: what it assumes, as a sentence for the message; null otherwise. */
        final String assumption;

        Race(Candidate candidate, SharedFields.Overlap overlap, Candidate partner, String usualLock, boolean unlocked,
                String assumption) {
            this.candidate = candidate;
            this.overlap = overlap;
            this.partner = partner;
            this.usualLock = usualLock;
            this.unlocked = unlocked;
            this.confident = assumption == null;
            this.assumption = assumption;
        }
    }

    private final GridlockAnalysis analysis;
    private final SharedFields shared;
    private final FieldFacts fields;
    private final Map<XField, List<Candidate>> byField = new LinkedHashMap<>();
    private final Map<XField, Boolean> saysShared = new HashMap<>();

    Races(GridlockAnalysis analysis, List<Candidate> candidates) {
        this.analysis = analysis;
        this.shared = analysis.sharedFields();
        this.fields = analysis.fieldFacts();
        for (Candidate c : candidates) {
            byField.computeIfAbsent(c.site.field, k -> new ArrayList<>()).add(c);
        }
    }

    /** The race of {@code c}, or null when no other thread can interleave with it. */
    Race of(Candidate c) {
        if (early(c)) {
            return null;
        }
        XField field = c.site.field;
        boolean callersConcurrent = saysShared(field);
        Race weak = null;
        for (Candidate p : byField.getOrDefault(field, List.of())) {
            if (early(p) || commonLock(c, p)) {
                continue;
            }
            boolean callersLock = commonLock(keysWithAnalysedCallers(c), keysWithAnalysedCallers(p));
            for (SharedFields.Overlap o : shared.overlaps(c.method, c.site.writePc, c.site.base, p.method,
                    p.site.writePc, p.site.base, callersConcurrent)) {
                Race r = new Race(c, o, p, usualLock(field, c), keys(c).isEmpty(),
                        assumption(c, o, p.method, p.site.writePc, callersLock));
                if (r.confident) {
                    return r;
                }
                weak = weak == null ? r : weak;
            }
        }
        for (FieldFacts.Use w : fields.usesOf(field)) {
            if (!w.access().isWrite() || w.access().isInConstructor() || fields.runsOnlyDuringConstruction(w.method())
                    || isCandidateWrite(w)
                    || commonLock(keys(c), keysOfWrite(w))) {
                continue;
            }
            boolean callersLock = commonLock(keysWithAnalysedCallers(c), keysOfWriteWithAnalysedCallers(w));
            for (SharedFields.Overlap o : shared.overlaps(c.method, c.site.writePc, c.site.base, w.method(),
                    w.access().pc(), w.access().base(), callersConcurrent)) {
                Race r = new Race(c, o, null, usualLock(field, c), keys(c).isEmpty(),
                        assumption(c, o, w.method(), w.access().pc(), callersLock));
                if (r.confident) {
                    return r;
                }
                weak = weak == null ? r : weak;
            }
        }
        return weak;
    }

    /** Code that runs while the object is built: a constructor, or a helper only the constructor calls on it. */
    private boolean early(Candidate c) {
        return c.site.inConstructor || fields.runsOnlyDuringConstruction(c.method);
    }

    /**
     * What the analysis assumes for a race it is less sure of (a low-priority finding), or null when it names two
     * runners that may run the two updates at once: two thread entries, or an entry and the code that handed it off,
     * after the hand-off ({@link SharedFields#runsAfterHandoff}), with every entry in the candidate's own class (its
     * top-level class and the classes nested in it: the code that hands the work off is in view). Measured on real
     * libraries (docs/benchmarks.md, third and fourth rounds), the others were mostly false: callers racing only with
     * callers (the field is volatile, or some access takes a lock, but nothing in the program runs the code on two
     * threads: thread-confined objects, locks every caller holds), a thread the class starts racing with other public
     * methods (which callers ran on that same thread by contract, Netty's I/O thread, or on another object, H2's
     * {@code Profiler}, Kafka's fresh {@code Call}), entries of other classes
     * reached over long call chains (one event loop, one session thread), and races that the locks held at every
     * analysed call of a public method would prevent ({@code callersLock}: the callers in view hold one, an unknown
     * caller may not; commons-pool2's {@code ErodingFactor.update}). Methods only the analysed code can call
     * (package-private ones too) count their callers' locks as their own ({@link FieldFacts#heldAroundEveryCallOfClosed}).
     */
    private String assumption(Candidate c, SharedFields.Overlap o, MethodDescriptor other, int otherPc,
            boolean callersLock) {
        if (o.first().isCallers() && o.second().isCallers()) {
            return "Nothing in the analysed code runs it on two threads: this assumes that callers call it from several"
                    + " threads at once.";
        }
        if (o.second().isCallers() && !shared.runsAfterHandoff(o.first().entry(), other, otherPc)
                || o.first().isCallers() && !shared.runsAfterHandoff(o.second().entry(), c.method, c.site.writePc)) {
            return "The callers' side is not the code that started that thread: this assumes that callers use the same"
                    + " object on another thread while it runs.";
        }
        if (!ownClass(o.first(), c) || !ownClass(o.second(), c)) {
            return "The other thread reaches it from another class: this assumes that nothing confines both to one thread.";
        }
        if (onlyCompletionCallback(o.first()) || onlyCompletionCallback(o.second())) {
            return "The other thread runs a future's callback, on whichever thread completes the future: this assumes"
                    + " that it is not the thread that runs this code.";
        }
        if (callersLock) {
            return "Every analysed call holds a lock around it: this assumes a caller outside the analysed code that does not.";
        }
        return null;
    }

    /**
     * An entry handed off only as a completion callback ({@code whenComplete}, {@code thenApply}, ...): it runs on the
     * thread that completes the future, or on the caller's when it is already complete, which the analysis does not
     * know (Kafka's request managers complete and handle their futures on one network thread).
     */
    private static boolean onlyCompletionCallback(SharedFields.Runner r) {
        if (r.isCallers() || r.entry().sites().isEmpty()) {
            return false;
        }
        for (ProgramFacts.HandoffSite site : r.entry().sites()) {
            if (site.handoff().via() != ConcurrencyApi.Via.CALLBACK) {
                return false;
            }
        }
        return true;
    }

    private static boolean ownClass(SharedFields.Runner r, Candidate c) {
        return r.isCallers() || topLevel(r.entry().method().getSlashedClassName().replace('/', '.'))
                .equals(topLevel(c.className));
    }

    private static String topLevel(String dotted) {
        int i = dotted.indexOf('$');
        return i < 0 ? dotted : dotted.substring(0, i);
    }

    /** True when the write is the write-back of a collected read-modify-write (judged with its spanning locks above). */
    private boolean isCandidateWrite(FieldFacts.Use w) {
        for (Candidate c : byField.getOrDefault(w.access().field(), List.of())) {
            if (c.method.equals(w.method()) && c.site.writePc == w.access().pc()) {
                return true;
            }
        }
        return false;
    }

    private Set<String> keysOfWrite(FieldFacts.Use w) {
        Set<String> out = new LinkedHashSet<>();
        for (LockId l : locksAt(w)) {
            out.add(key(l, w.access().base(), w.method()));
        }
        return out;
    }

    /** A {@code volatile} field, or one that some access (not in a constructor) reaches under a lock. */
    private boolean saysShared(XField field) {
        return saysShared.computeIfAbsent(field, f -> {
            if (f.isVolatile()) {
                return true;
            }
            for (FieldFacts.Use u : fields.usesOf(f)) {
                if (!u.access().isInConstructor() && !locksAt(u).isEmpty()) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Locks held on every path at a use, its own and those every caller holds around its method. */
    private Set<LockId> locksAt(FieldFacts.Use u) {
        Set<LockId> out = new LinkedHashSet<>();
        for (HeldLock h : u.access().held()) {
            if (!h.isOnSomePathsOnly()) {
                out.add(h.lock());
            }
        }
        out.addAll(fields.heldAroundEveryCallOfClosed(u.method()));
        return out;
    }

    /**
     * The lock held at most of the field's other accesses, in words ({@code this.lock}, {@code Registry.LOCK}): what
     * the message suggests. Null when no lock guards a majority of them.
     */
    private String usualLock(XField field, Candidate c) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (FieldFacts.Use u : fields.usesOf(field)) {
            if (u.access().isInConstructor() || u.method().equals(c.method) && u.access().pc() == c.site.writePc) {
                continue;
            }
            total++;
            for (LockId l : locksAt(u)) {
                String key = key(l, u.access().base(), u.method());
                if (key != null && !key.equals(WILDCARD)) {
                    counts.merge(l.describeForUser(), 1, Integer::sum);
                }
            }
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() * 2 > total) {
                return e.getKey();
            }
        }
        return null;
    }

    private static final String WILDCARD = "?";

    /** True when some lock is held from read to write at both sites (a lock the analysis cannot name may be one). */
    private boolean commonLock(Candidate a, Candidate b) {
        return commonLock(keys(a), keys(b));
    }

    private static boolean commonLock(Set<String> ka, Set<String> kb) {
        if (ka.isEmpty() || kb.isEmpty()) {
            return false;
        }
        if (ka.contains(WILDCARD) || kb.contains(WILDCARD)) {
            return true;
        }
        for (String k : ka) {
            if (kb.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private Set<String> keys(Candidate c) {
        Set<String> out = new LinkedHashSet<>();
        if (c.site.maybeLocked) {
            out.add(WILDCARD);
        }
        List<LockId> locks = new ArrayList<>(c.site.spanning);
        locks.addAll(fields.heldAroundEveryCallOfClosed(c.method));
        for (LockId l : locks) {
            out.add(key(l, c.site.base, c.method));
        }
        return out;
    }

    /**
     * {@link #keys} plus the locks every analysed call of the candidate's method holds, also for a public method that
     * code we do not see may call without them (commons-pool2's {@code ErodingFactor.update}, called only inside
     * {@code synchronized (pool)}): a race only those locks prevent is one the analysis is less sure of (low priority).
     */
    private Set<String> keysWithAnalysedCallers(Candidate c) {
        Set<String> out = new LinkedHashSet<>(keys(c));
        for (LockId l : fields.heldAroundEveryAnalysedCall(c.method)) {
            out.add(key(l, c.site.base, c.method));
        }
        return out;
    }

    private Set<String> keysOfWriteWithAnalysedCallers(FieldFacts.Use w) {
        Set<String> out = new LinkedHashSet<>(keysOfWrite(w));
        for (LockId l : fields.heldAroundEveryAnalysedCall(w.method())) {
            out.add(key(l, w.access().base(), w.method()));
        }
        return out;
    }

    /**
     * A lock's name comparable across methods: static locks by name, a lock reached from the field's object relative
     * to it ({@code @.lock}), any other by its path in the terms of its class; {@link #WILDCARD} for a lock the
     * analysis cannot name.
     */
    private static String key(LockId lock, AccessPath base, MethodDescriptor method) {
        AccessPath p = lock.path();
        if (!p.isKnown() || !p.isStable()) {
            return WILDCARD;
        }
        AccessPath root = p.root();
        if (root.kind() == AccessPath.Kind.STATIC_FIELD || root.kind() == AccessPath.Kind.CLASS_LITERAL) {
            return "S:" + lock.describe();
        }
        if (base != null && p.hasPrefix(base)) {
            return "B:" + suffix(p, base) + ":" + lock.kind();
        }
        return "M:" + method.getSlashedClassName() + ":" + lock.describe();
    }

    private static String suffix(AccessPath path, AccessPath base) {
        if (path.equals(base)) {
            return "@";
        }
        return suffix(path.base(), base) + "." + path.name();
    }
}
