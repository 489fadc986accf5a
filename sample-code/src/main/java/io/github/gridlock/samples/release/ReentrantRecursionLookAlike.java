package io.github.gridlock.samples.release;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alike for GL_UNBALANCED_REENTRANT: the same lock is taken again and again (recursively, and by a
 * helper while the caller already holds it), which a naive "acquired twice" check flags, but every level
 * releases what it took in its own {@code finally}, so the hold count always returns to where it was.
 */
public class ReentrantRecursionLookAlike {

    private final ReentrantLock treeLock = new ReentrantLock();

    public static final class Node {
        final String name;
        final List<Node> children;

        public Node(String name, List<Node> children) {
            this.name = name;
            this.children = children;
        }
    }

    public int count(Node node) {
        treeLock.lock();
        try {
            int n = 1;
            for (Node child : node.children) {
                n += count(child);
            }
            return n;
        } finally {
            treeLock.unlock();
        }
    }

    public String describe(Node root) {
        treeLock.lock();
        try {
            return root.name + " (" + count(root) + " nodes)";
        } finally {
            treeLock.unlock();
        }
    }
}
