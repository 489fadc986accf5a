package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.Deque;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Safe look-alikes for GL_CHECK_THEN_ACT, each spelled as a check and an act on a shared concurrent collection:
 * <ul>
 * <li>{@link #grant}: the pair holds {@code lock}, and so does every other change of the map;</li>
 * <li>{@link #takeTask}: the pair holds the Vector's own monitor, which every Vector call (here {@code add}) takes;</li>
 * <li>{@link #aliasOf}: the get() after containsKey() copes with null anyway;</li>
 * <li>{@link #forget}: containsKey() then remove(): removing a key another thread removed first does nothing;</li>
 * <li>{@link #nextWork}: isEmpty() is a fast path; the poll() result is tested for null;</li>
 * <li>{@link #drainOne}: size() is only logged; take() runs either way and waits when the queue is empty;</li>
 * <li>{@link #distinct}: a concurrent map that never leaves the method;</li>
 * <li>{@link #limitOf}: get() == null, then putIfAbsent(), whose answer is kept: the idiom done right;</li>
 * <li>the constructor: fills its own map before any other thread can see the object;</li>
 * <li>{@link #drainPending}: the one consumer's isEmpty() then remove(), while the other threads only read the head
 * ({@code element()}, {@code getLast()}), which takes nothing: ZooKeeper's {@code FollowerZooKeeperServer.commit}, whose
 * queue {@code Follower.processPacket} reads with {@code element()}. The readers' own size checks and reads
 * ({@link #watchHead}, {@link #watchTail}) are reported: the consumer may take the last element in between.</li>
 * </ul>
 */
public class CheckThenActLookAlikes {

    private final Object lock = new Object();
    private final Map<String, Integer> quotas = new ConcurrentHashMap<>();
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();
    private final Vector<String> tasks = new Vector<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final BlockingQueue<String> work = new LinkedBlockingQueue<>();
    private final Map<String, Integer> defaults = new ConcurrentHashMap<>();
    private final Deque<String> pending = new ConcurrentLinkedDeque<>();

    public CheckThenActLookAlikes(List<String> names) {
        for (String n : names) {
            if (!defaults.containsKey(n)) {
                defaults.put(n, 0);
            }
        }
    }

    public void grant(String user) {
        synchronized (lock) {
            if (!quotas.containsKey(user)) {
                quotas.put(user, 10);
            }
        }
    }

    public void revoke(String user) {
        synchronized (lock) {
            quotas.remove(user);
        }
    }

    public String takeTask() {
        synchronized (tasks) {
            return tasks.isEmpty() ? null : tasks.remove(0);
        }
    }

    public void addTask(String task) {
        tasks.add(task);
    }

    public String aliasOf(String name) {
        if (aliases.containsKey(name)) {
            String alias = aliases.get(name);
            if (alias != null) {
                return alias;
            }
        }
        return name;
    }

    public void unalias(String name) {
        aliases.remove(name);
    }

    public void forget(String name) {
        if (aliases.containsKey(name)) {
            aliases.remove(name);
        }
    }

    public String nextWork() {
        if (work.isEmpty()) {
            return "idle";
        }
        String next = work.poll();
        return next != null ? next : "idle";
    }

    public String drainOne() throws InterruptedException {
        if (work.size() > 100) {
            System.out.println("backlog of " + work.size());
        }
        return work.take();
    }

    public static int distinct(List<String> words) {
        Map<String, Boolean> local = new ConcurrentHashMap<>();
        for (String w : words) {
            if (!local.containsKey(w)) {
                local.put(w, true);
            }
        }
        return local.size();
    }

    public Integer limitOf(String user) {
        Integer limit = limits.get(user);
        if (limit == null) {
            Integer fresh = 10;
            Integer raced = limits.putIfAbsent(user, fresh);
            limit = raced != null ? raced : fresh;
        }
        return limit;
    }

    public int defaultOf(String name) {
        return defaults.getOrDefault(name, 0);
    }

    public void startWatchers() {
        new Thread(this::watchHead).start();
        new Thread(this::watchTail).start();
    }

    public void submit(String item) {
        pending.add(item);
    }

    /**
     * The one consumer: package-private, called by the package's one I/O thread (the shape of a selector loop), and
     * the only code that removes; the watchers' reads of the head take nothing.
     */
    void drainPending() {
        while (!pending.isEmpty()) {
            System.out.println(pending.remove());
        }
    }

    /** Reads the head after a size check: the consumer may take the last element in between, and element() throws. */
    private void watchHead() {
        if (pending.size() > 0) {
            System.out.println(pending.element()); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** The same with the tail of a deque. */
    private void watchTail() {
        if (!pending.isEmpty()) {
            System.out.println(pending.getLast()); // expect: GL_CHECK_THEN_ACT
        }
    }
}
