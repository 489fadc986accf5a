package io.github.gridlock.agent.programs;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.TreeMap;
import java.util.Vector;
import java.util.logging.ConsoleHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Uses every JDK class of every jdk= group, from several threads, and prints deterministic results on stdout and
 * stderr (logging): run with and without the agent, the output must be the same.
 */
public final class OutputUnchanged {
    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%n");
        Vector<Integer> vector = new Vector<>();
        Hashtable<String, Integer> table = new Hashtable<>();
        Map<String, Integer> sync = Collections.synchronizedMap(new TreeMap<>());
        List<Integer> syncList = Collections.synchronizedList(new ArrayList<>());
        StringBuffer buffer = new StringBuffer();
        Object lock = new Object();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    synchronized (lock) {
                        vector.add(i);
                        table.merge("k" + (i % 7), 1, Integer::sum);
                    }
                    sync.merge("s" + (i % 5), id, Integer::sum);
                    syncList.add(i % 3);
                    buffer.append(i % 10);
                }
            }, "worker-" + t));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long sum = 0;
        synchronized (vector) {
            for (int v : vector) {
                sum += v;
            }
        }
        Stack<String> stack = new Stack<>();
        for (Enumeration<String> e = table.keys(); e.hasMoreElements();) {
            stack.push(e.nextElement());
        }
        Collections.sort(stack);
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            pw.printf("vector %d sum %d%n", vector.size(), sum);
            pw.printf("table %s%n", new TreeMap<>(table));
            pw.printf("sync %s list %d%n", sync, syncList.size());
            pw.printf("buffer %d chars, digit sum %d%n", buffer.length(), buffer.chars().map(c -> c - '0').sum());
            pw.printf("stack %s%n", stack);
        }
        try (BufferedReader in = new BufferedReader(new StringReader(sw.toString()))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println(line);
            }
        }
        Logger logger = Logger.getLogger("gridlock.output");
        logger.setUseParentHandlers(false);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        logger.addHandler(handler);
        Map<String, Integer> counts = new HashMap<>(table);
        logger.info("logged " + counts.size() + " keys");
        handler.flush();
        System.out.println("done");
    }
}
