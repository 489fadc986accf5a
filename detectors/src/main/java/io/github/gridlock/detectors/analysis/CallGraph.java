package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.Hierarchy2;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves call sites to the analysed (application) methods they may reach. Static and special
 * calls have one target; virtual and interface calls go to every override among the analysed
 * classes (class-hierarchy analysis), up to {@link #MAX_TARGETS}: a call with more possible targets
 * is treated as unknown rather than as a call to all of them, which would make every lock reachable
 * from everywhere. A call on an object whose class is known exactly (it was created in the method)
 * has the one target that class dispatches to. Library methods are never targets: their effects come
 * from {@link ConcurrencyApi}.
 */
public final class CallGraph {
    static final int MAX_TARGETS = 8;

    private final Map<Key, List<MethodDescriptor>> cache = new HashMap<>();
    /**
     * {@link #targets(InvokeInstruction, ConstantPoolGen)} by constant pool and index (three slots per index: a virtual,
     * a static and a special call), so that a call asked about at every transfer is converted to names once. Weak keys:
     * a class's constant pool lives as long as SpotBugs keeps it.
     */
    private final Map<ConstantPoolGen, List<?>[]> byPool = new java.util.WeakHashMap<>();
    private ConstantPoolGen lastPool;
    private List<?>[] lastTargets;
    private final AnalysisFailures failures;

    CallGraph(AnalysisFailures failures) {
        this.failures = failures;
    }

    public List<MethodDescriptor> targets(InvokeInstruction call, ConstantPoolGen cpg) {
        if (!(call instanceof INVOKESTATIC || call instanceof INVOKESPECIAL || call instanceof INVOKEVIRTUAL
                || call instanceof INVOKEINTERFACE)) {
            return Collections.emptyList();
        }
        boolean virtual = call instanceof INVOKEVIRTUAL || call instanceof INVOKEINTERFACE;
        boolean isStatic = call instanceof INVOKESTATIC;
        if (cpg != lastPool) {
            lastTargets = byPool.computeIfAbsent(cpg, c -> new List<?>[3 * c.getSize()]);
            lastPool = cpg;
        }
        int slot = 3 * call.getIndex() + (virtual ? 0 : isStatic ? 1 : 2);
        if (call.getIndex() < 0 || slot >= lastTargets.length) {
            return targets(virtual, isStatic, call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg));
        }
        @SuppressWarnings("unchecked")
        List<MethodDescriptor> known = (List<MethodDescriptor>) lastTargets[slot];
        if (known == null) {
            known = targets(virtual, isStatic, call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg));
            lastTargets[slot] = known;
        }
        return known;
    }

    /**
     * The analysed methods a call of {@code owner.name sig} may run: a virtual dispatch over the analysed
     * overrides, or the one method a static or special call names.
     */
    public List<MethodDescriptor> targets(boolean virtual, boolean isStatic, String owner, String name, String sig) {
        Key key = new Key(virtual ? Key.VIRTUAL : isStatic ? Key.STATIC : Key.SPECIAL, owner, name, sig);
        return cache.computeIfAbsent(key, k -> resolve(virtual, isStatic, owner, name, sig));
    }

    /** The analysed method that a virtual call of {@code name sig} on an object of exactly class {@code cls} runs, or null. */
    public MethodDescriptor dispatch(String cls, String name, String sig) {
        if (cls.startsWith("[")) {
            return null; // an array: its methods are Object's
        }
        List<MethodDescriptor> found = cache.computeIfAbsent(new Key(Key.EXACT, cls, name, sig), k -> {
            List<MethodDescriptor> out = new ArrayList<>();
            try {
                addIfAnalysed(Hierarchy2.findInvocationLeastUpperBound(
                        DescriptorFactory.createClassDescriptorFromDottedClassName(cls), name, sig, false, false), out);
            } catch (RuntimeException e) {
                failures.classFailed(cls, e);
            }
            return out;
        });
        return found.isEmpty() ? null : found.get(0);
    }

    /** Whether the class or interface {@code dottedName} is one of the analysed (application) classes. */
    public boolean isApplicationType(String dottedName) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context != null && !dottedName.startsWith("[")
                && context.isApplicationClass(DescriptorFactory.createClassDescriptorFromDottedClassName(dottedName));
    }

    /** Whether {@code method} has code the analysis reads (an application class, not abstract or native). */
    public boolean isAnalysed(MethodDescriptor method) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context != null && context.isApplicationClass(method.getClassDescriptor());
    }

    private List<MethodDescriptor> resolve(boolean virtual, boolean isStatic, String owner, String name, String sig) {
        if (owner.startsWith("[")) {
            return Collections.emptyList();
        }
        ClassDescriptor ownerDesc = DescriptorFactory.createClassDescriptorFromDottedClassName(owner);
        List<MethodDescriptor> out = new ArrayList<>();
        try {
            if (!virtual) {
                XMethod m = Hierarchy2.findInvocationLeastUpperBound(ownerDesc, name, sig, isStatic, false);
                addIfAnalysed(m, out);
            } else {
                Set<XMethod> targets = analysedVirtualTargets(ownerDesc, name, sig);
                int analysed = 0;
                for (XMethod m : targets) {
                    if (isAnalysed(m)) {
                        analysed++;
                    }
                }
                if (analysed <= MAX_TARGETS) {
                    for (XMethod m : targets) {
                        addIfAnalysed(m, out);
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            // A class missing from the aux classpath: SpotBugs' missing-class report; the call is unknown.
            AnalysisContext.reportMissingClass(e);
            return Collections.emptyList();
        } catch (RuntimeException e) {
            failures.classFailed(owner, e);
            return Collections.emptyList();
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * {@link Hierarchy2#resolveVirtualMethodCallTargets} (not exact, not special) less the targets in classes that are
     * not analysed, without reading those classes: the methods of every library subtype of the receiver's type (all of
     * the JDK's collections under {@code Collection.size()}) are never targets here, and reading them cost more than
     * the rest of the call graph.
     */
    private static Set<XMethod> analysedVirtualTargets(ClassDescriptor receiver, String name, String sig)
            throws ClassNotFoundException {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        XClass receiverClass;
        try {
            receiverClass = edu.umd.cs.findbugs.classfile.Global.getAnalysisCache().getClassAnalysis(XClass.class, receiver);
        } catch (edu.umd.cs.findbugs.classfile.CheckedAnalysisException e) {
            return Collections.emptySet();
        }
        Set<XMethod> out = new java.util.LinkedHashSet<>();
        XMethod upperBound = Hierarchy2.findMethod(receiver, name, sig, false);
        if (upperBound == null) {
            upperBound = Hierarchy2.findInvocationLeastUpperBound(receiverClass, name, sig, false, false);
        }
        if (upperBound != null) {
            out.add(upperBound);
        }
        if ((upperBound == null || !upperBound.isFinal()) && !"java/lang/Object".equals(receiver.getClassName())) {
            for (ClassDescriptor subtype : context.getSubtypes2().getSubtypes(receiver)) {
                if (!context.isApplicationClass(subtype)) {
                    continue;
                }
                XMethod declared = Hierarchy2.findMethod(subtype, name, sig, false);
                if (declared != null) {
                    out.add(declared);
                }
            }
        }
        return out;
    }

    /**
     * Every method a virtual call of {@code owner.name sig} may run, when all of them are the program's own code: the
     * non-abstract methods of the class hierarchy below {@code owner}, an analysed class or interface, at most
     * {@code max}. Null when that is not known: a library or native method among them, none, more than {@code max}, or
     * an interface with one abstract method, which a lambda (a class no hierarchy lists) may implement. For questions
     * that must hold for every target ("returns a new object", "cannot throw"); {@link #targets} answers which
     * targets to follow.
     */
    static List<XMethod> closedWorldTargets(String owner, String name, String sig, int max) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        if (context == null || owner.startsWith("[")) {
            return null;
        }
        ClassDescriptor ownerDesc = DescriptorFactory.createClassDescriptorFromDottedClassName(owner);
        if (!context.isApplicationClass(ownerDesc) || lambdaMayImplement(owner)) {
            return null;
        }
        List<XMethod> out = new ArrayList<>();
        try {
            for (XMethod m : Hierarchy2.resolveVirtualMethodCallTargets(ownerDesc, name, sig, false, false)) {
                if (m.isAbstract()) {
                    continue;
                }
                if (!isAnalysed(m) || out.size() == max) {
                    return null;
                }
                out.add(m);
            }
        } catch (ClassNotFoundException e) {
            AnalysisContext.reportMissingClass(e);
            return null;
        } catch (RuntimeException e) {
            GridlockAnalysis.current().failures().classFailed(owner, e);
            return null;
        }
        return out.isEmpty() ? null : out;
    }

    /** An interface with one abstract method: a lambda or a method reference, no class of the hierarchy, may be the receiver. */
    static boolean lambdaMayImplement(String owner) {
        org.apache.bcel.classfile.JavaClass jc = ClassFiles.load(owner);
        if (jc == null) {
            return true;
        }
        if (!jc.isInterface()) {
            return false;
        }
        int abstracts = 0;
        for (org.apache.bcel.classfile.Method m : jc.getMethods()) {
            if (m.isAbstract() && !m.isStatic()) {
                abstracts++;
            }
        }
        return abstracts == 1;
    }

    private static void addIfAnalysed(XMethod m, List<MethodDescriptor> out) {
        if (isAnalysed(m)) {
            out.add(m.getMethodDescriptor());
        }
    }

    private static boolean isAnalysed(XMethod m) {
        if (m == null || m.isAbstract() || m.isNative()) {
            return false;
        }
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context != null && context.isApplicationClass(m.getClassDescriptor());
    }

    /** A question to the call graph: which kind of call ({@link #VIRTUAL}, ..., {@link #EXACT} dispatch) of which method. */
    private static final class Key {
        static final int VIRTUAL = 0;
        static final int STATIC = 1;
        static final int SPECIAL = 2;
        static final int EXACT = 3;
        private final int kind;
        private final String owner;
        private final String name;
        private final String sig;
        private final int hash;

        Key(int kind, String owner, String name, String sig) {
            this.kind = kind;
            this.owner = owner;
            this.name = name;
            this.sig = sig;
            this.hash = ((kind * 31 + java.util.Objects.hashCode(owner)) * 31 + java.util.Objects.hashCode(name)) * 31
                    + java.util.Objects.hashCode(sig);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return hash == k.hash && kind == k.kind && java.util.Objects.equals(owner, k.owner)
                    && java.util.Objects.equals(name, k.name) && java.util.Objects.equals(sig, k.sig);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
