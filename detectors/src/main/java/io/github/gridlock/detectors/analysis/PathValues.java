package io.github.gridlock.detectors.analysis;

import org.apache.bcel.Const;

/**
 * The int values one path of {@link AcquireStates} knows, each coded in one int: a small constant, "not zero", the
 * result of a {@code try} acquisition at a site (succeeded or failed), the unknown result of one call (an identity:
 * locals that hold it are tested together), or nothing known. They make the path states
 * exact where the code correlates a lock with a value: {@code ok = tryLock(); ... if (ok) unlock();}, a
 * {@code locked = true} flag set after the acquisition and tested in {@code finally}, {@code if (flag) lock(); ...
 * if (flag) unlock();}, and loops with constant trip counts ({@code for (int i = 0; i < 2; i++) lock();}).
 */
final class PathValues {
    static final int UNKNOWN = 0;
    /** A value known to be non-zero (the taken side of an {@code if (x)} on an unknown {@code x}). */
    static final int NONZERO = 1 << 30;
    /** Constants are kept in [-MAX_CONSTANT, MAX_CONSTANT]; a loop counter that leaves it becomes unknown. */
    static final int MAX_CONSTANT = 64;
    private static final int CONSTANT_BASE = 1 << 24;
    private static final int MAX_SITES = 1 << 20;

    /** The truth of a value: true, false, or null when unknown. */
    enum Truth {
        TRUE, FALSE
    }

    private PathValues() {
    }

    private static final int OPAQUE_BASE = 1 << 25;
    private static final int MAX_PC = 1 << 20;

    /**
     * The unknown int a call at {@code pc} returned, as an identity: two locals holding it hold the same value, so
     * testing one tells about the other ({@code return satisfied = guard.isSatisfied();} keeps the value in the
     * flag and in javac's return slot). Unknown for offsets past the coded range.
     */
    static int opaque(int pc) {
        return pc < 0 || pc >= MAX_PC ? UNKNOWN : OPAQUE_BASE + pc;
    }

    /**
     * The unknown value that locals alike on two merged paths hold where the paths disagree on it ({@code satisfied}
     * was true on one, false on the other, and javac's return slot copied it): named by the lowest such local, so
     * that testing one of them later still tells about the others. Opaque, out of the range of call offsets.
     */
    static int joined(int slot) {
        return slot < 0 || slot >= MAX_PC / 2 ? UNKNOWN : OPAQUE_BASE + MAX_PC - 1 - slot;
    }

    static boolean isOpaque(int v) {
        return v >= OPAQUE_BASE && v < OPAQUE_BASE + MAX_PC;
    }

    static int constant(long c) {
        return c < -MAX_CONSTANT || c > MAX_CONSTANT ? UNKNOWN : CONSTANT_BASE + (int) c;
    }

    static boolean isConstant(int v) {
        return v >= CONSTANT_BASE - MAX_CONSTANT && v <= CONSTANT_BASE + MAX_CONSTANT;
    }

    static int constantOf(int v) {
        return v - CONSTANT_BASE;
    }

    static int tryResult(int site, boolean succeeded) {
        if (site >= MAX_SITES) {
            return UNKNOWN;
        }
        return succeeded ? site + 1 : -(site + 1);
    }

    static boolean isTryResult(int v) {
        return v != 0 && v > -MAX_SITES - 1 && v <= MAX_SITES;
    }

    /** Whether the value is zero or not; null when unknown. */
    static Truth truth(int v) {
        if (isConstant(v)) {
            return constantOf(v) != 0 ? Truth.TRUE : Truth.FALSE;
        }
        if (v == NONZERO) {
            return Truth.TRUE;
        }
        if (isTryResult(v)) {
            return v > 0 ? Truth.TRUE : Truth.FALSE;
        }
        return null;
    }

    /** {@code v + increment} (for {@code iinc}), unknown unless {@code v} is a constant. */
    static int add(int v, int increment) {
        return isConstant(v) ? constant((long) constantOf(v) + increment) : UNKNOWN;
    }

    /** {@code lcmp}: exact for two constants; a stamp test {@code stamp != 0L} keeps the try result it compares. */
    static int compareLongs(int a, int b) {
        if (isConstant(a) && isConstant(b)) {
            return constant(Integer.compare(constantOf(a), constantOf(b)));
        }
        if (isConstant(b) && constantOf(b) == 0 && isTryResult(a)) {
            return a;
        }
        if (isConstant(a) && constantOf(a) == 0 && isTryResult(b)) {
            return b;
        }
        return UNKNOWN;
    }

    /**
     * Whether a conditional jump with opcode {@code op} jumps, given its operands ({@code left} is unused by the
     * one-operand {@code if<cond>} forms); null when the values do not decide it.
     */
    static Boolean jumps(short op, int left, int right) {
        if (op >= Const.IFEQ && op <= Const.IFLE) {
            return jumpsAgainstZero(op, right);
        }
        if (op >= Const.IF_ICMPEQ && op <= Const.IF_ICMPLE && isConstant(left) && isConstant(right)) {
            int c = Integer.compare(constantOf(left), constantOf(right));
            return decide(op - Const.IF_ICMPEQ, c);
        }
        return null;
    }

    private static Boolean jumpsAgainstZero(short op, int v) {
        if (isConstant(v)) {
            return decide(op - Const.IFEQ, Integer.signum(constantOf(v)));
        }
        Truth t = truth(v);
        if (t == null || op != Const.IFEQ && op != Const.IFNE) {
            return null;
        }
        return (op == Const.IFEQ) == (t == Truth.FALSE);
    }

    /** Condition number 0..5 (eq, ne, lt, ge, gt, le) applied to a comparison result. */
    private static boolean decide(int condition, int comparison) {
        switch (condition) {
            case 0:
                return comparison == 0;
            case 1:
                return comparison != 0;
            case 2:
                return comparison < 0;
            case 3:
                return comparison >= 0;
            case 4:
                return comparison > 0;
            default:
                return comparison <= 0;
        }
    }

    /** What an {@code ifeq}/{@code ifne} on an unknown local teaches about it on one side of the jump. */
    static int refined(short op, boolean jumped) {
        boolean zero = (op == Const.IFEQ) == jumped;
        return zero ? constant(0) : NONZERO;
    }
}
