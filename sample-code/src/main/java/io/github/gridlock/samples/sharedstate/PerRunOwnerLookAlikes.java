package io.github.gridlock.samples.sharedstate;

import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * GL_CHECK_THEN_ACT on objects that each run of a thread makes for itself. A {@code Thread} subclass created at two
 * places runs {@code run()} once per object; {@code run()} makes a follower through an overridable factory, keeps it
 * through a setter in a public field, and the follower keeps the ledger it was constructed with. Every run works on
 * its own ledger, so two runs of {@code run()} never check and take from one queue (ZooKeeper's
 * {@code QuorumPeer.run} → {@code setFollower(makeFollower(...))} → {@code Follower.processPacket} →
 * {@code FollowerZooKeeperServer.commit}, which checks {@code pendingTxns.size()} and then calls {@code remove()}).
 * The twins reach one ledger from every run: through a static field, and through a field that a setter the callers
 * may call fills with any ledger; and a ledger each run makes for itself whose queue is one static queue.
 */
public final class PerRunOwnerLookAlikes {

    private PerRunOwnerLookAlikes() {
    }

    /** Pending entries of one run; only the code of that run logs and commits. */
    static final class Ledger {
        private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();

        void log(String entry) {
            pending.add(entry);
        }

        void commit() {
            if (pending.size() == 0) {
                return;
            }
            pending.remove();
        }
    }

    /** Keeps the ledger it was made with. */
    static final class Follower {
        private final Ledger ledger;

        Follower(Ledger ledger) {
            this.ledger = Objects.requireNonNull(ledger);
        }

        void follow() {
            ledger.log("txn");
            ledger.commit();
        }
    }

    /** One peer thread per {@code new}; each run makes its own follower and ledger. */
    public static class Peer extends Thread {
        public Follower follower;

        @Override
        public void run() {
            try {
                setFollower(makeFollower());
                follower.follow();
            } finally {
                setFollower(null);
            }
        }

        protected Follower makeFollower() {
            return new Follower(new Ledger());
        }

        protected synchronized void setFollower(Follower f) {
            follower = f;
        }
    }

    public static void startTwoPeers() {
        new Peer().start();
        new Peer().start();
    }

    /** Twin: a ledger in a static field, which every run of every peer uses. */
    static final class GlobalLedger {
        private static final LinkedBlockingQueue<String> PENDING = new LinkedBlockingQueue<>();

        static void commit() {
            if (PENDING.size() == 0) {
                return;
            }
            PENDING.remove(); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** Twin: a peer whose ledger is reached from a static field: both runs commit on the one ledger. */
    public static class SharingPeer extends Thread {
        static final SharedLedger LEDGER = new SharedLedger();

        @Override
        public void run() {
            GlobalLedger.commit();
            LEDGER.commit();
        }
    }

    /** The ledger object two runs share through {@link SharingPeer#LEDGER}. */
    static final class SharedLedger {
        private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();

        void commit() {
            if (pending.size() == 0) {
                return;
            }
            pending.remove(); // expect: GL_CHECK_THEN_ACT
        }
    }

    public static void startTwoSharingPeers() {
        new SharingPeer().start();
        new SharingPeer().start();
    }

    /** Twin: a peer whose ledger field a setter fills with a ledger got from elsewhere: two peers may get one. */
    public static class HandedPeer extends Thread {
        private HandedLedger ledger;

        @Override
        public void run() {
            ledger.commit();
        }

        void use(HandedLedger given) {
            ledger = given;
        }
    }

    /** The ledger given to {@link HandedPeer}s. */
    static final class HandedLedger {
        private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();

        void commit() {
            if (pending.size() == 0) {
                return;
            }
            pending.remove(); // expect: GL_CHECK_THEN_ACT
        }
    }

    public static void startTwoPeersOnOneLedger() {
        HandedLedger one = new HandedLedger();
        HandedPeer a = new HandedPeer();
        a.use(one);
        a.start();
        HandedPeer b = new HandedPeer();
        b.use(one);
        b.start();
    }

    /** Twin: each run makes its own ledger, but every such ledger works on the one queue of a static field. */
    static final class BorrowedLedger {
        static final LinkedBlockingQueue<String> COMMON = new LinkedBlockingQueue<>();
        private final LinkedBlockingQueue<String> pending = COMMON;

        void commit() {
            if (pending.size() == 0) {
                return;
            }
            pending.remove(); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** A peer thread per {@code new} that makes a ledger of its own on the common queue. */
    public static class BorrowingPeer extends Thread {
        @Override
        public void run() {
            new BorrowedLedger().commit();
        }
    }

    public static void startTwoBorrowingPeers() {
        new BorrowingPeer().start();
        new BorrowingPeer().start();
    }
}
