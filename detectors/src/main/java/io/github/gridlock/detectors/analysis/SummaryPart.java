package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;

/**
 * One concern's facts about a method (its locks, its blocking calls, the threads it starts, the fields it
 * touches, ...), built by one walk over the method's code and cached on its own. The layer's parts make up
 * {@link MethodSummary}; a detector family can define its own part and get it through
 * {@link MethodSummaries#part}, without touching the others.
 *
 * @param <T> the facts, immutable once built
 */
public interface SummaryPart<T> {

    /** Collects the facts of one method, one location at a time, in bytecode order. */
    interface Builder<T> {
        /** Called for every reachable location of the method. */
        void visit(Step step) throws DataflowAnalysisException;

        T build();
    }

    /** A builder for the method whose facts are {@code facts}. */
    Builder<T> builder(MethodFacts facts);

    /** The facts of a method with no code, or one that could not be analysed. */
    T empty();

    /**
     * False when the part is {@link #empty()} for {@code method} by its descriptor alone (a part about returned values,
     * for a method that returns {@code void} or a primitive): {@link MethodSummaries#part} then answers without
     * building the method's CFG and dataflows, which for a callee in a class SpotBugs is not visiting costs as much as
     * the rest of its summary.
     */
    default boolean appliesTo(edu.umd.cs.findbugs.classfile.MethodDescriptor method) {
        return true;
    }

    /**
     * False when the part is {@link #empty()} for the method by its instructions alone (a part about calls of one API,
     * for a method that makes none): {@link MethodSummaries#part} then answers without walking the method, each of whose
     * locations costs the walk its held locks and access paths.
     */
    default boolean appliesTo(MethodFacts facts) {
        return true;
    }

    /**
     * An unmodifiable copy of {@code elements} in their iteration order, for a part's sets: most are empty or hold
     * one element, and an empty {@code LinkedHashSet} in an unmodifiable view costs five objects in every summary the
     * analysis keeps to its end; those get the shared empty set or a singleton, the others an {@link OrderedSet}.
     */
    static <E> java.util.Set<E> orderedCopy(java.util.Collection<E> elements) {
        switch (elements.size()) {
            case 0:
                return java.util.Collections.emptySet();
            case 1:
                return java.util.Collections.singleton(elements.iterator().next());
            default:
                return OrderedSet.of(elements);
        }
    }
}
