package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.MethodSummaries;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cycles that need an object to be its own final delegate. Wrappers built as {@code new Wrapper(inner)} keep the
 * wrapped object in a final field set from a constructor parameter; a wrapper's delegate exists, fully built, before
 * the wrapper does, so a chain of such fields never leads back to where it started. A lock-order cycle whose sites,
 * followed as one path of objects all the way round, require {@code x.pool.pool == x} (commons-pool2's
 * {@code ErodingObjectPool} inside a {@code SynchronizedObjectPool} inside the same {@code ErodingObjectPool}) cannot
 * happen.
 *
 * <p>How: each site names its held and its taken lock by a path from one root in its method ({@code this.pool},
 * {@code this.pool.readWriteLock}). The taken lock of one site and the held lock of the next are one object; where
 * both paths end in the same <em>own-lock field</em> (final, set only in its class's constructors to a {@code new}
 * object, so each object has its own) the objects holding it are one too, which expresses the next site's root in
 * the first site's terms. Round the cycle, the first site's held lock {@code r.p} must equal {@code r.p.d} for a
 * non-empty chain {@code d} of <em>delegate fields</em> (final, set only in its class's constructors from a
 * constructor parameter, in a class whose constructors pass {@code this} to no call): impossible. Anything this cannot
 * follow (another root, a path it cannot line up) keeps the cycle.
 */
final class DelegateCycles {
    private final FieldFacts fieldFacts;
    private final MethodSummaries summaries;
    private final Map<String, Kind> kinds = new HashMap<>();

    private enum Kind { OWN_LOCK, DELEGATE, OTHER }

    DelegateCycles(FieldFacts fieldFacts, MethodSummaries summaries) {
        this.fieldFacts = fieldFacts;
        this.summaries = summaries;
    }

    /** Combinations of the sites' possible taken-lock paths checked at most; beyond, the cycle is kept. */
    static final int MAX_COMBINATIONS = 256;

    /**
     * True when the sites (one per edge, in cycle order) need an object to be its own final delegate, whichever of
     * its possible paths each site takes its lock by (a call with several targets may take it on different objects).
     */
    boolean isImpossible(List<LockOrderGraph.Site> sites) {
        int n = sites.size();
        long combinations = 1;
        for (LockOrderGraph.Site s : sites) {
            if (s.outerPath == null || s.innerPaths == null || s.innerPaths.isEmpty()) {
                return false;
            }
            combinations *= s.innerPaths.size();
            if (combinations > MAX_COMBINATIONS) {
                return false;
            }
        }
        AccessPath[] taken = new AccessPath[n];
        for (long c = 0; c < combinations; c++) {
            long rest = c;
            for (int i = 0; i < n; i++) {
                List<AccessPath> options = sites.get(i).innerPaths;
                taken[i] = options.get((int) (rest % options.size()));
                rest /= options.size();
            }
            if (!impossibleForSomeStart(sites, taken)) {
                return false;
            }
        }
        return true;
    }

    private boolean impossibleForSomeStart(List<LockOrderGraph.Site> sites, AccessPath[] taken) {
        for (int start = 0; start < sites.size(); start++) {
            if (impossibleFrom(sites, taken, start)) {
                return true;
            }
        }
        return false;
    }

    private boolean impossibleFrom(List<LockOrderGraph.Site> sites, AccessPath[] takenPaths, int start) {
        int n = sites.size();
        LockOrderGraph.Site first = sites.get(start);
        List<String> held = fields(first.outerPath);
        List<String> root = new ArrayList<>(); // the current site's root, as fields from the first site's root
        if (held == null) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            LockOrderGraph.Site site = sites.get((start + k) % n);
            AccessPath takenPath = takenPaths[(start + k) % n];
            List<String> taken = fields(takenPath);
            List<String> heldHere = fields(site.outerPath);
            if (taken == null || heldHere == null || !site.outerPath.root().equals(takenPath.root())) {
                return false;
            }
            List<String> takenFromFirst = concat(root, taken);
            if (k == n - 1) {
                return isDelegateLoop(takenFromFirst, held);
            }
            List<String> nextHeld = fields(sites.get((start + k + 1) % n).outerPath);
            if (nextHeld == null) {
                return false;
            }
            // takenFromFirst and nextRoot.nextHeld are one object: strip own-lock fields both end in.
            List<String> a = new ArrayList<>(takenFromFirst);
            List<String> b = new ArrayList<>(nextHeld);
            while (!a.isEmpty() && !b.isEmpty() && a.get(a.size() - 1).equals(b.get(b.size() - 1))
                    && kindOf(a.get(a.size() - 1)) == Kind.OWN_LOCK) {
                a.remove(a.size() - 1);
                b.remove(b.size() - 1);
            }
            if (!b.isEmpty()) {
                return false; // the next root is not a path from the first root
            }
            root = a;
        }
        return false;
    }

    /** {@code taken} is {@code held} followed by one or more delegate fields (after dropping common own-lock ends). */
    private boolean isDelegateLoop(List<String> taken, List<String> held) {
        List<String> a = new ArrayList<>(taken);
        List<String> b = new ArrayList<>(held);
        while (!a.isEmpty() && !b.isEmpty() && a.get(a.size() - 1).equals(b.get(b.size() - 1))
                && kindOf(a.get(a.size() - 1)) == Kind.OWN_LOCK) {
            a.remove(a.size() - 1);
            b.remove(b.size() - 1);
        }
        List<String> longer = a.size() > b.size() ? a : b;
        List<String> shorter = longer == a ? b : a;
        if (longer.size() == shorter.size() || !longer.subList(0, shorter.size()).equals(shorter)) {
            return false;
        }
        for (String f : longer.subList(shorter.size(), longer.size())) {
            if (kindOf(f) != Kind.DELEGATE) {
                return false;
            }
        }
        return true;
    }

    /** The field chain of a path from its root ({@code this.pool.readWriteLock}: [pool, readWriteLock]); null if none. */
    private static List<String> fields(AccessPath p) {
        if (p == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        AccessPath q = p;
        while (q.kind() == AccessPath.Kind.FIELD) {
            out.add(q.owner() + '.' + q.name());
            q = q.base();
        }
        if (q.kind() != AccessPath.Kind.THIS && q.kind() != AccessPath.Kind.PARAMETER) {
            return null;
        }
        Collections.reverse(out);
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private Kind kindOf(String field) {
        return kinds.computeIfAbsent(field, this::classify);
    }

    private Kind classify(String name) {
        XField field = fieldFacts.fieldNamed(name);
        if (field == null || !field.isFinal() || field.isStatic()) {
            return Kind.OTHER;
        }
        Kind kind = null;
        for (FieldFacts.Use use : fieldFacts.usesOf(field)) {
            if (!use.access().isWrite()) {
                continue;
            }
            AccessPath stored = use.access().stored();
            if (!use.access().isInConstructor() || stored == null
                    || !use.method().getSlashedClassName().replace('/', '.').equals(field.getClassName())) {
                return Kind.OTHER;
            }
            Kind here = stored.kind() == AccessPath.Kind.FRESH ? Kind.OWN_LOCK
                    : stored.kind() == AccessPath.Kind.PARAMETER && !leaksThis(use.method()) ? Kind.DELEGATE : Kind.OTHER;
            if (here == Kind.OTHER || kind != null && kind != here) {
                return Kind.OTHER;
            }
            kind = here;
        }
        return kind == null ? Kind.OTHER : kind;
    }

    /** The constructor passes {@code this} to a call (other than its own super or this constructor). */
    private boolean leaksThis(MethodDescriptor constructor) {
        for (CallFacts.CallSite call : summaries.summaryOf(constructor).calls()) {
            for (AccessPath arg : call.arguments()) {
                if (arg != null && arg.kind() == AccessPath.Kind.THIS) {
                    return true;
                }
            }
        }
        return false;
    }

}
