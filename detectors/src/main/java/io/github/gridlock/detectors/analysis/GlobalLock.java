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
 * <p>Method-local identities ({@link LockId}) say {@code this.lock} or {@code param#1}; across methods
 * the analysis cannot know which instance {@code this} is, so it names instance locks by the field
 * they live in (field-based abstraction): {@code this.lock} in {@code Account} and {@code other.lock}
 * are both {@code Account.lock}. A monitor on {@code this} or on a parameter is named by its class.
 * Static fields and class literals name one object and are exact. Locks with no stable name (fresh
 * objects, values returned by unknown calls) and parameters of library types ({@code Object},
 * {@code Lock}) have no global name: merging them would join unrelated locks into false cycles.
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
        String family = lock.kind() == LockKind.MONITOR ? "" : "#lock";
        AccessPath p = lock.path();
        switch (p.kind()) {
            case STATIC_FIELD:
                return new GlobalLock(p.owner() + "." + p.name() + family, AccessPath.simpleName(p.owner()) + "." + p.name());
            case CLASS_LITERAL:
                return new GlobalLock(p.owner() + ".class" + family, AccessPath.simpleName(p.owner()) + ".class");
            case FIELD:
                return new GlobalLock(p.owner() + "." + p.name() + family, AccessPath.simpleName(p.owner()) + "." + p.name());
            case THIS: {
                String cls = method.getSlashedClassName().replace('/', '.');
                return new GlobalLock(cls + family, AccessPath.simpleName(cls) + " (this)");
            }
            case PARAMETER: {
                String cls = parameterClass(method, p.index());
                return cls == null ? null : new GlobalLock(cls + family, AccessPath.simpleName(cls));
            }
            default:
                return null;
        }
    }

    private static String parameterClass(MethodDescriptor method, int index) {
        Type[] params = Type.getArgumentTypes(method.getSignature());
        if (index >= params.length || !(params[index] instanceof ObjectType)) {
            return null;
        }
        String cls = ((ObjectType) params[index]).getClassName();
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        if (context == null || !context.isApplicationClass(DescriptorFactory.createClassDescriptorFromDottedClassName(cls))) {
            return null;
        }
        return cls;
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
