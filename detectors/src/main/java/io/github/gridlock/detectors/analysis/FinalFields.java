package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XField;

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
        XField f = ClassHierarchy.findField(dottedOwner, name, isStatic);
        return f != null && f.isFinal();
    }
}
