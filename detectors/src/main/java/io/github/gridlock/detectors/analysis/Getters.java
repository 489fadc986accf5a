package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.ConstantFieldref;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.HashMap;
import java.util.Map;

/**
 * Recognises trivial accessors ({@code return this.lock;}, {@code return LOCK;}) so that
 * {@code getLock()} and {@code this.lock} are the same {@link AccessPath}. Looks only at the bytes of
 * the accessor, never at its callees, so it cannot recurse. Results are cached per analysis.
 */
public final class Getters {
    private static final AccessPath NOT_A_GETTER = AccessPath.fresh("<none>", -2);
    private final Map<String, AccessPath> cache = new HashMap<>();

    /** The path (in the callee's terms) that the method returns, or null if it is not a trivial accessor. */
    public AccessPath returnedPath(String owner, String name, String sig, boolean isStatic) {
        if (name.startsWith("<")) {
            return null;
        }
        String key = owner + '.' + name + sig;
        AccessPath cached = cache.get(key);
        if (cached == null) {
            cached = compute(owner, name, sig, isStatic);
            cache.put(key, cached == null ? NOT_A_GETTER : cached);
        }
        return cached == NOT_A_GETTER ? null : cached;
    }

    private static AccessPath compute(String owner, String name, String sig, boolean isStatic) {
        JavaClass jc = load(owner);
        if (jc == null) {
            return null;
        }
        for (Method m : jc.getMethods()) {
            if (m.getName().equals(name) && m.getSignature().equals(sig) && m.isStatic() == isStatic) {
                return fromCode(m.getCode(), jc.getConstantPool(), isStatic);
            }
        }
        return null;
    }

    private static AccessPath fromCode(Code code, ConstantPool cp, boolean isStatic) {
        if (code == null) {
            return null;
        }
        byte[] b = code.getCode();
        if (!isStatic && b.length == 5 && (b[0] & 0xff) == Const.ALOAD_0 && (b[1] & 0xff) == Const.GETFIELD
                && (b[4] & 0xff) == Const.ARETURN) {
            String[] f = field(cp, ((b[2] & 0xff) << 8) | (b[3] & 0xff));
            return AccessPath.field(AccessPath.THIS, f[0], f[1]);
        }
        if (b.length == 4 && (b[0] & 0xff) == Const.GETSTATIC && (b[3] & 0xff) == Const.ARETURN) {
            String[] f = field(cp, ((b[1] & 0xff) << 8) | (b[2] & 0xff));
            return AccessPath.staticField(f[0], f[1]);
        }
        return null;
    }

    private static String[] field(ConstantPool cp, int index) {
        ConstantFieldref ref = cp.getConstant(index, ConstantFieldref.class);
        String owner = ref.getClass(cp).replace('/', '.');
        ConstantNameAndType nt = cp.getConstant(ref.getNameAndTypeIndex(), ConstantNameAndType.class);
        return new String[] {owner, nt.getName(cp)};
    }

    static JavaClass load(String dottedName) {
        try {
            return Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    DescriptorFactory.createClassDescriptorFromDottedClassName(dottedName));
        } catch (CheckedAnalysisException | RuntimeException e) {
            return null;
        }
    }
}
