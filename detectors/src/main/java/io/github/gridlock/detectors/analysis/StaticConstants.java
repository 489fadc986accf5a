package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.BIPUSH;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.ICONST;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.LDC2_W;
import org.apache.bcel.generic.SIPUSH;
import org.apache.bcel.generic.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the class initialiser stores in a static final field of reference type, when it is a constant object: one
 * built right there by {@code new C(..)} (an object no other field's initialiser can hold: {@code new Integer(3)}, an
 * enum constant, {@code new Object()}), or a boxed or string constant ({@code Integer.valueOf(3)}, {@code "commit"}).
 * Enough to tell that two such fields hold objects that are never {@code ==}, and, when both classes' {@code equals}
 * is known (the identity of {@code Object} or {@code Enum}, or a boxed or string value), never {@code equals}.
 *
 * <p>Read from the bytecode of the field's declaring class: its one {@code putstatic} of the field in
 * {@code <clinit>}, by a straight-line scan (the stack is forgotten at every branch, so a field set under a
 * condition is not known). One instance per analysis run, kept by its user; memoised per field.
 */
public final class StaticConstants {
    /** What a static final field holds. */
    public static final class Value {
        final String field;
        final String cls;
        final boolean fresh;
        final Object boxed;
        final boolean identityEquals;

        Value(String field, String cls, boolean fresh, Object boxed, boolean identityEquals) {
            this.field = field;
            this.cls = cls;
            this.fresh = fresh;
            this.boxed = boxed;
            this.identityEquals = identityEquals;
        }

        @Override
        public String toString() {
            return field + "=" + (fresh ? "new " : "") + cls + (boxed == null ? "" : "(" + boxed + ")");
        }
    }

    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.String");
    private static final Value UNKNOWN = new Value("?", "?", false, null, false);

    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Boolean> identityEquals = new HashMap<>();

    /** The value of the static field {@code name} referenced through {@code dottedOwner}; null when not known. */
    public Value of(String dottedOwner, String name) {
        String key = dottedOwner + "." + name;
        Value v = values.get(key);
        if (v == null) {
            v = read(dottedOwner, name);
            values.put(key, v);
        }
        return v == UNKNOWN ? null : v;
    }

    /**
     * Whether two fields' objects are the same ({@code equals} when {@code byEquals}, else {@code ==}): TRUE for one
     * field (or two equal boxed values, by {@code equals}), FALSE when they provably differ, null when not known.
     */
    public static Boolean same(Value a, Value b, boolean byEquals) {
        if (a == null || b == null) {
            return null;
        }
        if (a.field.equals(b.field)) {
            return Boolean.TRUE;
        }
        boolean aValue = a.boxed != null;
        boolean bValue = b.boxed != null;
        if (byEquals) {
            if (aValue && bValue) {
                return a.cls.equals(b.cls) && a.boxed.equals(b.boxed);
            }
            boolean aIdentity = a.fresh && a.identityEquals;
            boolean bIdentity = b.fresh && b.identityEquals;
            // An identity-equals object equals only itself; a boxed value's equals rejects every other class.
            return aIdentity && (bIdentity || bValue) || bIdentity && aValue ? Boolean.FALSE : null;
        }
        if (a.fresh || b.fresh) {
            return Boolean.FALSE; // an object built in one field's initialiser is in no other field
        }
        return aValue && bValue && !(a.cls.equals(b.cls) && a.boxed.equals(b.boxed)) ? Boolean.FALSE : null;
    }

    private Value read(String dottedOwner, String name) {
        XField f = ClassHierarchy.findField(dottedOwner, name, true);
        if (f == null || !f.isFinal() || !f.getSignature().startsWith("L")) {
            return UNKNOWN;
        }
        String declaring = f.getClassDescriptor().getDottedClassName();
        JavaClass jc = ClassFiles.load(declaring);
        if (jc == null) {
            return UNKNOWN;
        }
        for (Method m : jc.getMethods()) {
            if (m.getName().equals("<clinit>") && m.getCode() != null) {
                return scan(m, ClassFiles.readOnlyPool(jc), declaring, name);
            }
        }
        return UNKNOWN;
    }

    /** An object built by {@code new}, not yet stored, with the constant its constructor got (for boxes). */
    private static final class Built {
        final String cls;
        Object boxed;

        Built(String cls) {
            this.cls = cls;
        }
    }

    /** A boxed or string constant that is not fresh ({@code valueOf}, {@code ldc}). */
    private static final class Shared {
        final String cls;
        final Object boxed;

        Shared(String cls, Object boxed) {
            this.cls = cls;
            this.boxed = boxed;
        }
    }

    private static final Object OTHER = new Object();

    private Value scan(Method m, ConstantPoolGen cpg, String declaring, String name) {
        InstructionList il;
        try {
            il = new InstructionList(m.getCode().getCode());
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
        Set<InstructionHandle> targets = new HashSet<>();
        for (InstructionHandle h : il.getInstructionHandles()) {
            if (h.getInstruction() instanceof BranchInstruction) {
                targets.add(((BranchInstruction) h.getInstruction()).getTarget());
                if (h.getInstruction() instanceof Select) {
                    targets.addAll(List.of(((Select) h.getInstruction()).getTargets()));
                }
            }
        }
        List<Object> stack = new ArrayList<>();
        Object stored = null;
        int stores = 0;
        for (InstructionHandle h : il.getInstructionHandles()) {
            if (targets.contains(h)) {
                stack.clear();
            }
            Instruction i = h.getInstruction();
            short op = i.getOpcode();
            if (op == Const.PUTSTATIC) {
                FieldInstruction fi = (FieldInstruction) i;
                if (fi.getFieldName(cpg).equals(name) && fi.getReferenceType(cpg).toString().equals(declaring)) {
                    stores++;
                    stored = stack.isEmpty() ? OTHER : stack.get(stack.size() - 1);
                }
            }
            if (!push(i, cpg, stack)) {
                pop(stack, i.consumeStack(cpg));
                for (int k = 0; k < i.produceStack(cpg); k++) {
                    stack.add(OTHER);
                }
            }
            if (i instanceof BranchInstruction) {
                stack.clear();
            }
        }
        String field = declaring + "." + name;
        if (stores != 1) {
            return UNKNOWN;
        }
        if (stored instanceof Built) {
            Built b = (Built) stored;
            Object boxed = BOXES.contains(b.cls) ? b.boxed : null;
            if (BOXES.contains(b.cls) && boxed == null) {
                return new Value(field, b.cls, true, null, false);
            }
            return new Value(field, b.cls, true, boxed, boxed == null && hasIdentityEquals(b.cls));
        }
        if (stored instanceof Shared) {
            return new Value(field, ((Shared) stored).cls, false, ((Shared) stored).boxed, false);
        }
        return UNKNOWN;
    }

    /** The instructions the scan follows; false for every other one (popped and pushed as unknown). */
    private static boolean push(Instruction i, ConstantPoolGen cpg, List<Object> stack) {
        short op = i.getOpcode();
        if (i instanceof ICONST) {
            stack.add(((ICONST) i).getValue().intValue());
        } else if (i instanceof BIPUSH) {
            stack.add(((BIPUSH) i).getValue().intValue());
        } else if (i instanceof SIPUSH) {
            stack.add(((SIPUSH) i).getValue().intValue());
        } else if (i instanceof LDC) {
            Object v = ((LDC) i).getValue(cpg);
            stack.add(v instanceof String ? new Shared("java.lang.String", v) : v instanceof Number ? v : OTHER);
        } else if (i instanceof LDC2_W) {
            stack.add(OTHER);
            stack.add(((LDC2_W) i).getValue(cpg)); // the value on the top word, its class known from the call
        } else if (op == Const.NEW) {
            stack.add(new Built(((org.apache.bcel.generic.NEW) i).getLoadClassType(cpg).getClassName()));
        } else if (op == Const.DUP && !stack.isEmpty()) {
            stack.add(stack.get(stack.size() - 1));
        } else if (op == Const.INVOKESPECIAL || op == Const.INVOKESTATIC) {
            return invoke((InvokeInstruction) i, cpg, stack);
        } else {
            return false;
        }
        return true;
    }

    /** A constructor of a box given one constant, or {@code valueOf(constant)} of one. */
    private static boolean invoke(InvokeInstruction call, ConstantPoolGen cpg, List<Object> stack) {
        String owner = call.getClassName(cpg);
        int words = call.consumeStack(cpg);
        Object top = stack.isEmpty() ? OTHER : stack.get(stack.size() - 1);
        boolean oneConstant = call.getArgumentTypes(cpg).length == 1 && !(top instanceof Built) && top != OTHER
                && (!(top instanceof Shared) || "java.lang.String".equals(owner));
        Object constant = top instanceof Shared ? ((Shared) top).boxed : top;
        if (call.getOpcode() == Const.INVOKESPECIAL) {
            pop(stack, words);
            if ("<init>".equals(call.getMethodName(cpg)) && stack.size() >= 1 && stack.get(stack.size() - 1) instanceof Built) {
                Built b = (Built) stack.get(stack.size() - 1);
                if (b.cls.equals(owner) && BOXES.contains(owner) && oneConstant) {
                    b.boxed = constant;
                }
            }
            return true;
        }
        pop(stack, words);
        boolean valueOf = "valueOf".equals(call.getMethodName(cpg)) && BOXES.contains(owner)
                && !"java.lang.String".equals(owner) && oneConstant;
        stack.add(valueOf ? new Shared(owner, constant) : OTHER);
        for (int k = 1; k < call.produceStack(cpg); k++) {
            stack.add(OTHER);
        }
        return true;
    }

    private static void pop(List<Object> stack, int words) {
        for (int k = 0; k < words && !stack.isEmpty(); k++) {
            stack.remove(stack.size() - 1);
        }
    }

    /** Whether {@code equals} of the class is {@code ==}: inherited from {@code Object} or {@code Enum}. */
    private boolean hasIdentityEquals(String dottedClass) {
        return identityEquals.computeIfAbsent(dottedClass, StaticConstants::computeIdentityEquals);
    }

    private static boolean computeIdentityEquals(String dottedClass) {
        ClassDescriptor current = DescriptorFactory.createClassDescriptorFromDottedClassName(dottedClass);
        for (int depth = 0; depth < 32 && current != null; depth++) {
            String name = current.getDottedClassName();
            if (name.equals("java.lang.Object") || name.equals("java.lang.Enum")) {
                return true;
            }
            XClass x;
            try {
                x = Global.getAnalysisCache().getClassAnalysis(XClass.class, current);
            } catch (CheckedAnalysisException e) {
                return false; // a class on the way is missing: its equals is not known
            }
            for (XMethod method : x.getXMethods()) {
                if (method.getName().equals("equals") && method.getSignature().equals("(Ljava/lang/Object;)Z")
                        && !method.isStatic()) {
                    return false;
                }
            }
            current = x.getSuperclassDescriptor();
        }
        return false;
    }
}
