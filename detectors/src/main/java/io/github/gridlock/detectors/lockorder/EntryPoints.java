package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.ProgramFacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether code outside the analysed classes can make a method run (whole-program, so only in {@code report()}). A
 * method of a package-private class is callable only when it overrides or implements a method of a supertype
 * (code outside may hold the object as that type) or when a callable method calls it; a method of a public class,
 * and anything the analysis cannot read, counts as callable. {@code LinkedBlockingDeque.drainTo(c, n)} of
 * commons-pool2, in a package-private class, implementing no interface method and called only by the uncalled
 * {@code drainTo(c)}, is not.
 */
final class EntryPoints {
    private static final int MAX_SUPERTYPES = 64;

    private final ProgramFacts program;
    private final Map<MethodDescriptor, Boolean> memo = new HashMap<>();
    private final Set<MethodDescriptor> inProgress = new HashSet<>();

    EntryPoints(ProgramFacts program) {
        this.program = program;
    }

    boolean isCallable(MethodDescriptor method) {
        Boolean cached = memo.get(method);
        if (cached != null) {
            return cached;
        }
        if (!inProgress.add(method)) {
            return false; // a call cycle reaches itself only if something outside it is callable
        }
        try {
            boolean result = compute(method);
            if (result || inProgress.size() == 1) {
                memo.put(method, result); // a "no" found inside a cycle may be a "yes" once the cycle's start is known
            }
            return result;
        } finally {
            inProgress.remove(method);
        }
    }

    private boolean compute(MethodDescriptor method) {
        XClass cls = classOf(method.getClassDescriptor());
        if (cls == null || cls.isPublic() || method.getName().startsWith("lambda$") || overridesSupertype(cls, method)) {
            return true;
        }
        for (ProgramFacts.Caller c : program.callersOf(method)) {
            if (isCallable(c.caller())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a supertype of {@code cls} declares the method: outside code may call it through that type. */
    private static boolean overridesSupertype(XClass cls, MethodDescriptor method) {
        List<ClassDescriptor> todo = new ArrayList<>(supertypesOf(cls));
        Set<ClassDescriptor> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_SUPERTYPES) {
            ClassDescriptor d = todo.remove(todo.size() - 1);
            if (!seen.add(d)) {
                continue;
            }
            XClass x = classOf(d);
            if (x == null) {
                return true; // a supertype the analysis cannot read may declare it
            }
            XMethod m = x.findMethod(method.getName(), method.getSignature(), method.isStatic());
            if (m != null && !m.isPrivate() && !method.isStatic()) {
                return true;
            }
            todo.addAll(supertypesOf(x));
        }
        return !todo.isEmpty();
    }

    private static List<ClassDescriptor> supertypesOf(XClass x) {
        List<ClassDescriptor> out = new ArrayList<>();
        if (x.getSuperclassDescriptor() != null) {
            out.add(x.getSuperclassDescriptor());
        }
        for (ClassDescriptor i : x.getInterfaceDescriptorList()) {
            out.add(i);
        }
        return out;
    }

    private static XClass classOf(ClassDescriptor d) {
        try {
            return Global.getAnalysisCache().getClassAnalysis(XClass.class, d);
        } catch (CheckedAnalysisException e) {
            // SpotBugs' missing-class report; the callers of this method treat the class as callable.
            edu.umd.cs.findbugs.ba.AnalysisContext.currentAnalysisContext().getLookupFailureCallback().reportMissingClass(d);
            return null;
        }
    }
}
