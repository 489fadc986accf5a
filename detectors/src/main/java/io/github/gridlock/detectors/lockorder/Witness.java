package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.MethodNames;

/**
 * The way a method reaches a lock, for the user: {@code Pool.borrow:120 -> Pool.validate:88}, one step per method down
 * to the acquisition. Spelled out only when a finding or the lock graph shows it: the analysis makes one for every
 * lock every method reaches, and most are never read.
 */
final class Witness {
    private final MethodDescriptor method;
    private final int line;
    /** The rest of the way, in the callee; null at the acquisition. */
    private final Witness next;
    private String spelled;

    private Witness(MethodDescriptor method, int line, Witness next) {
        this.method = method;
        this.line = line;
        this.next = next;
    }

    /** The acquisition at {@code line} of {@code method}. */
    static Witness at(MethodDescriptor method, int line) {
        return new Witness(method, line, null);
    }

    /** The call at {@code line} of {@code method}, then {@code next} in the callee. */
    static Witness through(MethodDescriptor method, int line, Witness next) {
        return new Witness(method, line, next);
    }

    @Override
    public String toString() {
        if (spelled == null) {
            String here = MethodNames.at(method, line);
            spelled = next == null ? here : here + " -> " + next;
        }
        return spelled;
    }
}
