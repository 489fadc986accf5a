package io.github.gridlock.agent.runtime;

/**
 * Thrown by the acquiring thread, before it acquires, when {@code onCycle=fail} and the acquisition would close a
 * lock-order cycle. An {@link Error} so that ordinary {@code catch (Exception e)} blocks do not swallow it.
 */
public final class LockOrderViolation extends Error {
    private static final long serialVersionUID = 1L;

    public LockOrderViolation(String message) {
        super(message);
    }
}
