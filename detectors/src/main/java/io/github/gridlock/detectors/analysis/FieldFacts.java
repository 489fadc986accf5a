package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per field of the analysed classes: every read and write in the program with the locks held at it (its own
 * and, for a private helper or a lambda, those every caller holds around the call), the thread entries that
 * reach it, and what its declaration says ({@code volatile}, {@code final}, {@code @GuardedBy}). Built from
 * {@link ProgramFacts}; rebuilt when more classes were collected since.
 */
public final class FieldFacts {

    /** One access, with the method it is in. */
    public static final class Use {
        private final MethodDescriptor method;
        private final FieldAccesses.Access access;

        Use(MethodDescriptor method, FieldAccesses.Access access) {
            this.method = method;
            this.access = access;
        }

        public MethodDescriptor method() {
            return method;
        }

        public FieldAccesses.Access access() {
            return access;
        }
    }

    private final ProgramFacts program;
    private final Getters getters;
    private final Map<XField, List<Use>> uses = new LinkedHashMap<>();
    private Map<String, List<XField>> fieldsByName;
    private final Map<MethodDescriptor, Set<LockId>> heldByCallers = new HashMap<>();
    private final Set<MethodDescriptor> inProgress = new HashSet<>();
    private final Map<MethodDescriptor, Set<LockId>> heldAroundClosed = new HashMap<>();
    private final Map<MethodDescriptor, Set<LockId>> heldAroundAnalysed = new HashMap<>();
    private final Map<MethodDescriptor, Set<LockId>> heldAroundClosedOrUnnamed = new HashMap<>();
    private final Set<List<Object>> aroundInProgress = new HashSet<>();
    private final Map<MethodDescriptor, Boolean> duringConstruction = new HashMap<>();
    private final Set<MethodDescriptor> constructionInProgress = new HashSet<>();
    private final int generation;

    private FieldFacts(ProgramFacts program, Getters getters) {
        this.program = program;
        this.getters = getters;
        this.generation = program.generation();
        for (MethodDescriptor m : program.methods()) {
            if (isFieldAccessor(m)) {
                continue; // each call of it is the access, at its caller's site
            }
            for (FieldAccesses.Access a : program.summaryOf(m).fieldAccesses().accesses()) {
                uses.computeIfAbsent(a.field(), k -> new ArrayList<>()).add(new Use(m, a));
            }
        }
    }

    /**
     * True for javac's synthetic static getter or setter of a field for an inner or outer class before nestmates
     * ({@code static Future access$600(SupplantableFuture f) { return f.currentFuture; }}), as SpotBugs recognises it.
     * SpotBugs resolves every call of such an accessor to the field it reads or writes, and the layer records that call
     * as the access itself, at the caller's site with the caller's locks; the accessor's own instruction is no access
     * of its own (with no lock and a parameter for a base it would look unguarded, whoever its callers are).
     */
    static boolean isFieldAccessor(MethodDescriptor method) {
        if (!method.isStatic()) {
            return false;
        }
        XMethod xm = XFactory.createXMethod(method);
        return xm.isSynthetic() && xm.getAccessMethodForField() != null;
    }

    static FieldFacts of(ProgramFacts program, Getters getters, FieldFacts previous) {
        return previous != null && previous.generation == program.generation() ? previous : new FieldFacts(program, getters);
    }

    /** Every field with at least one access, in the order found. */
    public Set<XField> fields() {
        return Collections.unmodifiableSet(uses.keySet());
    }

    /** The accessed field {@code Owner.name} (dotted owner, as XField names it), or null. */
    public XField fieldNamed(String qualifiedName) {
        List<XField> named = byName().getOrDefault(qualifiedName, List.of());
        return named.isEmpty() ? null : named.get(named.size() - 1);
    }

    /** Every accessed field whose dotted owner and name these are (more than one only when SpotBugs resolves it twice). */
    public List<XField> fieldsNamed(String owner, String name) {
        return byName().getOrDefault(owner + '.' + name, List.of());
    }

    private Map<String, List<XField>> byName() {
        if (fieldsByName == null) {
            Map<String, List<XField>> byName = new HashMap<>();
            for (XField f : uses.keySet()) {
                byName.computeIfAbsent(f.getClassName() + '.' + f.getName(), k -> new ArrayList<>(1)).add(f);
            }
            fieldsByName = byName;
        }
        return fieldsByName;
    }

    /** Every access of {@code field} in the collected methods. */
    public List<Use> usesOf(XField field) {
        return uses.getOrDefault(field, List.of());
    }

    /**
     * Locks (in {@code method}'s terms) that every caller holds around every call of it, for methods only the
     * analysed code can call: private methods and synthetic ones (lambda bodies, {@code access$} helpers). A
     * method any other code may call, or one no analysed code calls, gets the empty set.
     */
    public Set<LockId> heldByEveryCaller(MethodDescriptor method) {
        Set<LockId> cached = heldByCallers.get(method);
        if (cached != null) {
            return cached;
        }
        if (!inProgress.add(method)) {
            return Set.of();
        }
        try {
            Set<LockId> result = computeHeldByEveryCaller(method);
            heldByCallers.put(method, result);
            return result;
        } finally {
            inProgress.remove(method);
        }
    }

    private Set<LockId> computeHeldByEveryCaller(MethodDescriptor method) {
        XMethod xm = XFactory.createXMethod(method);
        List<ProgramFacts.Caller> callers = program.callersOf(method);
        if (!(xm.isPrivate() || xm.isSynthetic() || method.getName().startsWith("access$")) || callers.isEmpty()) {
            return Set.of();
        }
        return ProgramFacts.heldAtEveryCall(callers, this::heldByEveryCaller);
    }

    /**
     * Like {@link #heldByEveryCaller}, for every method that code outside the analysed classes cannot call: private and
     * synthetic methods and {@code access$} bridges, and package-private members (and protected ones of a class that
     * is not public), whose callers are all in the analysed package. Calls from a constructor of the method's class on
     * the object under construction are left out (no other thread has that object yet). Empty for a method other code
     * may call, or one no analysed code calls (outside constructors).
     */
    public Set<LockId> heldAroundEveryCallOfClosed(MethodDescriptor method) {
        return isClosed(method) ? heldAround(method, Mode.CLOSED) : Set.of();
    }

    /**
     * {@link #heldAroundEveryCallOfClosed}, keeping the locks the method cannot name: where every caller holds some
     * lock around the call that is not reachable from the callee's receiver or arguments ({@code synchronized} method
     * of an outer object calling {@code state.setMark(x)} on an object it looked up, an {@code access$} bridge or an
     * inner-class method called under the outer object's lock), that lock comes back with an
     * {@linkplain AccessPath#UNKNOWN unknown} path: the access is guarded by something, not known to be unguarded.
     * The one notion of "its callers hold a lock" for code that asks whether a helper's accesses are guarded. Protected
     * methods count here too ({@link #isClosedOrProtected}).
     */
    public Set<LockId> heldAroundEveryCallOfClosedOrUnnamed(MethodDescriptor method) {
        return isClosedOrProtected(method) ? heldAround(method, Mode.CLOSED_OR_UNNAMED) : Set.of();
    }

    /**
     * {@link #isClosed}, or a protected method of a public class: for the locks its callers hold, a subclass outside
     * the analysed code is assumed to call it as the analysed callers do (Jetty's {@code lockedSetTerminal}, whose
     * name says its callers hold the lock; lockorder's {@code CallerLocks} assumes the same).
     */
    private static boolean isClosedOrProtected(MethodDescriptor method) {
        return isClosed(method) || XFactory.createXMethod(method).isProtected();
    }

    /** Which callers {@link #heldAround} follows, and what it does with a lock the callee cannot name. */
    private enum Mode {
        /** Closed methods only; unnamed locks dropped. */
        CLOSED,
        /** Closed methods only; unnamed locks kept as unknown. */
        CLOSED_OR_UNNAMED,
        /** Every analysed caller; unnamed locks kept as unknown. */
        ANALYSED
    }

    /**
     * The locks held at every call of {@code method} in the analysed code, through its callers' callers too, for any
     * method (a public one included): what its known callers promise, not what an outside caller does. A lock the
     * callee cannot name ({@code synchronized (pool)} around {@code pool.factor.update()}) is returned with an
     * {@linkplain AccessPath#UNKNOWN unknown} path. Empty when no analysed code calls it (outside constructors).
     */
    public Set<LockId> heldAroundEveryAnalysedCall(MethodDescriptor method) {
        return heldAround(method, Mode.ANALYSED);
    }

    /** True when only the analysed code can call {@code method} (see {@link #heldAroundEveryCallOfClosed}). */
    public static boolean isClosed(MethodDescriptor method) {
        XMethod xm = XFactory.createXMethod(method);
        if (xm.isPrivate() || xm.isSynthetic() || method.getName().startsWith("access$")) {
            return true;
        }
        if (!xm.isPublic() && !xm.isProtected()) {
            return true;
        }
        if (xm.isPublic()) {
            return false;
        }
        edu.umd.cs.findbugs.ba.XClass cls = edu.umd.cs.findbugs.ba.AnalysisContext.currentXFactory().getXClass(method.getClassDescriptor());
        return cls != null && !cls.isPublic();
    }

    private Set<LockId> heldAround(MethodDescriptor method, Mode mode) {
        Map<MethodDescriptor, Set<LockId>> cache = mode == Mode.ANALYSED ? heldAroundAnalysed
                : mode == Mode.CLOSED ? heldAroundClosed : heldAroundClosedOrUnnamed;
        Set<LockId> cached = cache.get(method);
        if (cached != null) {
            return cached;
        }
        List<Object> key = List.of(method, mode);
        if (!aroundInProgress.add(key)) {
            return Set.of();
        }
        try {
            Set<LockId> result = computeHeldAround(method, mode);
            cache.put(method, result);
            return result;
        } finally {
            aroundInProgress.remove(key);
        }
    }

    private Set<LockId> computeHeldAround(MethodDescriptor method, Mode mode) {
        boolean analysedCallers = mode == Mode.ANALYSED;
        boolean keepUnnamed = mode != Mode.CLOSED;
        Set<LockId> common = null;
        for (ProgramFacts.Caller c : program.callersOf(method)) {
            if (constructsTheReceiver(c, method) || ProgramFacts.isAccessorOf(c.caller(), method)) {
                continue;
            }
            Set<LockId> here = ProgramFacts.heldOnEveryPath(c.site());
            if (analysedCallers || isClosed(c.caller()) || mode == Mode.CLOSED_OR_UNNAMED && isClosedOrProtected(c.caller())) {
                here.addAll(heldAround(c.caller(), mode));
            }
            Set<LockId> mine = ProgramFacts.inTargetTerms(here, c.site(), keepUnnamed);
            if (common == null) {
                common = mine;
            } else {
                common.retainAll(mine);
            }
            if (common.isEmpty()) {
                return Set.of();
            }
        }
        return common == null ? Set.of() : Collections.unmodifiableSet(common);
    }

    /**
     * True for a method only the analysed code can call whose every call is made while its object is being built: from
     * a constructor of its class on {@code this}, or from another such method on {@code this} (Guava's
     * {@code LocalCache.Segment.initTable}, called by the segment's constructor only). Its accesses run before the
     * object can be shared, like the constructor's own.
     */
    public boolean runsOnlyDuringConstruction(MethodDescriptor method) {
        Boolean cached = duringConstruction.get(method);
        if (cached != null) {
            return cached;
        }
        if (!constructionInProgress.add(method)) {
            return false;
        }
        try {
            boolean result = isClosed(method) && !program.callersOf(method).isEmpty();
            for (ProgramFacts.Caller c : program.callersOf(method)) {
                if (!result) {
                    break;
                }
                AccessPath receiver = c.site().invocation().receiver();
                result = constructsTheReceiver(c, method)
                        || receiver != null && receiver.kind() == AccessPath.Kind.THIS
                        && c.caller().getClassDescriptor().equals(method.getClassDescriptor())
                        && runsOnlyDuringConstruction(c.caller());
            }
            duringConstruction.put(method, result);
            return result;
        } finally {
            constructionInProgress.remove(method);
        }
    }

    /** A call from a constructor of the callee's class on {@code this}: the object is not yet shared. */
    private static boolean constructsTheReceiver(ProgramFacts.Caller c, MethodDescriptor callee) {
        AccessPath receiver = c.site().invocation().receiver();
        return "<init>".equals(c.caller().getName()) && c.caller().getClassDescriptor().equals(callee.getClassDescriptor())
                && receiver != null && receiver.kind() == AccessPath.Kind.THIS;
    }

    /**
     * The lock {@code @GuardedBy} names for an access of {@code field} on {@code base} (null for a static
     * field), in the accessing method's terms; null when the field has no such annotation or its value has a
     * form the analysis cannot bind. Forms: {@code "this"}, {@code "itself"}, a field of the class
     * ({@code "lock"}), a static field ({@code "Registry.LOCK"}), a class literal ({@code "Registry.class"}),
     * an accessor ({@code "getLock()"}), the outer instance ({@code "Outer.this"}).
     */
    public AccessPath guardFor(XField field, AccessPath base) {
        String guard = Annotations.guardedBy(field);
        if (guard == null) {
            return null;
        }
        String owner = field.getClassName();
        AccessPath self = field.isStatic() ? AccessPath.classLiteral(owner) : base;
        if (self == null) {
            return null;
        }
        if (guard.equals("this")) {
            return self;
        }
        if (guard.equals("itself")) {
            return field.isStatic() ? AccessPath.staticField(owner, field.getName())
                    : AccessPath.field(base, owner, field.getName());
        }
        if (guard.endsWith(".class")) {
            return AccessPath.classLiteral(qualify(guard.substring(0, guard.length() - ".class".length()), owner));
        }
        if (guard.endsWith(".this")) {
            return field.isStatic() ? null : AccessPath.field(base, owner, "this$0");
        }
        if (guard.endsWith("()")) {
            AccessPath returned = getters.returnedPathOfNoArgMethod(owner, guard.substring(0, guard.length() - 2), field.isStatic());
            return returned == null ? null : returned.substitute(self, new AccessPath[0]);
        }
        int dot = guard.lastIndexOf('.');
        if (dot > 0) {
            return AccessPath.staticField(qualify(guard.substring(0, dot), owner), guard.substring(dot + 1));
        }
        return getters.declaresStaticField(owner, guard) || field.isStatic() ? AccessPath.staticField(owner, guard) : AccessPath.field(base, owner, guard);
    }

    /** {@code Registry} next to {@code com.acme.Registry$Entry} means {@code com.acme.Registry}. */
    private static String qualify(String name, String owner) {
        if (name.indexOf('.') >= 0) {
            return name;
        }
        String simple = owner.substring(owner.lastIndexOf('.') + 1);
        String pkg = owner.substring(0, owner.lastIndexOf('.') + 1);
        if (simple.equals(name)) {
            return owner;
        }
        int nested = owner.indexOf('$');
        if (nested > 0 && owner.substring(pkg.length(), nested).equals(name)) {
            return owner.substring(0, nested);
        }
        return pkg + name;
    }
}
