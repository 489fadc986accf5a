package io.github.gridlock.samples.sharedstate;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * GL_CHECK_THEN_ACT in a public method that outside code cannot call: the "callers' threads" count only where code
 * outside the library can reach the method. The shape of ZooKeeper's {@code FollowerZooKeeperServer.commit}: public,
 * in a class whose constructor is package-private and which the library hands out only as a supertype that does not
 * declare {@code commit} ({@code QuorumPeer.getActiveServer()} returns a {@code ZooKeeperServer}); also called from
 * {@code Learner.syncWithLeader}, a protected method of a class outside code may extend, but on {@code this.zk}, which
 * only the package-private constructors of {@code Follower} and {@code Observer} set: on an outside subclass's object
 * it is null. Each run of the node thread makes its own journal ({@link PerRunOwnerLookAlikes}), so no thread races
 * with the run's own {@code commit}. The twins: a journal type that a public method returns, and a base class whose
 * journal a constructor outside code can reach (a public constructor of a subclass) sets.
 */
public final class OutsideCallerLookAlikes {

    private OutsideCallerLookAlikes() {
    }

    /** What outside code sees of a journal: no {@code commit()}. */
    public interface Server {
        String name();
    }

    /** A journal of one run: {@code commit()} is public, but outside code never holds a {@code Journal} as one. */
    public static class Journal implements Server {
        private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();

        Journal() {
        }

        @Override
        public String name() {
            return "journal";
        }

        public void log(String entry) {
            pending.add(entry);
        }

        public void commit() {
            if (pending.size() == 0) {
                return;
            }
            pending.remove();
        }
    }

    /** A base outside code may extend; only {@link Follower}'s constructor sets its journal. */
    public static class Learner {
        Journal journal;

        protected void sync() {
            if (journal != null) {
                journal.commit();
            }
        }
    }

    /** The one learner of the package: outside code cannot extend it. */
    public static final class Follower extends Learner {
        Follower(Journal journal) {
            this.journal = journal;
        }

        void follow() {
            journal.log("txn");
            sync();
            journal.commit();
        }
    }

    /** A node thread per {@code new}; each run makes its own follower and journal. */
    public static class Node extends Thread {
        public Follower follower;

        @Override
        public void run() {
            follower = new Follower(new Journal());
            follower.follow();
        }

        /** Hands the journal out as a {@link Server} only. */
        public Server activeServer() {
            Follower f = follower;
            return f == null ? null : f.journal;
        }
    }

    public static void startTwoNodes() {
        new Node().start();
        new Node().start();
    }

    /** Twin: the same journal, but a public method returns it as its own type: outside code may call commit. */
    public static class ExposedJournal {
        private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();

        ExposedJournal() {
        }

        public void commit() {
            if (pending.size() == 0) {
                return;
            }
            pending.remove(); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** A node thread that hands its journal out as an {@link ExposedJournal}. */
    public static class ExposingNode extends Thread {
        private ExposedJournal journal;

        @Override
        public void run() {
            journal = new ExposedJournal();
            journal.commit();
        }

        public ExposedJournal journal() {
            return journal;
        }
    }

    public static void startTwoExposingNodes() {
        new ExposingNode().start();
        new ExposingNode().start();
    }

    /** Twin: a journal only a base's protected method reaches, whose field a public subclass constructor sets. */
    public static class BaseJournal {
        private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();

        BaseJournal() {
        }

        public void commit() {
            if (pending.size() == 0) {
                return;
            }
            pending.remove(); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** A base outside code may extend, whose journal the public constructor of {@link OpenFollower} sets. */
    public static class OpenLearner {
        BaseJournal journal;

        protected void sync() {
            if (journal != null) {
                journal.commit();
            }
        }
    }

    /** Outside code may extend this one too: its subclass's objects have a journal, and may call {@code sync()}. */
    public static class OpenFollower extends OpenLearner {
        public OpenFollower() {
            this.journal = new BaseJournal();
        }

        void follow() {
            sync();
        }
    }

    /** A node thread per {@code new}, each with its own open follower. */
    public static class OpenNode extends Thread {
        private OpenFollower follower;

        @Override
        public void run() {
            follower = new OpenFollower();
            follower.follow();
        }
    }

    public static void startTwoOpenNodes() {
        new OpenNode().start();
        new OpenNode().start();
    }
}
