package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;

/** Questions about the analysed classes' hierarchy that lock identity needs. */
public final class ClassHierarchy {
    private ClassHierarchy() {
    }

    /**
     * The topmost analysed superclass of {@code dottedClass} (itself when its superclass is a library class): the
     * class that names the monitor of {@code this} for every class of its hierarchy, since a subclass's method and
     * an inherited one may lock the same object.
     */
    public static String topAnalysedClass(String dottedClass) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        ClassDescriptor current = DescriptorFactory.createClassDescriptorFromDottedClassName(dottedClass);
        for (int depth = 0; depth < 32 && context != null; depth++) {
            XClass x;
            try {
                x = Global.getAnalysisCache().getClassAnalysis(XClass.class, current);
            } catch (CheckedAnalysisException e) {
                // A superclass missing from the aux classpath ends the walk: what was reached names the hierarchy.
                context.getLookupFailureCallback().reportMissingClass(current);
                break;
            }
            ClassDescriptor sup = x.getSuperclassDescriptor();
            if (sup == null || !context.isApplicationClass(sup)) {
                break;
            }
            current = sup;
        }
        return current.getDottedClassName();
    }

    /**
     * The declared class of field {@code name}, looked up from {@code dottedOwner} through its superclasses (a field
     * reference names the class it was resolved from); null for a primitive or array field, or one not found.
     */
    public static String fieldType(String dottedOwner, String name) {
        XField f = findField(dottedOwner, name, null);
        if (f == null) {
            return null;
        }
        String sig = f.getSignature();
        return sig.startsWith("L") && sig.endsWith(";") ? sig.substring(1, sig.length() - 1).replace('/', '.') : null;
    }

    /**
     * The field {@code name} a reference resolved from {@code dottedOwner} names: the first declared in it or its
     * superclasses, static or not as {@code isStatic} says (null: either); null when not found or a class on the way
     * cannot be loaded (reported as a missing class).
     */
    static XField findField(String dottedOwner, String name, Boolean isStatic) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        ClassDescriptor current = DescriptorFactory.createClassDescriptorFromDottedClassName(dottedOwner);
        for (int depth = 0; depth < 32 && context != null && current != null; depth++) {
            XClass x;
            try {
                x = Global.getAnalysisCache().getClassAnalysis(XClass.class, current);
            } catch (CheckedAnalysisException e) {
                context.getLookupFailureCallback().reportMissingClass(current);
                return null;
            }
            for (XField f : x.getXFields()) {
                if (f.getName().equals(name) && (isStatic == null || f.isStatic() == isStatic)) {
                    return f;
                }
            }
            current = x.getSuperclassDescriptor();
        }
        return null;
    }
}
