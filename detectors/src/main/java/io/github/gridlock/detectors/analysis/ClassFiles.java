package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Class files read by name, for the layer's own bytecode scans (field stores, class initialisers, callees' code),
 * through SpotBugs' analysis cache, under the one failure policy: a class that cannot be read is recorded in
 * {@link AnalysisFailures} (a missing one goes to SpotBugs' missing-class report) and answers {@code null}, so the
 * caller knows no fact.
 */
public final class ClassFiles {
    private ClassFiles() {
    }

    /** The class {@code dottedName}, or null (failure recorded) when it cannot be read. */
    public static JavaClass load(String dottedName, AnalysisFailures failures) {
        try {
            return Global.getAnalysisCache().getClassAnalysis(JavaClass.class, descriptor(dottedName));
        } catch (CheckedAnalysisException | RuntimeException e) {
            failures.classFailed(dottedName, e);
            return null;
        }
    }

    /** The same, recording into the running analysis's failures. */
    public static JavaClass load(String dottedName) {
        return load(dottedName, GridlockAnalysis.current().failures());
    }

    /** The method {@code name}{@code signature} declared in {@code jc}, or null. */
    public static Method method(JavaClass jc, String name, String signature) {
        for (Method m : jc.getMethods()) {
            if (m.getName().equals(name) && m.getSignature().equals(signature)) {
                return m;
            }
        }
        return null;
    }

    /**
     * The constant pool of {@code jc} as BCEL's generic instructions read it ({@code getSignature(cpg)},
     * {@code getValue(cpg)}), without the index of every constant that {@code new ConstantPoolGen(pool)} builds: the
     * layer's scans ask once per method they read, and SpotBugs' own cache of pools keeps only a few hundred classes.
     * The same instance for a class while it is among the recently read ({@link Pools}), so that memos keyed by the
     * pool ({@code ConcurrencyApi}'s answers per call instruction) are found again. For reading only: it finds nothing
     * by value and must not be added to.
     */
    public static ConstantPoolGen readOnlyPool(JavaClass jc) {
        return GridlockAnalysis.current().pools().of(jc);
    }

    /** The read-only pools of the classes read most recently, per analysis. */
    static final class Pools {
        /** Classes kept: the scans read a class's methods one after another, rarely many classes in turn. */
        private static final int KEPT = 256;
        private final Map<JavaClass, ConstantPoolGen> recent = new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<JavaClass, ConstantPoolGen> eldest) {
                return size() > KEPT;
            }
        };

        ConstantPoolGen of(JavaClass jc) {
            return recent.computeIfAbsent(jc, c -> readOnlyPool(c.getConstantPool()));
        }
    }

    /** The same for a class's {@code pool}. */
    public static ConstantPoolGen readOnlyPool(ConstantPool pool) {
        return new ReadOnlyPool(pool);
    }

    private static final class ReadOnlyPool extends ConstantPoolGen {
        ReadOnlyPool(ConstantPool pool) {
            constants = pool.getConstantPool();
            size = constants.length;
            index = constants.length;
        }

        @Override
        public int addConstant(Constant c, ConstantPoolGen cp) {
            throw new UnsupportedOperationException("read-only constant pool");
        }

        @Override
        public int addUtf8(String s) {
            throw new UnsupportedOperationException("read-only constant pool");
        }
    }

    private static ClassDescriptor descriptor(String dottedName) {
        return DescriptorFactory.createClassDescriptorFromDottedClassName(dottedName);
    }
}
