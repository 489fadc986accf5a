package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.Objects;

/**
 * A lock's identity across the whole program: the node of the lock-order graph.
 *
 * <p>Method-local identities ({@link LockId}) say {@code this.lock} or {@code param#1}; across methods the analysis
 * cannot know which instance {@code this} is, so it names locks by what they are (the identity rules):
 * <ul>
 * <li>a static field or a class literal names one object: {@code Registry.LOCK}, {@code Registry.class};</li>
 * <li>a lock object in a field ({@code private final Object lock}, a {@code ReentrantLock}) is named by the field,
 * with the class that declares it: {@code Account.lock} for {@code this.lock} and {@code other.lock}, in the class
 * and in its subclasses;</li>
 * <li>the monitor of an object of an analysed class, whether it is {@code this}, a parameter or a field of that
 * type, is named by the class, and a class by the topmost analysed class of its hierarchy: a subclass's method and
 * an inherited one lock the same object, so one connection locked as {@code this} in {@code Connection} and as
 * {@code agent.connection_} in {@code Agent} is one node, and re-entering it makes no edge;</li>
 * <li>the monitor of a parameter of a library type ({@code Object x}) is named by where it comes from: a parameter
 * of that type of a method of the class;</li>
 * <li>locks with no stable name (objects created in the method, values returned by unknown calls) and lock objects
 * passed as parameters have no global name: merging them would join unrelated locks into false cycles.</li>
 * </ul>
 * Read and write halves of one {@code ReadWriteLock} are the same node; edges remember the mode.
 */
public final class GlobalLock implements Comparable<GlobalLock> {
    private final String key;
    private final String display;

    private GlobalLock(String key, String display) {
        this.key = key;
        this.display = display;
    }

    /**
     * The global name of {@code lock} as seen in {@code method}, or null when it has none.
     */
    public static GlobalLock of(LockId lock, MethodDescriptor method) {
        if (lock.kind() == LockKind.SEMAPHORE) {
            return null;
        }
        boolean monitor = lock.kind() == LockKind.MONITOR;
        String family = monitor ? "" : "#lock";
        AccessPath p = lock.path();
        switch (p.kind()) {
            case STATIC_FIELD:
                return new GlobalLock(p.owner() + "." + p.name() + family, AccessPath.simpleName(p.owner()) + "." + p.name());
            case CLASS_LITERAL:
                return new GlobalLock(p.owner() + ".class" + family, AccessPath.simpleName(p.owner()) + ".class");
            case FIELD: {
                String type = monitor ? fieldType(p) : null;
                if (type != null && isApplicationClass(type)) {
                    return objectOf(type, family);
                }
                return new GlobalLock(p.owner() + "." + p.name() + family, AccessPath.simpleName(p.owner()) + "." + p.name());
            }
            case THIS:
                return objectOf(method.getSlashedClassName().replace('/', '.'), family);
            case PARAMETER: {
                String type = parameterClass(method, p.index());
                if (type == null) {
                    return null;
                }
                if (isApplicationClass(type)) {
                    return objectOf(type, family);
                }
                if (!monitor) {
                    return null;
                }
                String owner = method.getSlashedClassName().replace('/', '.');
                return new GlobalLock(owner + "#param:" + type, "a " + AccessPath.simpleName(type) + " parameter of "
                        + AccessPath.simpleName(owner));
            }
            default:
                return null;
        }
    }

    /** The monitor (or Lock implementation) of an object of an analysed class: its hierarchy's topmost class. */
    private static GlobalLock objectOf(String cls, String family) {
        String top = ClassHierarchy.topAnalysedClass(cls);
        return new GlobalLock(top + family, AccessPath.simpleName(top));
    }

    private static String fieldType(AccessPath field) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context == null ? null : GridlockAnalysis.current().getters().fieldType(field.owner(), field.name());
    }

    private static boolean isApplicationClass(String cls) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context != null && context.isApplicationClass(DescriptorFactory.createClassDescriptorFromDottedClassName(cls));
    }

    private static String parameterClass(MethodDescriptor method, int index) {
        Type[] params = Type.getArgumentTypes(method.getSignature());
        if (index >= params.length || !(params[index] instanceof ObjectType)) {
            return null;
        }
        return ((ObjectType) params[index]).getClassName();
    }

    /**
     * For a lock named by a class hierarchy (the monitor of an object of an analysed class): the object's class as
     * the code at this point knows it (the class of {@code this}, of the parameter or of the field); null for other
     * locks. Two uses of one node whose classes are unrelated (neither a subtype of the other) are two objects.
     */
    public static String objectClassOf(LockId lock, MethodDescriptor method) {
        if (lock.kind() != LockKind.MONITOR && lock.kind() != LockKind.LOCK) {
            return null;
        }
        AccessPath p = lock.path();
        String cls;
        switch (p.kind()) {
            case THIS:
                cls = method.getSlashedClassName().replace('/', '.');
                break;
            case PARAMETER:
                cls = parameterClass(method, p.index());
                break;
            case FIELD:
                cls = lock.kind() == LockKind.MONITOR ? fieldType(p) : null;
                break;
            default:
                cls = null;
        }
        return cls != null && isApplicationClass(cls) ? cls : null;
    }

    /** Stable key: equal keys are the same node. */
    public String key() {
        return key;
    }

    /** Short name for messages: {@code Holder.LOCK_A}, {@code Account.lock}. */
    public String display() {
        return display;
    }

    @Override
    public int compareTo(GlobalLock o) {
        return key.compareTo(o.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalLock && ((GlobalLock) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key);
    }

    @Override
    public String toString() {
        return display;
    }
}
