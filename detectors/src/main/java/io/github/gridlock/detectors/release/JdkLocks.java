package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.FieldAccesses;
import io.github.gridlock.detectors.analysis.ClassFiles;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodSummary;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.ObjectType;

import java.util.Set;

/**
 * Whether an acquisition is the JDK's own uninterruptible {@code lock()}: {@code ReentrantLock.lock()}, a
 * {@code ReentrantReadWriteLock} half's {@code lock()}, {@code StampedLock.writeLock()/readLock()}. Those fail only
 * with an {@link Error} (the hold count overflowing, out of memory), so a {@code finally} that unlocks after them
 * has nothing to hide in practice. Known when the call names the JDK class, or the lock (or its read/write lock)
 * is a field declared with that class, or a field of the analysed classes that every write sets to a new instance
 * of it ({@code private final Lock lock = new ReentrantLock();}). Any other {@code Lock} is an unknown
 * implementation whose {@code lock()} may throw anything.
 */
final class JdkLocks {
    private static final Set<String> CLASSES = Set.of("java.util.concurrent.locks.ReentrantLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock",
            "java.util.concurrent.locks.StampedLock");

    private JdkLocks() {
    }

    /** True when the site is an uninterruptible acquisition of a JDK lock class, as far as the code shows. */
    static boolean isPlainJdkLock(ClassContext classContext, MethodGen methodGen, AcquireStates.Site site) {
        if (!site.failsOnlyWithErrors()) {
            return false;
        }
        InstructionHandle at = methodGen.getInstructionList().findHandle(site.pc());
        if (at == null || !(at.getInstruction() instanceof InvokeInstruction)) {
            return false;
        }
        ConstantPoolGen cpg = methodGen.getConstantPool();
        if (CLASSES.contains(((InvokeInstruction) at.getInstruction()).getClassName(cpg))) {
            return true;
        }
        AccessPath lock = site.lock().path();
        return lock.kind() == AccessPath.Kind.FIELD && isJdkLockField(classContext, lock.owner(), lock.name());
    }

    private static boolean isJdkLockField(ClassContext here, String owner, String name) {
        JavaClass declaring = owner.equals(here.getJavaClass().getClassName()) ? here.getJavaClass() : load(owner);
        if (declaring == null) {
            return false;
        }
        for (Field f : declaring.getFields()) {
            if (f.getName().equals(name)) {
                if (f.getType() instanceof ObjectType && CLASSES.contains(((ObjectType) f.getType()).getClassName())) {
                    return true;
                }
                return f.isPrivate() && f.isFinal() && declaring == here.getJavaClass()
                        && everyWriteIsNewJdkLock(here, name);
            }
        }
        return false;
    }

    /** A private final field of this class: its writes are all here, in the constructors or initializers. */
    private static boolean everyWriteIsNewJdkLock(ClassContext here, String name) {
        boolean written = false;
        for (java.util.Map.Entry<Method, MethodSummary> e : GridlockAnalysis.current().summariesOf(here).entrySet()) {
            for (FieldAccesses.Access a : e.getValue().fieldAccesses().accesses()) {
                if (!a.isWrite() || !a.field().getName().equals(name)
                        || !a.field().getClassName().equals(here.getJavaClass().getClassName())) {
                    continue;
                }
                AccessPath stored = a.stored();
                if (stored == null || stored.kind() != AccessPath.Kind.FRESH || !CLASSES.contains(stored.owner())) {
                    return false;
                }
                written = true;
            }
        }
        return written;
    }

    private static JavaClass load(String dottedName) {
        // Recorded like any class the analysis cannot read; its lock then counts as an unknown implementation.
        return ClassFiles.load(dottedName);
    }
}
