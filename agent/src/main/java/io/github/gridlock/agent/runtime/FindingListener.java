package io.github.gridlock.agent.runtime;

/** Receives findings on the agent's reporter thread, never on an application thread. */
public interface FindingListener {
    void onFinding(Finding finding);

    /** A message of the agent's own (an internal error said once, a warning), one line starting "[gridlock]". */
    default void onMessage(String message) {
    }
}
