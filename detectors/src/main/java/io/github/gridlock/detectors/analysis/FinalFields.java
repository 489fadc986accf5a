package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XField;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Whether a field is {@code final}: two reads of it from the same object (outside its constructor) see one value.
 * Looked up from the class a field reference names through its superclasses; a class the analysis cannot load says
 * "not final". And, for a final field, the classes of the objects its stores put there ({@link #storedClasses}), or
 * whether they all put a one-thread executor ({@link #holdsOneThreadExecutor}). One instance per method analysis:
 * answers are cached.
 */
final class FinalFields {
    private static final String NEW_SET_FROM_MAP = "java.util.Collections.newSetFromMap(Ljava/util/Map;)Ljava/util/Set;";
    private final Map<List<Object>, Boolean> cache = new HashMap<>();
    private final Map<List<Object>, List<String>> stored = new HashMap<>();
    private final Map<List<Object>, Boolean> oneThread = new HashMap<>();

    boolean isFinal(String dottedOwner, String name, boolean isStatic) {
        return cache.computeIfAbsent(List.of(dottedOwner, name, isStatic), k -> lookUp(dottedOwner, name, isStatic));
    }

    private static boolean lookUp(String dottedOwner, String name, boolean isStatic) {
        XField f = ClassHierarchy.findField(dottedOwner, name, isStatic);
        return f != null && f.isFinal();
    }

    /**
     * The classes (dotted) of the objects the stores of the final field {@code owner.name} put there, when every store
     * in its declaring class puts an object built right before it: {@code new C(..)}, or
     * {@code Collections.newSetFromMap(new C(..))} (such a set runs every call on its map, so it is the map's kind:
     * {@code C}). Null when the field is not final, has no store, or any store puts something else.
     */
    List<String> storedClasses(String owner, String name, boolean isStatic) {
        return stored.computeIfAbsent(List.of(owner, name, isStatic),
                k -> findStores(owner, name, isStatic, FinalFields::builtBefore));
    }

    /**
     * True when the final field {@code owner.name} holds an executor with one thread for its whole life: every store
     * in its declaring class puts what a {@link ConcurrencyApi.ExecutorThreads#ONE} factory returned right before
     * ({@code private final ExecutorService loop = Executors.newSingleThreadExecutor();}). Work posted to it runs on
     * that one thread, one task after the other.
     */
    boolean holdsOneThreadExecutor(String owner, String name, boolean isStatic) {
        return oneThread.computeIfAbsent(List.of(owner, name, isStatic),
                k -> findStores(owner, name, isStatic, FinalFields::oneThreadExecutorBefore) != null);
    }

    /**
     * What each store of the final field puts there, as {@code valueBefore} reads it from the instruction before the
     * store; null when the field is not final, has no store, or {@code valueBefore} cannot say for some store.
     */
    private List<String> findStores(String owner, String name, boolean isStatic,
            BiFunction<InstructionHandle, ConstantPool, String> valueBefore) {
        XField f = ClassHierarchy.findField(owner, name, isStatic);
        if (f == null || !f.isFinal()) {
            return null;
        }
        String declaring = f.getClassDescriptor().getDottedClassName();
        JavaClass jc = ClassFiles.load(declaring);
        if (jc == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Method m : jc.getMethods()) {
            if (m.getCode() != null && !storesOf(m, declaring, name, isStatic, valueBefore, out)) {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** Adds what each store of the field in {@code m} puts there; false when {@code valueBefore} cannot say for one. */
    private static boolean storesOf(Method m, String declaring, String name, boolean isStatic,
            BiFunction<InstructionHandle, ConstantPool, String> valueBefore, List<String> out) {
        ConstantPool cp = m.getCode().getConstantPool();
        InstructionList list;
        try {
            list = new InstructionList(m.getCode().getCode());
        } catch (RuntimeException e) {
            return false; // code BCEL cannot decode: its stores are not known; its own analysis reports the damage
        }
        short store = isStatic ? Const.PUTSTATIC : Const.PUTFIELD;
        for (InstructionHandle h = list.getStart(); h != null; h = h.getNext()) {
            if (h.getInstruction().getOpcode() != store) {
                continue;
            }
            String[] ref = NonThrowingCalls.ref(cp, ((FieldInstruction) h.getInstruction()).getIndex());
            if (!ref[1].equals(name) || !ref[0].equals(declaring)) {
                continue;
            }
            String built = h.hasTargeters() ? null : valueBefore.apply(h.getPrev(), cp); // a join: which value is stored?
            if (built == null) {
                return false;
            }
            out.add(built);
        }
        return true;
    }

    /** The class of the object a constructor call at {@code h} (or a {@code newSetFromMap} of one) leaves, or null. */
    private static String builtBefore(InstructionHandle h, ConstantPool cp) {
        if (h == null || !(h.getInstruction() instanceof InvokeInstruction) || h.hasTargeters()) {
            return null;
        }
        String[] ref = NonThrowingCalls.ref(cp, ((InvokeInstruction) h.getInstruction()).getIndex());
        short op = h.getInstruction().getOpcode();
        if (op == Const.INVOKESTATIC && NEW_SET_FROM_MAP.equals(ref[0] + '.' + ref[1] + ref[2])) {
            return builtBefore(h.getPrev(), cp);
        }
        return op == Const.INVOKESPECIAL && "<init>".equals(ref[1]) ? ref[0] : null;
    }

    /** The factory a call at {@code h} to a one-thread executor factory names, or null for any other instruction. */
    private static String oneThreadExecutorBefore(InstructionHandle h, ConstantPool cp) {
        if (h == null || !(h.getInstruction() instanceof InvokeInstruction) || h.hasTargeters()) {
            return null;
        }
        ConcurrencyApi.Entry made = ConcurrencyApi.lookupResource((InvokeInstruction) h.getInstruction(),
                ClassFiles.readOnlyPool(cp));
        return made != null && made.effect() == ConcurrencyApi.Effect.CREATES_EXECUTOR
                && made.executorThreads() == ConcurrencyApi.ExecutorThreads.ONE ? made.name() : null;
    }
}
