package io.github.gridlock.bench;

import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Calls into the JDK classes the agent instruments by default (jdk=collections): what watching their monitors costs
 * each call, alone and under a user lock (a known edge).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JdkMonitorBench {
    final List<Integer> vector = new Vector<>();
    final Map<Integer, Integer> synchronizedMap = Collections.synchronizedMap(new HashMap<>());
    final Hashtable<Integer, Integer> hashtable = new Hashtable<>();
    final StringBuffer buffer = new StringBuffer();
    final Object registry = new Object();
    final Integer key = 7;
    int i;

    @Setup
    public void setup() {
        for (int k = 0; k < 16; k++) {
            synchronizedMap.put(k, k);
            hashtable.put(k, k);
        }
    }

    @Benchmark
    public int vectorAddRemove() {
        vector.add(key);
        return vector.remove(vector.size() - 1);
    }

    @Benchmark
    public Integer synchronizedMapGetPut() {
        synchronizedMap.put(key, ++i);
        return synchronizedMap.get(key);
    }

    @Benchmark
    public Integer hashtableGet() {
        return hashtable.get(key);
    }

    @Benchmark
    public int stringBufferAppend() {
        buffer.setLength(0);
        return buffer.append(i++).append('x').length();
    }

    /** The Vector's monitor under a user lock: a nested acquisition whose edge is known. */
    @Benchmark
    public int vectorUnderUserLock() {
        synchronized (registry) {
            vector.add(key);
            return vector.remove(vector.size() - 1);
        }
    }
}
