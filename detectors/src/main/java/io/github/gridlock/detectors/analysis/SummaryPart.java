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
}
