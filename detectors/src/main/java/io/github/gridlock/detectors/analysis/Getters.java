package io.github.gridlock.detectors.analysis;

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
 * {@code getLock()} and {@code this.lock} are the same {@link AccessPath}, and methods that return their
 * receiver ({@code AutoLock lock() { l.lock(); return this; }}, fluent builders), whose result is the
 * receiver's path. Looks only at the bytes of the method, never at its callees, so it cannot recurse.
 * Results are cached per analysis.
 */
public final class Getters {
    private static final AccessPath NOT_A_GETTER = AccessPath.fresh("<none>", -2);
    private final Map<String, AccessPath> cache = new HashMap<>();
    private final Map<String, String[]> fields = new HashMap<>();
    private final Map<String, Boolean> throwsNothing = new HashMap<>();
    /** Weak keys: a class's constant pool lives as long as SpotBugs keeps its ClassContext. */
    private final Map<org.apache.bcel.generic.ConstantPoolGen, AccessPathRefs> refs = new java.util.WeakHashMap<>();
    private final AnalysisFailures failures;

    Getters(AnalysisFailures failures) {
        this.failures = failures;
    }

    /** The access-path transfer's memo of what {@code cpg}'s field and method references say, for this analysis. */
    AccessPathRefs refsOf(org.apache.bcel.generic.ConstantPoolGen cpg) {
        return refs.computeIfAbsent(cpg, c -> new AccessPathRefs(c, this));
    }

    /** The path (in the callee's terms) that the method returns, or null if it is not a trivial accessor. */
    public AccessPath returnedPath(String owner, String name, String sig, boolean isStatic) {
        if (name.startsWith("<") || owner.indexOf('[') >= 0 || !returnsReference(sig)) {
            return null;
        }
        String key = owner + '.' + name + sig;
        AccessPath cached = cache.get(key);
        if (cached == null) {
            cache.put(key, NOT_A_GETTER); // a method that calls itself through super is no accessor while computed
            cached = compute(owner, name, sig, isStatic);
            cache.put(key, cached == null ? NOT_A_GETTER : cached);
        }
        return cached == NOT_A_GETTER ? null : cached;
    }

    /** Every accessor shape ends in {@code areturn}, which only a method returning a reference or an array has. */
    private static boolean returnsReference(String sig) {
        int close = sig.indexOf(')');
        char returned = close < 0 || close + 1 >= sig.length() ? 'V' : sig.charAt(close + 1);
        return returned == 'L' || returned == '[';
    }

    /** Like {@link #returnedPath} for the method {@code name()} without arguments, whatever its return type. */
    AccessPath returnedPathOfNoArgMethod(String owner, String name, boolean isStatic) {
        JavaClass jc = load(owner);
        if (jc == null) {
            return null;
        }
        for (Method m : jc.getMethods()) {
            if (m.getName().equals(name) && m.getSignature().startsWith("()") && m.isStatic() == isStatic) {
                return returnedPath(owner, name, m.getSignature(), isStatic);
            }
        }
        return null;
    }

    /**
     * True when the method called this way makes no call and has no {@code throw} (a field setter such as javac's
     * {@code access$002} for an inner class, a flag getter): only an {@link Error} or an implicit exception of a field
     * access can leave it, which the release family's paths do not follow. False when a subclass may override it
     * ({@code dispatched} and the method is neither static, private nor final in a final class) or it cannot be read.
     */
    public boolean throwsNothing(String owner, String name, String sig, boolean dispatched) {
        if (owner.indexOf('[') >= 0 || name.startsWith("<")) {
            return false;
        }
        String key = owner + '.' + name + sig + (dispatched ? "/v" : "/s");
        Boolean cached = throwsNothing.get(key);
        if (cached == null) {
            cached = computeThrowsNothing(owner, name, sig, dispatched);
            throwsNothing.put(key, cached);
        }
        return cached;
    }

    private boolean computeThrowsNothing(String owner, String name, String sig, boolean dispatched) {
        JavaClass jc = load(owner);
        if (jc == null) {
            return false;
        }
        for (Method m : jc.getMethods()) {
            if (!m.getName().equals(name) || !m.getSignature().equals(sig)) {
                continue;
            }
            boolean fixed = !dispatched || m.isStatic() || m.isPrivate() || m.isFinal() || jc.isFinal();
            return fixed && !m.isNative() && m.getCode() != null && noCallOrThrow(m.getCode().getCode());
        }
        return false;
    }

    private static boolean noCallOrThrow(byte[] code) {
        org.apache.bcel.generic.InstructionList list;
        try {
            list = new org.apache.bcel.generic.InstructionList(code);
        } catch (RuntimeException e) {
            // Code BCEL cannot decode may throw anything; the method's own analysis reports the damage.
            return false;
        }
        for (org.apache.bcel.generic.Instruction ins : list.getInstructions()) {
            if (ins instanceof org.apache.bcel.generic.InvokeInstruction || ins.getOpcode() == Const.ATHROW) {
                return false;
            }
        }
        return true;
    }

    /**
     * The class that declares the field {@code name} referenced through {@code refClass} (a subclass may name an
     * inherited field): the one name every access of the field shares. {@code refClass} itself when the hierarchy
     * cannot be read.
     */
    public String declaringClass(String refClass, String name) {
        return fieldInfo(refClass, name)[0];
    }

    /** The dotted class name of the field's declared type, or null for primitives, arrays and unknown fields. */
    public String fieldType(String owner, String name) {
        return fieldInfo(owner, name)[1];
    }

    private String[] fieldInfo(String refClass, String name) {
        String key = refClass + '.' + name;
        String[] cached = fields.get(key);
        if (cached == null) {
            cached = resolveField(refClass, name);
            fields.put(key, cached);
        }
        return cached;
    }

    private String[] resolveField(String refClass, String name) {
        String cls = refClass;
        for (int depth = 0; depth < 32 && cls != null && refClass.indexOf('[') < 0; depth++) {
            JavaClass jc = load(cls);
            if (jc == null) {
                break;
            }
            for (org.apache.bcel.classfile.Field f : jc.getFields()) {
                if (f.getName().equals(name)) {
                    org.apache.bcel.generic.Type t = f.getType();
                    return new String[] {cls, t instanceof org.apache.bcel.generic.ObjectType
                            ? ((org.apache.bcel.generic.ObjectType) t).getClassName() : null};
                }
            }
            cls = "java.lang.Object".equals(cls) ? null : jc.getSuperclassName();
        }
        return new String[] {refClass, null};
    }

    /** Whether {@code owner} declares a static field {@code name}; false when it declares none or cannot be read. */
    boolean declaresStaticField(String owner, String name) {
        JavaClass jc = load(owner);
        if (jc == null) {
            return false;
        }
        for (org.apache.bcel.classfile.Field f : jc.getFields()) {
            if (f.getName().equals(name)) {
                return f.isStatic();
            }
        }
        return false;
    }

    private AccessPath compute(String owner, String name, String sig, boolean isStatic) {
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

    private AccessPath fromCode(Code code, ConstantPool cp, boolean isStatic) {
        if (code == null) {
            return null;
        }
        byte[] b = code.getCode();
        if (!isStatic && b.length == 5 && (b[0] & 0xff) == Const.ALOAD_0 && (b[1] & 0xff) == Const.GETFIELD
                && (b[4] & 0xff) == Const.ARETURN) {
            String[] f = field(cp, ((b[2] & 0xff) << 8) | (b[3] & 0xff));
            return AccessPath.field(AccessPath.THIS, declaringClass(f[0], f[1]), f[1]);
        }
        if (b.length == 4 && (b[0] & 0xff) == Const.GETSTATIC && (b[3] & 0xff) == Const.ARETURN) {
            String[] f = field(cp, ((b[1] & 0xff) << 8) | (b[2] & 0xff));
            return AccessPath.staticField(declaringClass(f[0], f[1]), f[1]);
        }
        return !isStatic && returnsOnlyThis(b, cp) ? AccessPath.THIS : null;
    }

    /**
     * Every {@code areturn} returns {@code this}: each is preceded by {@code aload_0} (local 0 is never stored to),
     * optionally through a {@code checkcast} of it, or by a no-argument {@code super.m()} on {@code this} that itself
     * returns only {@code this} (a subclass narrowing the type: {@code return (WithCondition) super.lock();}).
     */
    private boolean returnsOnlyThis(byte[] code, ConstantPool cp) {
        org.apache.bcel.generic.InstructionList list;
        try {
            list = new org.apache.bcel.generic.InstructionList(code);
        } catch (RuntimeException e) {
            // Code BCEL cannot decode is no accessor; the method's own analysis reports the damage.
            return false;
        }
        boolean sawReturn = false;
        org.apache.bcel.generic.Instruction[] all = list.getInstructions();
        for (int i = 0; i < all.length; i++) {
            short op = all[i].getOpcode();
            if (op == Const.ASTORE_0 || op == Const.ASTORE && ((org.apache.bcel.generic.LocalVariableInstruction) all[i]).getIndex() == 0) {
                return false;
            }
            if (op == Const.ARETURN) {
                int j = i - 1;
                if (j >= 0 && all[j].getOpcode() == Const.CHECKCAST) {
                    j--;
                }
                if (j < 0 || !(all[j].getOpcode() == Const.ALOAD_0 || isSuperCallReturningThis(all, j, cp))) {
                    return false;
                }
                sawReturn = true;
            }
        }
        return sawReturn;
    }

    private boolean isSuperCallReturningThis(org.apache.bcel.generic.Instruction[] all, int j, ConstantPool cp) {
        if (j < 1 || all[j].getOpcode() != Const.INVOKESPECIAL || all[j - 1].getOpcode() != Const.ALOAD_0) {
            return false;
        }
        org.apache.bcel.generic.ConstantPoolGen cpg = ClassFiles.readOnlyPool(cp);
        org.apache.bcel.generic.INVOKESPECIAL call = (org.apache.bcel.generic.INVOKESPECIAL) all[j];
        String sig = call.getSignature(cpg);
        if (!sig.startsWith("()") || call.getMethodName(cpg).startsWith("<")) {
            return false;
        }
        AccessPath superReturns = returnedPath(call.getClassName(cpg), call.getMethodName(cpg), sig, false);
        return superReturns != null && superReturns.kind() == AccessPath.Kind.THIS;
    }

    private static String[] field(ConstantPool cp, int index) {
        ConstantFieldref ref = cp.getConstant(index, ConstantFieldref.class);
        String owner = ref.getClass(cp).replace('/', '.');
        ConstantNameAndType nt = cp.getConstant(ref.getNameAndTypeIndex(), ConstantNameAndType.class);
        return new String[] {owner, nt.getName(cp)};
    }

    private JavaClass load(String dottedName) {
        return ClassFiles.load(dottedName, failures);
    }
}
