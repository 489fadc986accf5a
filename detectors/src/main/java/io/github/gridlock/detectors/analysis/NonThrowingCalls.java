package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.Hierarchy2;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls of the program's own code that cannot end with an exception of their own: javac's {@code access$NNN}
 * bridges of an inner class, field setters and flag getters (the method makes no call and has no {@code throw},
 * {@link Getters#throwsNothing}), trivial accessors ({@code return this.x;}, {@link Getters#returnedPath}), and
 * {@code invokedynamic} (a lambda or a string concatenation is made; nothing of the program runs). Only an
 * {@link Error} or an implicit exception of a field access could leave them, which no family's paths count as a
 * failure of the work. A call that may be dispatched to an override (neither static, private nor final) is not
 * known. {@code AcquireStates} has the same notion, with the JDK calls it knows on top.
 *
 * <p>{@link #cannotThrowDeeply} goes further, for the families that ask "can anything between the acquire and the
 * {@code try} fail?": a call whose every target among the analysed classes (all overrides, by class-hierarchy
 * analysis) runs only instructions that cannot throw and calls that cannot throw, to a bounded depth, with recursion
 * cut. JDK calls count only with a {@link ConcurrencyApi.Effect#NEVER_THROWS} row. Assumed: the analysed classes are
 * the whole program below the call's receiver type (an override the analysis does not see may throw), so a receiver
 * type outside the analysed classes, or an interface a lambda could implement, is never known. Null dereferences
 * (of a field read, of a receiver) and {@link Error}s are not counted, as for the accessors above; the other implicit
 * exceptions (division, casts, array indices and sizes, array stores) are.
 *
 * <p>{@link #collectionCallCannotThrow}: a lookup, insertion or removal of one element on a JDK hash or identity
 * collection held in a final field whose every store puts a collection built right there ({@code new HashSet<>()},
 * {@code Collections.newSetFromMap(new IdentityHashMap<>())}). An identity collection runs nothing of the element;
 * a hash one runs its {@code hashCode} and {@code equals}, known only for a JDK element class whose every known
 * override of both is {@code Object}'s or has a {@code NEVER_THROWS} row. Data races on the collection are another
 * finding's business (the shared-state family), not an exception path here.
 */
public final class NonThrowingCalls {
    private NonThrowingCalls() {
    }

    /** True when the call is known to raise nothing of its own. */
    public static boolean cannotThrow(InvokeInstruction call, ConstantPoolGen cpg, Getters getters) {
        if (call instanceof INVOKEDYNAMIC) {
            return true;
        }
        String owner = call.getClassName(cpg);
        String name = call.getMethodName(cpg);
        String sig = call.getSignature(cpg);
        boolean dispatched = call instanceof INVOKEVIRTUAL || call instanceof INVOKEINTERFACE;
        if (getters.throwsNothing(owner, name, sig, dispatched)) {
            return true;
        }
        AccessPath returned = getters.returnedPath(owner, name, sig, call instanceof INVOKESTATIC);
        // A field accessor cannot throw; a method that returns its receiver may call anything first.
        return returned != null && returned.kind() != AccessPath.Kind.THIS;
    }

    /** How deep {@link #cannotThrowDeeply} follows calls, and how many methods it reads for one question. */
    static final int MAX_DEPTH = 5;
    static final int MAX_METHODS = 48;
    /** A virtual call with more analysed targets than this is not known (as in {@link CallGraph}). */
    static final int MAX_TARGETS = 8;

    private static final Set<String> IDENTITY_COLLECTIONS = Set.of("java.util.IdentityHashMap");
    private static final Set<String> HASH_COLLECTIONS = Set.of("java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.WeakHashMap");
    /** Calls on such a collection that take one element (or key) as argument 0 and run only its hash and equality. */
    private static final Set<String> ELEMENT_CALLS = Set.of("remove(Ljava/lang/Object;)Z", "contains(Ljava/lang/Object;)Z",
            "add(Ljava/lang/Object;)Z", "containsKey(Ljava/lang/Object;)Z", "get(Ljava/lang/Object;)Ljava/lang/Object;",
            "remove(Ljava/lang/Object;)Ljava/lang/Object;",
            "put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
    private static final Set<String> PLAIN_CALLS = Set.of("size()I", "isEmpty()Z", "clear()V");

    /**
     * True when the call cannot end with an exception of its own: {@link #cannotThrow}, a {@code NEVER_THROWS} JDK
     * call, or a call of the program's own code whose every target (and everything they call, {@link #MAX_DEPTH} deep)
     * cannot throw.
     */
    public static boolean cannotThrowDeeply(InvokeInstruction call, ConstantPoolGen cpg, Getters getters) {
        if (cannotThrow(call, cpg, getters) || ConcurrencyApi.neverThrows(call, cpg)) {
            return true;
        }
        if (call instanceof INVOKEDYNAMIC) {
            return false;
        }
        boolean virtual = call instanceof INVOKEVIRTUAL || call instanceof INVOKEINTERFACE;
        Deep deep = Deep.current();
        return deep != null && deep.cannotThrow(virtual, call instanceof INVOKESTATIC, call.getClassName(cpg),
                call.getMethodName(cpg), call.getSignature(cpg));
    }

    /**
     * True when the call is a one-element lookup, insertion or removal ({@link #ELEMENT_CALLS}), or a size or clear,
     * on a JDK hash or identity collection: {@code receiver} is a final field every store of which puts such a
     * collection ({@link FinalFields#storedClasses}), and for a hash collection {@code elementClass} (the argument's
     * static type, dotted; {@code "null"} for the null constant; null when unknown) hashes without throwing.
     */
    static boolean collectionCallCannotThrow(InvokeInstruction call, ConstantPoolGen cpg, AccessPath receiver,
            FinalFields finalFields, String elementClass) {
        if (receiver == null || !(receiver.kind() == AccessPath.Kind.FIELD || receiver.kind() == AccessPath.Kind.STATIC_FIELD)
                || !(call instanceof INVOKEINTERFACE || call instanceof INVOKEVIRTUAL)) {
            return false;
        }
        String method = call.getMethodName(cpg) + call.getSignature(cpg);
        boolean element = ELEMENT_CALLS.contains(method);
        if (!element && !PLAIN_CALLS.contains(method)) {
            return false;
        }
        List<String> stored = finalFields.storedClasses(receiver.owner(), receiver.name(),
                receiver.kind() == AccessPath.Kind.STATIC_FIELD);
        if (stored == null) {
            return false;
        }
        boolean hashes = false;
        for (String cls : stored) {
            if (HASH_COLLECTIONS.contains(cls)) {
                hashes = true;
            } else if (!IDENTITY_COLLECTIONS.contains(cls)) {
                return false;
            }
        }
        return !element || !hashes || hashesWithoutThrowing(elementClass);
    }

    /** An element of static type {@code cls} whose {@code hashCode()} and {@code equals(Object)} cannot throw. */
    private static boolean hashesWithoutThrowing(String cls) {
        if ("null".equals(cls)) {
            return true; // a null key: the JDK hash collections hash it as 0 and call nothing
        }
        if (cls == null || cls.startsWith("[") || isApplicationClass(cls)) {
            return false; // unknown, or a class of the program's own: its equality is the program's to get right
        }
        return onlyIdentityOrRows(cls, "hashCode", "()I") && onlyIdentityOrRows(cls, "equals", "(Ljava/lang/Object;)Z");
    }

    private static boolean onlyIdentityOrRows(String cls, String name, String sig) {
        try {
            Set<XMethod> targets = Hierarchy2.resolveVirtualMethodCallTargets(
                    DescriptorFactory.createClassDescriptorFromDottedClassName(cls), name, sig, false, false);
            if (targets.isEmpty()) {
                return false;
            }
            for (XMethod m : targets) {
                String declaring = m.getClassDescriptor().getDottedClassName();
                if (!"java.lang.Object".equals(declaring) && !ConcurrencyApi.neverThrows(declaring, name, sig, false)) {
                    return false;
                }
            }
            return true;
        } catch (ClassNotFoundException e) {
            AnalysisContext.reportMissingClass(e);
            return false;
        }
    }

    private static boolean isApplicationClass(String dotted) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context != null && context.isApplicationClass(DescriptorFactory.createClassDescriptorFromDottedClassName(dotted));
    }

    /**
     * The answers of {@link #cannotThrowDeeply} for one analysis (a database of SpotBugs' analysis cache, tied to its
     * {@link AnalysisContext} like {@code ConcurrencyApi}'s memo): one answer per called method and kind of call.
     */
    private static final class Deep {
        private final AnalysisContext context;
        private final Map<String, Boolean> answers = new HashMap<>();

        private Deep(AnalysisContext context) {
            this.context = context;
        }

        static Deep current() {
            edu.umd.cs.findbugs.classfile.IAnalysisCache cache = Global.getAnalysisCache();
            AnalysisContext context = AnalysisContext.currentAnalysisContext();
            if (cache == null || context == null) {
                return null;
            }
            Deep deep = cache.getOptionalDatabase(Deep.class);
            if (deep == null || deep.context != context) {
                deep = new Deep(context);
                cache.eagerlyPutDatabase(Deep.class, deep);
            }
            return deep;
        }

        boolean cannotThrow(boolean virtual, boolean isStatic, String owner, String name, String sig) {
            String key = (virtual ? "v " : isStatic ? "s " : "p ") + owner + '.' + name + sig;
            Boolean known = answers.get(key);
            if (known == null) {
                known = walk(virtual, isStatic, owner, name, sig);
                answers.put(key, known);
            }
            return known;
        }

        /**
         * Breadth-first over everything the call may run: every method read once (recursion and shared callees cut),
         * none deeper than {@link #MAX_DEPTH}, at most {@link #MAX_METHODS}; any instruction or call that may throw,
         * or a call whose targets are not known, answers false.
         */
        private boolean walk(boolean virtual, boolean isStatic, String owner, String name, String sig) {
            List<XMethod> first = targetsOf(virtual, isStatic, owner, name, sig);
            if (first == null) {
                return false;
            }
            Set<MethodDescriptor> seen = new HashSet<>();
            Deque<Object[]> work = new ArrayDeque<>();
            for (XMethod m : first) {
                if (seen.add(m.getMethodDescriptor())) {
                    work.add(new Object[] {m, 0});
                }
            }
            while (!work.isEmpty()) {
                Object[] next = work.poll();
                XMethod m = (XMethod) next[0];
                int depth = (Integer) next[1];
                List<String[]> calls = callsOfNonThrowingBody(m);
                if (calls == null || !calls.isEmpty() && depth >= MAX_DEPTH) {
                    return false;
                }
                for (String[] c : calls) {
                    List<XMethod> targets = targetsOf(c[0].equals("v"), c[0].equals("s"), c[1], c[2], c[3]);
                    if (targets == null) {
                        return false;
                    }
                    for (XMethod t : targets) {
                        if (seen.add(t.getMethodDescriptor())) {
                            if (seen.size() > MAX_METHODS) {
                                return false;
                            }
                            work.add(new Object[] {t, depth + 1});
                        }
                    }
                }
            }
            return true;
        }

        /**
         * The program calls {@code m} makes ({kind, owner, name, sig}), when its own instructions cannot throw and its
         * JDK calls have {@code NEVER_THROWS} rows (or build an {@link Error}); null when something in it may throw.
         */
        private List<String[]> callsOfNonThrowingBody(XMethod m) {
            Method method = load(m);
            if (method == null || method.getCode() == null) {
                return null;
            }
            ConstantPool cp = method.getCode().getConstantPool();
            InstructionList list;
            try {
                list = new InstructionList(method.getCode().getCode());
            } catch (RuntimeException e) {
                return null; // code BCEL cannot decode: not known; the method's own analysis reports the damage
            }
            List<String[]> calls = new ArrayList<>();
            for (InstructionHandle h = list.getStart(); h != null; h = h.getNext()) {
                Instruction ins = h.getInstruction();
                short op = ins.getOpcode();
                if (ins instanceof InvokeInstruction) {
                    if (op == Const.INVOKEDYNAMIC) {
                        return null;
                    }
                    String[] ref = ref(cp, ((InvokeInstruction) ins).getIndex());
                    boolean isStatic = op == Const.INVOKESTATIC;
                    if (ConcurrencyApi.neverThrows(ref[0], ref[1], ref[2], isStatic)
                            || "<init>".equals(ref[1]) && ConcurrencyApi.isSubtype(ref[0], "java.lang.Error")) {
                        continue;
                    }
                    String kind = op == Const.INVOKEVIRTUAL || op == Const.INVOKEINTERFACE ? "v" : isStatic ? "s" : "p";
                    calls.add(new String[] {kind, ref[0], ref[1], ref[2]});
                } else if (op == Const.ATHROW) {
                    if (!buildsError(h.getPrev(), cp)) {
                        return null;
                    }
                } else if (mayThrowImplicitly(op)) {
                    return null;
                }
            }
            return calls;
        }

        /** {@code throw new AssertionError(..)}: an {@link Error}'s constructor right before the {@code athrow}. */
        private static boolean buildsError(InstructionHandle prev, ConstantPool cp) {
            if (prev == null || prev.getInstruction().getOpcode() != Const.INVOKESPECIAL) {
                return false;
            }
            String[] ref = ref(cp, ((InvokeInstruction) prev.getInstruction()).getIndex());
            return "<init>".equals(ref[1]) && ConcurrencyApi.isSubtype(ref[0], "java.lang.Error");
        }

        private static boolean mayThrowImplicitly(short op) {
            switch (op) {
                case Const.IDIV: case Const.LDIV: case Const.IREM: case Const.LREM:
                case Const.CHECKCAST:
                case Const.IALOAD: case Const.LALOAD: case Const.FALOAD: case Const.DALOAD: case Const.AALOAD:
                case Const.BALOAD: case Const.CALOAD: case Const.SALOAD:
                case Const.IASTORE: case Const.LASTORE: case Const.FASTORE: case Const.DASTORE: case Const.AASTORE:
                case Const.BASTORE: case Const.CASTORE: case Const.SASTORE:
                case Const.NEWARRAY: case Const.ANEWARRAY: case Const.MULTIANEWARRAY:
                case Const.MONITORENTER: case Const.MONITOREXIT:
                    return true;
                default:
                    return false;
            }
        }

        /**
         * The methods a call may run, all of them analysed code: the one method of a static or special call, every
         * override of a virtual one below a receiver type of the analysed classes that no lambda could implement;
         * null when any is not known (a JDK or library method, native, too many, none).
         */
        private List<XMethod> targetsOf(boolean virtual, boolean isStatic, String owner, String name, String sig) {
            if (owner.startsWith("[") || !isApplicationClass(owner)) {
                return null;
            }
            if (virtual) {
                return CallGraph.closedWorldTargets(owner, name, sig, MAX_TARGETS);
            }
            try {
                XMethod m = Hierarchy2.findInvocationLeastUpperBound(
                        DescriptorFactory.createClassDescriptorFromDottedClassName(owner), name, sig, isStatic, false);
                return analysedCode(m) ? List.of(m) : null;
            } catch (RuntimeException e) {
                GridlockAnalysis.current().failures().classFailed(owner, e);
                return null;
            }
        }

        private static boolean analysedCode(XMethod m) {
            return m != null && !m.isAbstract() && !m.isNative() && isApplicationClass(m.getClassDescriptor().getDottedClassName());
        }

        private Method load(XMethod m) {
            JavaClass jc = loadClass(m.getClassDescriptor().getDottedClassName());
            if (jc == null) {
                return null;
            }
            for (Method method : jc.getMethods()) {
                if (method.getName().equals(m.getName()) && method.getSignature().equals(m.getSignature())) {
                    return method;
                }
            }
            return null;
        }

        private JavaClass loadClass(String dotted) {
            return ClassFiles.load(dotted);
        }
    }

    /** {owner (dotted), name, signature} of the field or method reference at {@code index}. */
    static String[] ref(ConstantPool cp, int index) {
        ConstantCP ref = (ConstantCP) cp.getConstant(index);
        ConstantNameAndType nt = cp.getConstant(ref.getNameAndTypeIndex(), ConstantNameAndType.class);
        return new String[] {ref.getClass(cp).replace('/', '.'), nt.getName(cp), nt.getSignature(cp)};
    }
}
