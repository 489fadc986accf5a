package io.github.gridlock.agent.instrument;

/** Set by the visitors when they change anything, so unchanged classes are returned as they were. */
final class Changes {
    boolean changed;
}
