package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which public and protected methods code outside the analysed classes can call, in a closed world (the lock-order
 * family's convention: no outside code downcasts, calls resolve over the analysed classes).
 *
 * <ul>
 * <li>A public instance method first declared in class {@code C} (no supertype declares it): only when outside code can
 * hold a reference of {@code C} or of a subtype of it: one of those is a public class with a public or protected
 * constructor, or an analysed public or protected method returns, a public or protected field holds, or an
 * overridable public or protected method (a callback) takes, a value whose declared type (or generic signature) names
 * it. A method that overrides or implements one of a supertype counts as callable (outside code may hold the
 * supertype).</li>
 * <li>A protected instance method: only when outside code can subclass {@code C} or a subtype of it (a public,
 * non-final class with a public or protected constructor). Such a call runs on an object of the outside subclass
 * ({@code this} of a class outside code wrote).</li>
 * <li>Static methods and constructors of a public class: callable.</li>
 * </ul>
 *
 * <p>On an object of an outside subclass, a field of {@code this} that outside code cannot write (private or
 * package-private) and that analysed code writes only in constructors of classes that outside code cannot subclass,
 * and that are not the method's class or a supertype of it, is {@code null} ({@link #isNullOnOutsideObjects}): a
 * protected method's call on it ({@code this.zk.commit()}, {@code zk} set only by {@code Follower}'s package-private
 * constructor) is no call outside code makes.
 */
final class OutsideCallers {

    private static final Pattern CLASS_NAMES = Pattern.compile("L([\\w/$]+)[;<]");

    private final Set<ClassDescriptor> classes = new LinkedHashSet<>();
    private final FieldFacts fields;
    private Set<String> heldTypes;
    private Set<String> subclassableTypes;
    private final Map<String, Boolean> nullFields = new HashMap<>();
    private final Map<ClassDescriptor, java.util.Optional<XClass>> xclasses = new HashMap<>();

    OutsideCallers(List<MethodDescriptor> apiMethods, FieldFacts fields) {
        for (MethodDescriptor m : apiMethods) {
            classes.add(m.getClassDescriptor());
        }
        this.fields = fields;
    }

    /** True when code outside the analysed classes can call {@code method} (see the class comment). */
    boolean mayCall(MethodDescriptor method) {
        XMethod xm = xmethod(method);
        XClass cls = xclass(method.getClassDescriptor());
        if (xm == null || cls == null) {
            return true;
        }
        if (xm.isStatic() || "<init>".equals(method.getName())) {
            return cls.isPublic() && (xm.isPublic() || subclassable().contains(className(cls)));
        }
        if (declaredInSupertype(cls, method)) {
            return true;
        }
        String name = className(cls);
        return xm.isPublic() ? held().contains(name) : subclassable().contains(name);
    }

    /**
     * True for a call of {@code method} that, by the rules above, only outside subclasses make on their own objects: a
     * protected instance method that outside code can call.
     */
    boolean onlyOnOutsideSubclassObjects(MethodDescriptor method) {
        XMethod xm = xmethod(method);
        return xm != null && xm.isProtected() && !xm.isStatic() && !"<init>".equals(method.getName());
    }

    /**
     * True when {@code path}, in {@code method} run on an object of an outside subclass, is {@code this.f} of a field
     * that is {@code null} there (see the class comment).
     */
    boolean isNullOnOutsideObjects(MethodDescriptor method, AccessPath path) {
        if (path == null || path.kind() != AccessPath.Kind.FIELD || path.base() == null
                || path.base().kind() != AccessPath.Kind.THIS) {
            return false;
        }
        String owner = path.owner().replace('/', '.');
        String key = method.getClassDescriptor().getDottedClassName() + "|" + owner + "." + path.name();
        return nullFields.computeIfAbsent(key, k -> computeNull(method, owner + "." + path.name()));
    }

    private boolean computeNull(MethodDescriptor method, String qualifiedField) {
        XField field = fields.fieldNamed(qualifiedField);
        if (field == null || field.isPublic() || field.isProtected() || field.isStatic()) {
            return false;
        }
        String methodClass = method.getClassDescriptor().getDottedClassName();
        for (FieldFacts.Use use : fields.usesOf(field)) {
            if (!use.access().isWrite()) {
                continue;
            }
            if (!use.access().isInConstructor()) {
                return false;
            }
            String writer = use.method().getClassDescriptor().getDottedClassName();
            if (ConcurrencyApi.isSubtype(methodClass, writer) || subclassable().contains(writer)) {
                return false; // an outside subclass's object may run that constructor
            }
        }
        return true;
    }

    private boolean declaredInSupertype(XClass cls, MethodDescriptor method) {
        Deque<ClassDescriptor> work = new ArrayDeque<>(supertypes(cls));
        Set<ClassDescriptor> seen = new HashSet<>();
        while (!work.isEmpty()) {
            ClassDescriptor d = work.poll();
            if (!seen.add(d)) {
                continue;
            }
            XClass x = xclass(d);
            if (x == null) {
                return true; // a supertype we cannot read may declare it
            }
            if (x.findMethod(method.getName(), method.getSignature(), false) != null) {
                return true;
            }
            work.addAll(supertypes(x));
        }
        return false;
    }

    /** Analysed classes, and every supertype of one, that outside code can hold a reference of. */
    private Set<String> held() {
        if (heldTypes == null) {
            Set<String> direct = new HashSet<>();
            for (ClassDescriptor d : classes) {
                XClass x = xclass(d);
                if (x == null) {
                    continue;
                }
                if (isSubclassable(x) || x.isPublic() && hasOutsideConstructor(x)) {
                    direct.add(d.getDottedClassName());
                }
                for (XMethod m : x.getXMethods()) {
                    if (!(m.isPublic() || m.isProtected()) || m.isSynthetic()) {
                        continue;
                    }
                    String sig = m.getSourceSignature() != null ? m.getSourceSignature() : m.getSignature();
                    boolean callback = !m.isStatic() && !m.isFinal() && !"<init>".equals(m.getName())
                            && (x.isInterface() || !x.isFinal());
                    int ret = sig.lastIndexOf(')');
                    addNames(callback ? sig : sig.substring(Math.max(ret, 0)), direct);
                }
                for (XField f : x.getXFields()) {
                    if (f.isPublic() || f.isProtected()) {
                        addNames(f.getSourceSignature() != null ? f.getSourceSignature() : f.getSignature(), direct);
                    }
                }
            }
            heldTypes = withSupertypes(direct);
        }
        return heldTypes;
    }

    /** Analysed classes, and every supertype of one, that outside code can extend. */
    private Set<String> subclassable() {
        if (subclassableTypes == null) {
            Set<String> direct = new HashSet<>();
            for (ClassDescriptor d : classes) {
                XClass x = xclass(d);
                if (x != null && isSubclassable(x)) {
                    direct.add(d.getDottedClassName());
                }
            }
            subclassableTypes = withSupertypes(direct);
        }
        return subclassableTypes;
    }

    private static boolean isSubclassable(XClass x) {
        return x.isPublic() && !x.isFinal() && !x.isInterface() && hasOutsideConstructor(x);
    }

    private static boolean hasOutsideConstructor(XClass x) {
        for (XMethod m : x.getXMethods()) {
            if ("<init>".equals(m.getName()) && (m.isPublic() || m.isProtected()) && !m.isSynthetic()) {
                return true;
            }
        }
        return false;
    }

    private static void addNames(String signature, Set<String> out) {
        Matcher m = CLASS_NAMES.matcher(signature);
        while (m.find()) {
            out.add(m.group(1).replace('/', '.'));
        }
    }

    private Set<String> withSupertypes(Set<String> direct) {
        Set<String> out = new HashSet<>();
        Deque<ClassDescriptor> work = new ArrayDeque<>();
        for (String name : direct) {
            work.add(edu.umd.cs.findbugs.classfile.DescriptorFactory.createClassDescriptorFromDottedClassName(name));
        }
        while (!work.isEmpty()) {
            ClassDescriptor d = work.poll();
            if (!out.add(d.getDottedClassName())) {
                continue;
            }
            XClass x = xclass(d);
            if (x != null) {
                work.addAll(supertypes(x));
            }
        }
        return out;
    }

    private static List<ClassDescriptor> supertypes(XClass x) {
        List<ClassDescriptor> out = new java.util.ArrayList<>(List.of(x.getInterfaceDescriptorList()));
        if (x.getSuperclassDescriptor() != null) {
            out.add(x.getSuperclassDescriptor());
        }
        return out;
    }

    private static String className(XClass x) {
        return x.getClassDescriptor().getDottedClassName();
    }

    /**
     * SpotBugs keeps few class infos, so the supertypes that every method's question walks would be read from their
     * class files again and again: read once per computation here.
     */
    private XClass xclass(ClassDescriptor d) {
        return xclasses.computeIfAbsent(d, c -> java.util.Optional.ofNullable(AnalysisContext.currentXFactory().getXClass(c)))
                .orElse(null);
    }

    /** The method of a descriptor as SpotBugs knows it; null when its class is unknown. */
    private XMethod xmethod(MethodDescriptor md) {
        XClass cls = xclass(md.getClassDescriptor());
        return cls == null ? null : cls.findMethod(md.getName(), md.getSignature(), md.isStatic());
    }
}
