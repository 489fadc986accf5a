package io.github.gridlock.agent.programs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Lock-order cycles that go through a monitor taken inside JDK code. Arg selects the case; each runs two threads
 * one after the other (a lucky schedule), so nothing hangs:
 * <ul>
 * <li>vector: record() holds the registry and calls Vector.add (the Vector's monitor, taken in java.util);
 * snapshot() locks the Vector itself for a compound action and then the registry.</li>
 * <li>vector-foreach: record() against Vector.forEach calling back into code that locks the registry (both inner
 * acquisitions happen under a monitor the JDK took).</li>
 * <li>synchronized-map: the same with Collections.synchronizedMap.</li>
 * <li>print-stream (jdk=io): println on a shared PrintStream under the registry, against a block that holds the
 * stream and then the registry.</li>
 * <li>log-handler (jdk=logging): StreamHandler.publish under the registry, against a flush that writes to an
 * OutputStream which locks the registry (the classic logging deadlock).</li>
 * </ul>
 */
public final class JdkMonitors {
    static final Object registry = new Object();
    static final List<String> events = new Vector<>();
    static final Map<String, Integer> index = Collections.synchronizedMap(new HashMap<>());
    static final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
    static final List<String> copy = new ArrayList<>();

    static void record(String event) {
        synchronized (registry) {
            events.add(event);
        }
    }

    static void snapshot() {
        synchronized (events) {
            synchronized (registry) {
                copy.addAll(events);
            }
        }
    }

    static void register(String event) {
        synchronized (registry) {
            copy.add(event);
        }
    }

    static void indexUnderRegistry(String key) {
        synchronized (registry) {
            index.put(key, key.length());
        }
    }

    static void registryUnderIndex() {
        synchronized (index) {
            synchronized (registry) {
                copy.addAll(index.keySet());
            }
        }
    }

    static void printUnderRegistry() {
        synchronized (registry) {
            log.println("registered");
        }
    }

    static void registryUnderStream() {
        synchronized (log) {
            synchronized (registry) {
                log.print(copy.size());
            }
        }
    }

    /** An audit sink that takes the registry's lock on every write. */
    static final class AuditStream extends OutputStream {
        @Override
        public void write(int b) {
            synchronized (registry) {
                copy.add(String.valueOf(b));
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (registry) {
                copy.add(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "vector":
                Schedules.oneAfterTheOther("recorder", () -> record("a"), "snapshotter", JdkMonitors::snapshot);
                break;
            case "vector-foreach":
                Schedules.oneAfterTheOther("recorder", () -> record("a"), "replayer",
                        () -> events.forEach(JdkMonitors::register));
                break;
            case "synchronized-map":
                Schedules.oneAfterTheOther("indexer", () -> indexUnderRegistry("k"), "reader",
                        JdkMonitors::registryUnderIndex);
                break;
            case "print-stream":
                Schedules.oneAfterTheOther("printer", JdkMonitors::printUnderRegistry, "reporter",
                        JdkMonitors::registryUnderStream);
                break;
            case "log-handler": {
                StreamHandler handler = new StreamHandler(new AuditStream(), new SimpleFormatter());
                LogRecord r = new LogRecord(Level.INFO, "hello");
                Schedules.oneAfterTheOther("logger", () -> {
                    synchronized (registry) {
                        handler.publish(r);
                    }
                }, "flusher", () -> {
                    handler.publish(r);
                    handler.flush();
                });
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done " + args[0] + " " + copy.size());
    }
}
