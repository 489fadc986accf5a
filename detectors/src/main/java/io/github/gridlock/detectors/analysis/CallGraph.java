package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.Hierarchy2;
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

    private final Map<String, List<MethodDescriptor>> cache = new HashMap<>();
    private final AnalysisFailures failures;

    CallGraph(AnalysisFailures failures) {
        this.failures = failures;
    }

    public List<MethodDescriptor> targets(InvokeInstruction call, ConstantPoolGen cpg) {
        if (!(call instanceof INVOKESTATIC || call instanceof INVOKESPECIAL || call instanceof INVOKEVIRTUAL
                || call instanceof INVOKEINTERFACE)) {
            return Collections.emptyList();
        }
        String owner = call.getClassName(cpg);
        String name = call.getMethodName(cpg);
        String sig = call.getSignature(cpg);
        boolean virtual = call instanceof INVOKEVIRTUAL || call instanceof INVOKEINTERFACE;
        return targets(virtual, call instanceof INVOKESTATIC, owner, name, sig);
    }

    /**
     * The analysed methods a call of {@code owner.name sig} may run: a virtual dispatch over the analysed
     * overrides, or the one method a static or special call names.
     */
    public List<MethodDescriptor> targets(boolean virtual, boolean isStatic, String owner, String name, String sig) {
        String kind = virtual ? "virtual" : isStatic ? "static" : "special";
        return cache.computeIfAbsent(kind + ' ' + owner + '.' + name + sig, k -> resolve(virtual, isStatic, owner, name, sig));
    }

    /** The analysed method that a virtual call of {@code name sig} on an object of exactly class {@code cls} runs, or null. */
    public MethodDescriptor dispatch(String cls, String name, String sig) {
        if (cls.startsWith("[")) {
            return null; // an array: its methods are Object's
        }
        List<MethodDescriptor> found = cache.computeIfAbsent("exact " + cls + '.' + name + sig, k -> {
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
                Set<XMethod> targets = Hierarchy2.resolveVirtualMethodCallTargets(ownerDesc, name, sig, false, false);
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
}
