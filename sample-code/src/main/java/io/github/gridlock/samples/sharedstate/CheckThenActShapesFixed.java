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
 * Fixed twin of {@link CheckThenActShapes}: one call checks and acts ({@code computeIfAbsent}, {@code putIfAbsent},
 * {@code pollFirst}/{@code poll} with a null test, {@code add}'s own result), or the pair holds the collection's own
 * monitor, which every single call of a {@code Vector} or a synchronized wrapper takes too.
 */
public class CheckThenActShapesFixed {

    private static final Map<String, Object> REGISTRY = new ConcurrentHashMap<>();

    private final Map<String, CheckThenActShapes.Report> cache = new ConcurrentHashMap<>();
    private final List<String> subscribers = Collections.synchronizedList(new ArrayList<>());
    private final Vector<String> jobs = new Vector<>();
    private final Hashtable<String, Integer> ports = new Hashtable<>();
    private final ConcurrentLinkedDeque<String> undo = new ConcurrentLinkedDeque<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public void warm(Executor executor, String name) {
        executor.execute(() -> cache.computeIfAbsent(name, CheckThenActShapes.Report::new));
    }

    public CompletableFuture<Void> subscribe(String who) {
        return CompletableFuture.runAsync(() -> {
            synchronized (subscribers) {
                if (!subscribers.contains(who)) {
                    subscribers.add(who);
                }
            }
        });
    }

    public String nextJob() {
        synchronized (jobs) {
            if (jobs.size() > 0) {
                return jobs.remove(0);
            }
            return null;
        }
    }

    public void addJob(String job) {
        jobs.add(job);
    }

    public String newestJob() {
        synchronized (jobs) {
            return jobs.isEmpty() ? null : jobs.lastElement();
        }
    }

    public Runnable portClaimer(String service, int port) {
        return new Runnable() {
            @Override
            public void run() {
                ports.putIfAbsent(service, port);
            }
        };
    }

    public void undoAll(Executor executor) {
        executor.execute(() -> {
            String action;
            while ((action = undo.pollFirst()) != null) {
                System.out.println("undo " + action);
            }
        });
    }

    public void did(String action) {
        undo.push(action);
    }

    public static Object handleFor(String key) {
        return REGISTRY.computeIfAbsent(key, k -> new Object());
    }

    public int nextEventLength() {
        String event = events.poll();
        return event == null ? 0 : event.length();
    }

    public void post(String event) {
        events.offer(event);
    }

    public boolean firstVisit(String page) {
        return seen.add(page);
    }
}
