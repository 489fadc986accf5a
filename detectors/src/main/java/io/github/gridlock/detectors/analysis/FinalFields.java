package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a field is {@code final}: two reads of it from the same object (outside its constructor) see one value.
 * Looked up from the class a field reference names through its superclasses; a class the analysis cannot load says
 * "not final". One instance per method analysis: answers are cached.
 */
final class FinalFields {
    private final Map<List<Object>, Boolean> cache = new HashMap<>();

    boolean isFinal(String dottedOwner, String name, boolean isStatic) {
        return cache.computeIfAbsent(List.of(dottedOwner, name, isStatic), k -> lookUp(dottedOwner, name, isStatic));
    }

    private static boolean lookUp(String dottedOwner, String name, boolean isStatic) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        ClassDescriptor current = DescriptorFactory.createClassDescriptorFromDottedClassName(dottedOwner);
        for (int depth = 0; depth < 32 && context != null && current != null; depth++) {
            XClass x;
            try {
                x = Global.getAnalysisCache().getClassAnalysis(XClass.class, current);
            } catch (CheckedAnalysisException e) {
                context.getLookupFailureCallback().reportMissingClass(current);
                return false;
            }
            for (XField f : x.getXFields()) {
                if (f.getName().equals(name) && f.isStatic() == isStatic) {
                    return f.isFinal();
                }
            }
            current = x.getSuperclassDescriptor();
        }
        return false;
    }
}
