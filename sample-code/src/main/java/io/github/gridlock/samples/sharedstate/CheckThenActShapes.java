package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * GL_CHECK_THEN_ACT in the shapes real code hides it in: a lazy cache filled from executor tasks, a subscriber
 * list and a job Vector shared by workers, a port table claimed from an inner class, an undo deque drained by a
 * task, a static registry, an event queue polled as if it could not be empty, and a "first visit" set. Every
 * collection is thread-safe call by call; each pair of calls is not, because another thread can run between the
 * check and the act. The finding is at the act.
 *
 * @see CheckThenActShapesFixed
 */
public class CheckThenActShapes {

    private static final Map<String, Object> REGISTRY = new ConcurrentHashMap<>();

    private final Map<String, Report> cache = new ConcurrentHashMap<>();
    private final List<String> subscribers = Collections.synchronizedList(new ArrayList<>());
    private final Vector<String> jobs = new Vector<>();
    private final Hashtable<String, Integer> ports = new Hashtable<>();
    private final ConcurrentLinkedDeque<String> undo = new ConcurrentLinkedDeque<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    static final class Report {
        final String name;

        Report(String name) {
            this.name = name;
        }
    }

    /** A lazy cache: get() == null, then put(), in tasks run by an executor; two tasks build and put the report. */
    public void warm(Executor executor, String name) {
        executor.execute(() -> {
            Report r = cache.get(name);
            if (r == null) {
                cache.put(name, new Report(name)); // expect: GL_CHECK_THEN_ACT
            }
        });
    }

    /** contains() then add() on a synchronized list, from a CompletableFuture task: the subscriber is added twice. */
    public CompletableFuture<Void> subscribe(String who) {
        return CompletableFuture.runAsync(() -> {
            if (!subscribers.contains(who)) {
                subscribers.add(who); // expect: GL_CHECK_THEN_ACT
            }
        });
    }

    /** size() then remove(0) on a Vector: another worker takes the last job in between and remove(0) throws. */
    public String nextJob() {
        if (jobs.size() > 0) {
            return jobs.remove(0); // expect: GL_CHECK_THEN_ACT
        }
        return null;
    }

    public void addJob(String job) {
        jobs.add(job);
    }

    /** A size check, then a read of the last element: another worker's nextJob() may take the last one in between. */
    public String newestJob() {
        if (!jobs.isEmpty()) {
            return jobs.lastElement(); // expect: GL_CHECK_THEN_ACT
        }
        return null;
    }

    /** containsKey() then put() on a Hashtable, in an inner class the caller runs on its threads. */
    public Runnable portClaimer(String service, int port) {
        return new Runnable() {
            @Override
            public void run() {
                if (!ports.containsKey(service)) {
                    ports.put(service, port); // expect: GL_CHECK_THEN_ACT
                }
            }
        };
    }

    /** isEmpty() then pop() in a loop of an executor task: another task pops the last entry and pop() throws. */
    public void undoAll(Executor executor) {
        executor.execute(() -> {
            while (!undo.isEmpty()) {
                System.out.println("undo " + undo.pop()); // expect: GL_CHECK_THEN_ACT
            }
        });
    }

    public void did(String action) {
        undo.push(action);
    }

    /** A static registry: get() into a local, a null test, then put(): two callers register two handles. */
    public static Object handleFor(String key) {
        Object handle = REGISTRY.get(key);
        if (handle == null) {
            handle = new Object();
            REGISTRY.put(key, handle); // expect: GL_CHECK_THEN_ACT
        }
        return handle;
    }

    /** isEmpty() then poll() whose result is used as if it could not be null. */
    public int nextEventLength() {
        if (!events.isEmpty()) {
            return events.poll().length(); // expect: GL_CHECK_THEN_ACT
        }
        return 0;
    }

    public void post(String event) {
        events.offer(event);
    }

    /** contains() then add(): two threads both see a first visit. */
    public boolean firstVisit(String page) {
        if (seen.contains(page)) {
            return false;
        }
        seen.add(page); // expect: GL_CHECK_THEN_ACT
        return true;
    }
}
