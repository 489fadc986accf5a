package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.ba.Hierarchy2;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.CallGraph;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.MethodSummaries;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classes a receiver can be, from where its value comes from (whole-program, so only in {@code report()}):
 * <ul>
 * <li>{@code new C(...)} is a C;</li>
 * <li>a field whose every write in the analysed code stores a value of known classes (or {@code null}) holds one
 * of those classes, and one only ever assigned {@code null} (dbcp's {@code AbandonedTrace.parent}) holds none; a
 * field other code may write (public or protected, not final) is unknown;</li>
 * <li>the result of an analysed method is one of the classes its every return has ({@code createTcpServer()}
 * returning {@code new Server(...)}), found through the call's targets narrowed by its own receiver;</li>
 * <li>the result of an instance method of a JDK object the code created ({@code new Hashtable().elements()}) is
 * a JDK object ({@link #JDK_OBJECT}), unless the method returns an element ({@code get}: a bare type variable, or
 * {@code Object}), which may be anything.</li>
 * </ul>
 * Parameters, {@code this}, array elements and anything else are unknown (null): the call keeps the
 * declared-type resolution. A virtual call on a receiver of known classes runs only what those classes dispatch to.
 */
final class ReceiverClasses {
    /** The class of a value made by the JDK: none of the analysed methods runs when it is the receiver. */
    static final String JDK_OBJECT = "<a JDK object>";
    private static final int MAX_DEPTH = 12;
    private static final Set<String> UNKNOWN = Collections.unmodifiableSet(new HashSet<>());

    private final MethodSummaries summaries;
    private final CallGraph callGraph;
    private final FieldFacts fieldFacts;
    private final Map<Object, Set<String>> memo = new HashMap<>();
    private final Set<Object> inProgress = new HashSet<>();

    ReceiverClasses(MethodSummaries summaries, CallGraph callGraph, FieldFacts fieldFacts) {
        this.summaries = summaries;
        this.callGraph = callGraph;
        this.fieldFacts = fieldFacts;
    }

    /** The classes {@code value} (in {@code method}'s terms) can be, or null when the analysis cannot tell. */
    Set<String> of(MethodDescriptor method, AccessPath value) {
        return of(method, value, 0);
    }

    /**
     * The targets of a virtual call on {@code receiver} that its classes dispatch to, among {@code candidates} (the
     * declared-type resolution); null when the receiver's classes are unknown.
     */
    Set<MethodDescriptor> dispatchTargets(MethodDescriptor caller, AccessPath receiver, String name, String signature) {
        Set<String> classes = of(caller, receiver);
        if (classes == null) {
            return null;
        }
        Set<MethodDescriptor> out = new LinkedHashSet<>();
        for (String c : classes) {
            if (JDK_OBJECT.equals(c) || !callGraph.isApplicationType(c)) {
                continue;
            }
            MethodDescriptor t = callGraph.dispatch(c, name, signature);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private Set<String> of(MethodDescriptor method, AccessPath value, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return null;
        }
        switch (value.kind()) {
            case FRESH:
                return Set.of(value.owner());
            case RESULT:
                return ofResult(method, value.index(), depth);
            case FIELD:
            case STATIC_FIELD:
                return ofField(value.owner(), value.name(), depth);
            default:
                return null;
        }
    }

    private Set<String> ofResult(MethodDescriptor method, int pc, int depth) {
        ValueOrigins.Origin o = summaries.part(method, ValueOrigins.PART).resultAt(pc);
        if (o == null) {
            return null;
        }
        List<MethodDescriptor> targets;
        if (o.virtual) {
            Set<String> receiverClasses = of(method, o.receiver, depth + 1);
            if (receiverClasses != null) {
                return returnedByDispatch(receiverClasses, o, depth);
            }
            targets = callGraph.targets(true, false, o.owner, o.name, o.signature);
        } else {
            targets = callGraph.targets(false, o.isStatic, o.owner, o.name, o.signature);
        }
        if (targets.isEmpty()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (MethodDescriptor t : targets) {
            Set<String> r = returnedBy(t, depth + 1);
            if (r == null) {
                return null;
            }
            out.addAll(r);
        }
        return out;
    }

    private Set<String> returnedByDispatch(Set<String> receiverClasses, ValueOrigins.Origin o, int depth) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : receiverClasses) {
            if (JDK_OBJECT.equals(c) || !callGraph.isApplicationType(c)) {
                if (!returnsJdkObject(JDK_OBJECT.equals(c) ? o.owner : c, o.name, o.signature)) {
                    return null;
                }
                out.add(JDK_OBJECT);
                continue;
            }
            MethodDescriptor t = callGraph.dispatch(c, o.name, o.signature);
            Set<String> r = t == null ? null : returnedBy(t, depth + 1);
            if (r == null) {
                return null;
            }
            out.addAll(r);
        }
        return out;
    }

    /** The classes every return of {@code method} has; null when one is unknown. */
    private Set<String> returnedBy(MethodDescriptor method, int depth) {
        return memoised(method, () -> {
            ValueOrigins origins = summaries.part(method, ValueOrigins.PART);
            if (origins.returnsUnknown()) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            for (AccessPath r : origins.returns()) {
                Set<String> c = of(method, r, depth + 1);
                if (c == null) {
                    return null;
                }
                out.addAll(c);
            }
            return out;
        });
    }

    private Set<String> ofField(String owner, String name, int depth) {
        return memoised(owner + '.' + name, () -> {
            XField field = fieldFacts.fieldNamed(owner + '.' + name);
            if (field == null || (field.isPublic() || field.isProtected()) && !field.isFinal()) {
                return null; // never written by the analysed code, or written by code nobody analysed
            }
            Set<String> out = new LinkedHashSet<>();
            for (FieldFacts.Use use : fieldFacts.usesOf(field)) {
                if (!use.access().isWrite()
                        || summaries.part(use.method(), ValueOrigins.PART).storesNullAt(use.access().pc())) {
                    continue;
                }
                Set<String> c = of(use.method(), use.access().stored(), depth + 1);
                if (c == null) {
                    return null;
                }
                out.addAll(c);
            }
            // Never assigned anything but null: no object, so no call on it runs and no lock on it is taken. Not for a
            // volatile field, which field updaters and VarHandles may write without a putfield.
            return out.isEmpty() && field.isVolatile() ? null : out;
        });
    }

    /**
     * Classes the value is certainly an instance of (of one of them, or of a subclass), when its exact classes are
     * not known ({@link #of}): the declared type of the field, of the call's result, or narrower, the declared types of
     * what the called method's every return is ({@code prepareStatement(String)} declared to return the JDBC
     * interface, but returning the result of {@code prepareStatementX}, declared as the driver's own statement class),
     * and of what the analysed code stores in a field no other code can write. Only classes count, never interfaces:
     * an interface says nothing that a call's declared type does not. Null when no class is known.
     */
    Set<String> boundsOf(MethodDescriptor method, AccessPath value) {
        return boundsOf(method, value, 0);
    }

    /** Whether {@code cls} is a class of the analysed code. */
    boolean isApplicationClass(String cls) {
        return callGraph.isApplicationType(cls);
    }

    /**
     * Whether a receiver that is an instance of one of {@code bounds} (or of a subclass) may run a method declared in
     * {@code declaring}: false only when both are classes (not interfaces) and neither is a subclass of the other.
     */
    static boolean mayDispatchTo(Set<String> bounds, String declaring) {
        for (String b : bounds) {
            if (JDK_OBJECT.equals(b) || related(b, declaring)) {
                return true;
            }
        }
        return false;
    }

    private static boolean related(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            edu.umd.cs.findbugs.ba.ch.Subtypes2 st = edu.umd.cs.findbugs.ba.AnalysisContext.currentAnalysisContext().getSubtypes2();
            edu.umd.cs.findbugs.classfile.ClassDescriptor da = DescriptorFactory.createClassDescriptorFromDottedClassName(a);
            edu.umd.cs.findbugs.classfile.ClassDescriptor db = DescriptorFactory.createClassDescriptorFromDottedClassName(b);
            if (isInterface(da) || isInterface(db)) {
                return true; // a subclass of one may implement the other
            }
            return st.isSubtype(da, db) || st.isSubtype(db, da);
        } catch (ClassNotFoundException | edu.umd.cs.findbugs.classfile.CheckedAnalysisException | RuntimeException e) {
            return true; // a hierarchy the analysis cannot read: may be related
        }
    }

    private static boolean isInterface(edu.umd.cs.findbugs.classfile.ClassDescriptor d)
            throws edu.umd.cs.findbugs.classfile.CheckedAnalysisException {
        edu.umd.cs.findbugs.ba.XClass x = edu.umd.cs.findbugs.classfile.Global.getAnalysisCache()
                .getClassAnalysis(edu.umd.cs.findbugs.ba.XClass.class, d);
        return x == null || x.isInterface();
    }

    private Set<String> boundsOf(MethodDescriptor method, AccessPath value, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return null;
        }
        Set<String> exact = of(method, value, depth);
        if (exact != null) {
            return exact;
        }
        switch (value.kind()) {
            case RESULT: {
                ValueOrigins.Origin o = summaries.part(method, ValueOrigins.PART).resultAt(value.index());
                if (o == null) {
                    return null;
                }
                Set<String> declared = classOf(returnType(o.signature));
                List<MethodDescriptor> targets = o.virtual ? callGraph.targets(true, false, o.owner, o.name, o.signature)
                        : callGraph.targets(false, o.isStatic, o.owner, o.name, o.signature);
                Set<String> returned = targets.isEmpty() ? null : new LinkedHashSet<>();
                for (MethodDescriptor t : targets) {
                    Set<String> r = boundsReturnedBy(t, depth + 1);
                    returned = r == null ? null : union(returned, r);
                    if (returned == null) {
                        break;
                    }
                }
                return returned != null && !returned.isEmpty() ? returned : declared;
            }
            case FIELD:
            case STATIC_FIELD:
                return boundsOfField(value.owner(), value.name(), depth);
            default:
                return null;
        }
    }

    private Set<String> boundsReturnedBy(MethodDescriptor method, int depth) {
        return memoised("bounds:" + method, () -> {
            Set<String> declared = classOf(returnType(method.getSignature()));
            ValueOrigins origins = summaries.part(method, ValueOrigins.PART);
            if (origins.returnsUnknown() || origins.returns().isEmpty()) {
                return declared;
            }
            Set<String> out = new LinkedHashSet<>();
            for (AccessPath r : origins.returns()) {
                Set<String> b = boundsOf(method, r, depth + 1);
                out = union(out, b);
                if (out == null) {
                    return declared;
                }
            }
            return out;
        });
    }

    private Set<String> boundsOfField(String owner, String name, int depth) {
        return memoised("bounds:" + owner + '.' + name, () -> {
            XField field = fieldFacts.fieldNamed(owner + '.' + name);
            if (field == null) {
                return null;
            }
            Set<String> declared = classOf(field.getSignature());
            if ((field.isPublic() || field.isProtected()) && !field.isFinal()) {
                return declared;
            }
            Set<String> out = new LinkedHashSet<>();
            for (FieldFacts.Use use : fieldFacts.usesOf(field)) {
                if (!use.access().isWrite()
                        || summaries.part(use.method(), ValueOrigins.PART).storesNullAt(use.access().pc())) {
                    continue;
                }
                out = union(out, boundsOf(use.method(), use.access().stored(), depth + 1));
                if (out == null) {
                    return declared;
                }
            }
            return out.isEmpty() ? declared : out;
        });
    }

    /** Both, or null when either is unknown or they are too many to be worth keeping. */
    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a == null || b == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out.size() > ReachableLocks.MAX_ALTERNATIVES ? null : out;
    }

    private static String returnType(String signature) {
        return signature.substring(signature.lastIndexOf(')') + 1);
    }

    /** The class a field or return descriptor names, as a one-element set; null for primitives, arrays, interfaces. */
    private static Set<String> classOf(String descriptor) {
        if (!descriptor.startsWith("L")) {
            return null;
        }
        String dotted = descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        try {
            if (isInterface(DescriptorFactory.createClassDescriptorFromDottedClassName(dotted))) {
                return null;
            }
        } catch (edu.umd.cs.findbugs.classfile.CheckedAnalysisException | RuntimeException e) {
            return null;
        }
        return "java.lang.Object".equals(dotted) ? null : Set.of(dotted);
    }

    private Set<String> memoised(Object key, java.util.function.Supplier<Set<String>> compute) {
        Set<String> cached = memo.get(key);
        if (cached != null) {
            return cached == UNKNOWN ? null : cached;
        }
        if (!inProgress.add(key)) {
            return null; // a value that depends on itself: unknown (and not cached)
        }
        try {
            Set<String> result = compute.get();
            memo.put(key, result == null ? UNKNOWN : Collections.unmodifiableSet(result));
            return result;
        } finally {
            inProgress.remove(key);
        }
    }


    /**
     * Whether the JDK instance method {@code cls.name sig} returns an object the JDK made (an enumerator, a view, a
     * builder) rather than one it was given: not a bare type variable ({@code V get(Object)}), not {@code Object}.
     */
    private static boolean returnsJdkObject(String cls, String name, String sig) {
        XMethod m;
        try {
            m = Hierarchy2.findInvocationLeastUpperBound(DescriptorFactory.createClassDescriptorFromDottedClassName(cls),
                    name, sig, false, false);
        } catch (RuntimeException e) {
            return false; // a class the analysis cannot read: unknown
        }
        if (m == null) {
            return false;
        }
        String generic = m.getSourceSignature();
        String returned = (generic != null ? generic : sig).substring((generic != null ? generic : sig).lastIndexOf(')') + 1);
        return !returned.startsWith("T") && !"Ljava/lang/Object;".equals(returned) && !returned.startsWith("[");
    }
}
