package io.github.gridlock.agent.programs;

/**
 * synchronized methods: static ones lock the Class object, instance ones lock this. Arg "static" or "instance".
 * Also throws out of a synchronized method to check the exceptional exit releases the lock in the held set.
 */
public final class SyncMethods {
    static final class Left {
        static synchronized void first() {
            Right.second();
        }

        static synchronized void leaf() {
        }
    }

    static final class Right {
        static synchronized void second() {
            Left.leaf();
        }

        static synchronized void first() {
            Left.leaf();
        }
    }

    static final class Node {
        Node peer;

        synchronized void callPeer() {
            peer.touch();
        }

        synchronized void touch() {
        }

        synchronized void fail() {
            throw new IllegalStateException("boom");
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "static";
        if (mode.equals("static")) {
            // Left.class -> Right.class in one thread, Right.class -> Left.class in another.
            Schedules.oneAfterTheOther("left", Left::first, "right", Right::first);
        } else {
            Node x = new Node();
            Node y = new Node();
            x.peer = y;
            y.peer = x;
            Schedules.oneAfterTheOther("x", x::callPeer, "y", y::callPeer);
        }
        System.out.println("done");
    }
}
