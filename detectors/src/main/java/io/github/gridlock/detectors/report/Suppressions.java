package io.github.gridlock.detectors.report;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import edu.umd.cs.findbugs.classfile.analysis.AnnotatedObject;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads {@code @SuppressFBWarnings} (and SpotBugs' older {@code @SuppressWarnings}) where a user puts them, for
 * findings SpotBugs' own suppression cannot place: SpotBugs matches a method's suppression only against a
 * finding's primary method, but a lock-order cycle has a method per edge, and a Gridlock code that supersedes a
 * core pattern should be silenced by a suppression of that core pattern. The matching follows SpotBugs'
 * {@code SuppressMatchType}: by default a value matches a bug type it starts with, or its abbreviation or
 * category; {@code EXACT} wants the whole type; {@code REGEX} a regular expression.
 */
public final class Suppressions {
    private Suppressions() {
    }

    /** One suppression value with how it matches. */
    private static final class Value {
        final String pattern;
        final String matchType;

        Value(String pattern, String matchType) {
            this.pattern = pattern;
            this.matchType = matchType;
        }

        boolean matches(String type, String abbrev, String category) {
            switch (matchType) {
                case "EXACT":
                    return type.equals(pattern);
                case "REGEX":
                    return type.matches(pattern);
                default:
                    return type.startsWith(pattern) || pattern.equalsIgnoreCase(abbrev) || pattern.equalsIgnoreCase(category);
            }
        }
    }

    /**
     * True when {@code method}, or its class, carries a suppression that matches {@code type} (a bug type with
     * its abbreviation and category, e.g. {@code GL_LOCK_ORDER_INVERSION}, {@code GLLO}, {@code MT_CORRECTNESS}).
     */
    public static boolean suppresses(MethodDescriptor method, String type, String abbrev, String category) {
        for (Value v : valuesOf(XFactory.createXMethod(method))) {
            if (v.matches(type, abbrev, category)) {
                return true;
            }
        }
        try {
            XClass cls = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                    DescriptorFactory.createClassDescriptor(method.getSlashedClassName()));
            for (Value v : valuesOf(cls)) {
                if (v.matches(type, abbrev, category)) {
                    return true;
                }
            }
        } catch (CheckedAnalysisException e) {
            // The class of a method we analysed is always readable; a missing one has no annotations to honour.
            return false;
        }
        return false;
    }

    /** Like {@link #suppresses} for a core pattern that a Gridlock code supersedes ({@code SWL_SLEEP_WITH_LOCK_HELD}). */
    public static boolean suppressesCorePattern(MethodDescriptor method, String corePattern) {
        return suppresses(method, corePattern, corePattern.substring(0, Math.max(0, corePattern.indexOf('_'))), "MT_CORRECTNESS");
    }

    private static List<Value> valuesOf(AnnotatedObject annotated) {
        List<Value> out = new ArrayList<>();
        if (annotated == null) {
            return out;
        }
        for (AnnotationValue a : annotated.getAnnotations()) {
            String name = a.getAnnotationClass().getClassName();
            if (!name.equals("edu/umd/cs/findbugs/annotations/SuppressFBWarnings")
                    && !name.equals("edu/umd/cs/findbugs/annotations/SuppressWarnings")) {
                continue;
            }
            Object matchType = a.getValue("matchType");
            String type = matchType == null ? "DEFAULT" : matchType.toString().replaceAll(".*[.$ ]", "");
            Object value = a.getValue("value");
            if (value == null) {
                out.add(new Value("", type));
            } else {
                for (Object v : asCollection(value)) {
                    out.add(new Value(String.valueOf(v), type));
                }
            }
        }
        return out;
    }

    private static Collection<?> asCollection(Object value) {
        if (value instanceof Object[]) {
            return java.util.Arrays.asList((Object[]) value);
        }
        if (value instanceof Collection) {
            return (Collection<?>) value;
        }
        return List.of(value);
    }

    /** The methods of {@code sites} (in order, once each) that suppress {@code type}. */
    public static List<MethodDescriptor> suppressingMethods(List<MethodDescriptor> sites, String type, String abbrev,
            String category) {
        List<MethodDescriptor> out = new ArrayList<>();
        for (MethodDescriptor m : sites) {
            if (!out.contains(m) && suppresses(m, type, abbrev, category)) {
                out.add(m);
            }
        }
        return out;
    }
}
