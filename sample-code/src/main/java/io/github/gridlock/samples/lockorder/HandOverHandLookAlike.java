package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alike for GL_LOCK_ORDER_INVERSION: hand-over-hand (lock coupling) in a linked list. A node's lock
 * is held while the next node's lock is taken: two instances of the same class, the same field
 * ({@code Node.lock}) held while it is acquired again. In the field-based lock graph that is a self-loop on
 * {@code Node.lock}, not an inversion: the list is acyclic and every thread walks it from the head, so the
 * locks are always taken in list order. No parameter or receiver is involved (both nodes are reached from
 * {@code this.head}), so it is not GL_ARGUMENT_LOCK_ORDER either.
 */
public class HandOverHandLookAlike {

    /** A list node with its own lock. */
    static final class Node {
        final ReentrantLock lock = new ReentrantLock();
        final int value;
        Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    private final Node head = new Node(Integer.MIN_VALUE, new Node(Integer.MAX_VALUE, null));

    /** Inserts right after the head sentinel, holding the head and its successor. */
    public void insertFirst(int value) {
        Node first = head;
        first.lock.lock();
        try {
            Node second = first.next;
            second.lock.lock();
            try {
                first.next = new Node(value, second);
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }
}
