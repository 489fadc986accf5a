package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.FieldAccesses;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.OwnThreadChecks;
import io.github.gridlock.detectors.analysis.SharedFields;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GL_INCONSISTENT_GUARD: an access of a field without the lock that guards it everywhere else. The guard is the
 * lock {@code @GuardedBy} names ({@link FieldFacts#guardFor}), or, with no annotation, a lock held at at least 3/4 of
 * the field's accesses (and at least {@value #MIN_ACCESSES} of them). Locks held by every caller of a method only the
 * analysed code calls count ({@link FieldFacts#heldAroundEveryCallOfClosedOrUnnamed}; one the helper cannot name makes
 * the access guarded by something), and a lock on the outer object is the one its inner object names {@code this$0.lock}
 * ({@link LockKeys#throughOuterInstance}). Not reported: accesses before the object can be shared (its constructor,
 * helpers only constructors call, an object the constructor just created), lock-free reads of a {@code volatile}
 * field, single stores of a {@code volatile} field under an inferred guard, an access no guarded access can run at the same time as
 * ({@link SharedFields}), the reads that fetch a field to lock on it, a {@code final} field that is not a JDK
 * collection, map or array, accesses in methods annotated {@code @GuardedBy} (their callers hold the lock by contract)
 * and in helpers only such methods call,
 * a {@code @GuardedBy} whose lock no access is seen holding (taken in a way the analysis cannot see), synthetic
 * fields, and unlocked read-modify-writes (the counter codes report those). One finding per line; writes rank above reads,
 * and a read found by the 3/4 rule is low priority.
 */
public class InconsistentGuardDetector implements Detector {
    /** Fewest accesses (outside constructors) from which a lock held at 3/4 of them counts as the field's guard. */
    static final int MIN_ACCESSES = 3;

    private final BugReporter bugReporter;
    private final Map<String, String> sourceFiles = new HashMap<>();
    /** Accesses that are part of an unlocked read-modify-write (method + pc): the counter codes' business. */
    private final Set<String> unlockedUpdates = new HashSet<>();

    public InconsistentGuardDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        JavaClass jc = classContext.getJavaClass();
        sourceFiles.put(jc.getClassName(), jc.getSourceFileName());
        for (Map.Entry<Method, MethodSummary> entry : analysis.summariesOf(classContext).entrySet()) {
            MethodDescriptor md = entry.getValue().method();
            // Built now, while the class is at hand: report() asks which methods assert or post to one thread.
            analysis.summaries().part(md, OwnThreadChecks.PART);
            for (ReadModifyWrites.Site site : analysis.summaries().part(md, ReadModifyWrites.PART).sites()) {
                if (site.heldAtWrite.isEmpty() && site.spanning.isEmpty() && !site.maybeLocked) {
                    unlockedUpdates.add(md + "@" + site.readPc);
                    unlockedUpdates.add(md + "@" + site.writePc);
                }
            }
        }
    }

    /** The lock that guards a field, and how the analysis knows. */
    private static final class Guard {
        final String key;
        final String describe;
        final boolean declared;
        final int held;
        final int total;

        Guard(String key, String describe, boolean declared, int held, int total) {
            this.key = key;
            this.describe = describe;
            this.declared = declared;
            this.held = held;
            this.total = total;
        }
    }

    @Override
    public void report() {
        if (sourceFiles.isEmpty()) {
            return;
        }
        GridlockAnalysis analysis = GridlockAnalysis.current();
        FieldFacts fields = analysis.fieldFacts();
        Map<String, BugInstance> byLine = new LinkedHashMap<>();
        Map<String, Integer> priorityByLine = new HashMap<>();
        for (XField field : fields.fields()) {
            if (!sourceFiles.containsKey(field.getClassName()) || field.isSynthetic() || field.getName().contains("$")) {
                continue; // this$0, val$x: set once by the constructor
            }
            List<FieldFacts.Use> uses = new ArrayList<>();
            for (FieldFacts.Use u : fields.usesOf(field)) {
                if (!beforePublication(fields, u) && sourceFiles.containsKey(u.method().getClassDescriptor().getDottedClassName())) {
                    uses.add(u);
                }
            }
            boolean declared = fields.guardFor(field, field.isStatic() ? null : AccessPath.THIS) != null;
            if (uses.isEmpty() || field.isFinal() && !mutableContainer(field)
                    || !declared && uses.size() < MIN_ACCESSES || declared && !guardEverSeen(analysis, fields, uses)) {
                continue;
            }
            Guard guard = declared ? null : inferredGuard(analysis, uses);
            if (!declared && guard == null) {
                continue;
            }
            for (FieldFacts.Use u : uses) {
                Set<String> keys = keys(analysis, u);
                Guard g = declared ? declaredGuard(fields, u) : guard;
                if (g == null || keys.contains(g.key) || keys.contains(LockKeys.UNKNOWN) || excused(u, g)
                        || callersHoldByContract(fields, u.method(), 0)
                        || !overlapsAnother(analysis.sharedFields(), u, uses)) {
                    continue;
                }
                int priority = priority(u, g);
                String line = u.method().getClassDescriptor().getDottedClassName() + ":" + u.access().line();
                if (priorityByLine.getOrDefault(line, Integer.MAX_VALUE) > priority) {
                    priorityByLine.put(line, priority);
                    byLine.put(line, finding(u, g, priority));
                }
            }
        }
        byLine.values().forEach(bugReporter::reportBug);
        sourceFiles.clear();
        unlockedUpdates.clear();
    }

    /** Accesses that are no finding though the guard is not held. */
    private boolean excused(FieldFacts.Use u, Guard g) {
        XField f = u.access().field();
        boolean read = !u.access().isWrite();
        if (read && f.isVolatile()) {
            return true; // the volatile makes the lock-free read see the last write: the cheap read-write lock
        }
        if (!read && f.isVolatile() && !g.declared) {
            return true; // one store of a volatile (a setting): published by the volatile, no invariant of the lock's broken
        }
        if (read && g.key.endsWith("." + f.getName())) {
            return true; // the field is its own lock: this read fetches the object to lock on it
        }
        return unlockedUpdates.contains(u.method() + "@" + u.access().pc());
    }

    /** True when some other access of the field may run at the same time as {@code u}, on another thread. */
    private static boolean overlapsAnother(SharedFields shared, FieldFacts.Use u, List<FieldFacts.Use> uses) {
        for (FieldFacts.Use o : uses) {
            if (!(u.access().isWrite() || o.access().isWrite() || u.access().field().isFinal())) {
                continue; // two reads of a plain field do not race
            }
            if (shared.overlap(u.method(), u.access().pc(), u.access().base(), o.method(), o.access().pc(),
                    o.access().base(), true) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * A declared guard is a contract: a write without it is high, a read normal. A guard found by the 3/4 rule is a
     * guess about the author's intent, so anything it finds is low: on the benchmark corpus a blind review judged 0 of
     * the 23 default-threshold findings of the 3/4 rule true (one deliberate), against 3 of the 4 declared-guard ones
     * (see docs/benchmarks.md); the inferred ones were fields of helpers whose callers hold the lock, constructor-only
     * code and independent settings.
     */
    private static int priority(FieldFacts.Use u, Guard g) {
        if (!g.declared) {
            return Priorities.LOW_PRIORITY;
        }
        return u.access().isWrite() ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY;
    }

    private static Guard declaredGuard(FieldFacts fields, FieldFacts.Use u) {
        AccessPath guard = fields.guardFor(u.access().field(), u.access().base());
        if (guard == null) {
            return null;
        }
        return new Guard(LockKeys.key(guard, u.access().base(), u.method()), inJava(guard.describeForUser(), u.access().field()), true, 0,
                0);
    }

    /** The lock held at at least 3/4 of the accesses (but not all), or null. */
    private static Guard inferredGuard(GridlockAnalysis analysis, List<FieldFacts.Use> uses) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (FieldFacts.Use u : uses) {
            Map<String, String> here = new LinkedHashMap<>();
            for (LockId l : locksAt(analysis, u)) {
                here.putIfAbsent(LockKeys.key(l.path(), u.access().base(), u.method()), l.describeForUser());
            }
            here.remove(LockKeys.UNKNOWN);
            for (Map.Entry<String, String> e : here.entrySet()) {
                counts.merge(e.getKey(), 1, Integer::sum);
                names.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        int total = uses.size();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int held = e.getValue();
            if (held * 4 >= total * 3 && held < total) {
                return new Guard(e.getKey(), inJava(names.get(e.getKey()), uses.get(0).access().field()), false, held, total);
            }
        }
        return null;
    }

    /** A lock reached through an inner class's outer instance ({@code this.this$0.lock}) as Java names it ({@code Outer.this.lock}). */
    private static String inJava(String lock, XField field) {
        int last = lock.lastIndexOf("this$");
        if (last < 0) {
            return lock;
        }
        int end = lock.indexOf('.', last);
        String cls = field.getClassName();
        String outer = cls.substring(cls.lastIndexOf('.') + 1).replaceAll(".*\\$", "");
        return outer + ".this" + (end < 0 ? "" : lock.substring(end));
    }

    private static Set<String> keys(GridlockAnalysis analysis, FieldFacts.Use u) {
        Set<String> out = new LinkedHashSet<>();
        for (LockId l : locksAt(analysis, u)) {
            out.add(LockKeys.key(l.path(), u.access().base(), u.method()));
            String outer = LockKeys.throughOuterInstance(l.path(), u.access().base(), u.access().field(), u.method());
            if (outer != null) {
                out.add(outer);
            }
        }
        for (HeldLock h : u.access().held()) {
            if (h.isOnSomePathsOnly()) {
                out.add(LockKeys.UNKNOWN); // locked on some paths: not known to be unguarded
            }
        }
        return out;
    }

    /** Locks held on every path at a use, its own and those every caller holds around its method. */
    private static Set<LockId> locksAt(GridlockAnalysis analysis, FieldFacts.Use u) {
        Set<LockId> out = new LinkedHashSet<>();
        for (HeldLock h : u.access().held()) {
            if (!h.isOnSomePathsOnly()) {
                out.add(h.lock());
            }
        }
        out.addAll(analysis.fieldFacts().heldAroundEveryCallOfClosedOrUnnamed(u.method()));
        return out;
    }

    /**
     * True for an access made before its object can be shared: in its own constructor, in a helper only constructors
     * call on the object being built ({@link FieldFacts#runsOnlyDuringConstruction}), or, in a constructor, on an
     * object the constructor itself created and stored in a field of {@code this} before the access
     * ({@code stack = new Entry(); stack.next = stack;}).
     */
    private static boolean beforePublication(FieldFacts fields, FieldFacts.Use u) {
        FieldAccesses.Access a = u.access();
        if (a.isInConstructor()) {
            return true;
        }
        AccessPath base = a.base();
        if (base == null) {
            return false;
        }
        if (base.kind() == AccessPath.Kind.THIS && fields.runsOnlyDuringConstruction(u.method())) {
            return true;
        }
        return "<init>".equals(u.method().getName()) && base.kind() == AccessPath.Kind.FIELD
                && base.base() != null && base.base().kind() == AccessPath.Kind.THIS
                && storedFreshBefore(fields, u.method(), base, a.pc());
    }

    /** True when {@code method} stored a new object into the field {@code path} ({@code this.f}) before {@code pc}. */
    private static boolean storedFreshBefore(FieldFacts fields, MethodDescriptor method, AccessPath path, int pc) {
        for (XField f : fields.fieldsNamed(path.owner(), path.name())) {
            for (FieldFacts.Use w : fields.usesOf(f)) {
                FieldAccesses.Access a = w.access();
                if (w.method().equals(method) && a.isWrite() && a.pc() < pc && a.stored() != null
                        && a.stored().kind() == AccessPath.Kind.FRESH && a.base() != null && a.base().kind() == AccessPath.Kind.THIS) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True for a final field whose object a lock may need to guard: a JDK collection or map that is not a concurrent
     * one, or an array. The reference of a final field never changes; what races is the object behind it, and for a
     * logger, an enum constant, a strategy object or a thread-safe class there is nothing to guard.
     */
    private static boolean mutableContainer(XField field) {
        String sig = field.getSignature();
        if (sig.startsWith("[")) {
            return true;
        }
        if (!sig.startsWith("Ljava/util/")) {
            return false;
        }
        String type = sig.substring(1, sig.length() - 1).replace('/', '.');
        return !type.startsWith("java.util.concurrent.") && !type.startsWith("java.util.function.")
                && !io.github.gridlock.detectors.analysis.ConcurrencyApi.isConcurrentCollection(type)
                && !type.equals("java.util.Optional") && !type.equals("java.util.UUID") && !type.equals("java.util.Random");
    }

    /**
     * True when some access holds the lock the field's {@code @GuardedBy} names: if none does, the program takes that
     * lock in a way the analysis does not see (Guava's {@code Monitor.enter()}, a lock handed in), and every access
     * would look unguarded.
     */
    private static boolean guardEverSeen(GridlockAnalysis analysis, FieldFacts fields, List<FieldFacts.Use> uses) {
        for (FieldFacts.Use u : uses) {
            Guard g = declaredGuard(fields, u);
            if (g != null && keys(analysis, u).contains(g.key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A method annotated {@code @GuardedBy} says its callers hold the lock (Guava's {@code LocalCache.Segment}); so does
     * a method only the analysed code calls (an {@code access$} bridge, a private helper) whose every call is in such
     * a method.
     */
    private static boolean callersHoldByContract(FieldFacts fields, MethodDescriptor method, int depth) {
        for (edu.umd.cs.findbugs.classfile.analysis.AnnotationValue a : edu.umd.cs.findbugs.ba.XFactory.createXMethod(method)
                .getAnnotations()) {
            String type = a.getAnnotationClass().getClassName();
            if (type.endsWith("GuardedBy") || type.endsWith("GuardedBy;")) {
                return true;
            }
        }
        if (depth >= MAX_CONTRACT_DEPTH || !FieldFacts.isClosed(method)) {
            return false;
        }
        List<io.github.gridlock.detectors.analysis.ProgramFacts.Caller> callers = GridlockAnalysis.current().program().callersOf(method);
        for (io.github.gridlock.detectors.analysis.ProgramFacts.Caller c : callers) {
            if (!callersHoldByContract(fields, c.caller(), depth + 1)) {
                return false;
            }
        }
        return !callers.isEmpty();
    }

    /** How far {@link #callersHoldByContract} follows closed methods up to an annotated one. */
    private static final int MAX_CONTRACT_DEPTH = 3;

    private BugInstance finding(FieldFacts.Use u, Guard g, int priority) {
        MethodDescriptor m = u.method();
        String cls = m.getClassDescriptor().getDottedClassName();
        XField f = u.access().field();
        int line = u.access().line();
        int pc = u.access().pc();
        String evidence = g.declared ? "declared @GuardedBy it"
                : "held at " + g.held + " of its " + g.total + " accesses outside constructors";
        return new BugInstance(this, BugTypes.INCONSISTENT_GUARD, priority)
                .addClass(cls)
                .addMethod(new MethodAnnotation(cls, m.getName(), m.getSignature(), m.isStatic()))
                .addField(new FieldAnnotation(f.getClassName(), f.getName(), f.getSignature(), f.isStatic()))
                .addSourceLine(new SourceLineAnnotation(cls, sourceFiles.get(cls), line, line, pc, pc))
                .addString(u.access().isWrite() ? "writes" : "reads")
                .addString(g.describe)
                .addString(evidence);
    }
}
