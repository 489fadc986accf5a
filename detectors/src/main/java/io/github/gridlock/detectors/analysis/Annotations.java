package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.JavaClass;

/**
 * The concurrency annotations Gridlock reads, recognised by simple name whatever their package (JSR-305's
 * {@code javax.annotation.concurrent}, JCIP's {@code net.jcip.annotations}, Error Prone's
 * {@code com.google.errorprone.annotations.concurrent}, the Checker Framework's lock qualifiers, or a
 * project's own copy), as Error Prone does.
 */
final class Annotations {
    private Annotations() {
    }

    static boolean isThreadSafe(JavaClass jc) {
        for (AnnotationEntry a : jc.getAnnotationEntries()) {
            if (simpleName(a.getAnnotationType()).equals("ThreadSafe")) {
                return true;
            }
        }
        return false;
    }

    /** The value of the field's {@code @GuardedBy}, or null. */
    static String guardedBy(XField field) {
        for (AnnotationValue a : field.getAnnotations()) {
            if (simpleName(a.getAnnotationClass().getClassName()).equals("GuardedBy")) {
                Object value = a.getValue("value");
                return value == null ? null : value.toString();
            }
        }
        return null;
    }

    /** {@code Ljavax/annotation/concurrent/GuardedBy;} and {@code javax/...} both give {@code GuardedBy}. */
    private static String simpleName(String type) {
        String t = type.endsWith(";") ? type.substring(0, type.length() - 1) : type;
        int cut = Math.max(t.lastIndexOf('/'), Math.max(t.lastIndexOf('.'), t.lastIndexOf('$')));
        return t.substring(cut + 1);
    }
}
