package io.github.gridlock.agent.runtime;

/** Receives findings on the agent's reporter thread, never on an application thread. */
public interface FindingListener {
    void onFinding(Finding finding);
}
