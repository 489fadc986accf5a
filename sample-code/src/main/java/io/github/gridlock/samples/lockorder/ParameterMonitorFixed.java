package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed twin of {@link ParameterMonitorDeadlock}: {@code detach} takes the registry's monitor first, as
 * {@code attach} does, and the token's inside it.
 */
public class ParameterMonitorFixed {
    private final List<Object> tokens = new ArrayList<>();

    public synchronized void attach(Object token) {
        mark(token);
        tokens.add(token);
    }

    private static void mark(Object token) {
        synchronized (token) {
            token.notifyAll();
        }
    }

    public synchronized void detach(Object token) {
        synchronized (token) {
            tokens.remove(token);
        }
    }
}
