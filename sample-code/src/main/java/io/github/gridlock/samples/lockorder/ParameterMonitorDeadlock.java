package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_LOCK_ORDER_INVERSION on monitors of parameters of a library type: {@code attach} holds the registry's monitor
 * and locks the token it is given (through a helper); {@code detach} locks the token first and then the registry.
 * The token is any {@code Object} a caller passes, so the analysis names it by where it comes from (an
 * {@code Object} parameter of the registry's methods): two callers passing the same token deadlock.
 *
 * @see ParameterMonitorFixed
 */
public class ParameterMonitorDeadlock {
    private final List<Object> tokens = new ArrayList<>();

    public synchronized void attach(Object token) {
        mark(token); // expect: GL_LOCK_ORDER_INVERSION
        tokens.add(token);
    }

    private static void mark(Object token) {
        synchronized (token) {
            token.notifyAll();
        }
    }

    public void detach(Object token) {
        synchronized (token) {
            synchronized (this) {
                tokens.remove(token);
            }
        }
    }
}
