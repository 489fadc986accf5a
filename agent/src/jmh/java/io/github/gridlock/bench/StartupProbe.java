package io.github.gridlock.bench;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.logging.Logger;

/** The program StartupBench starts: touches the JDK classes of the groups once, nests two locks, exits. */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) {
        List<Integer> v = new Vector<>();
        Map<String, Integer> m = Collections.synchronizedMap(new HashMap<>());
        StringBuffer sb = new StringBuffer();
        Object lock = new Object();
        synchronized (lock) {
            v.add(1);
            m.put("a", 1);
            sb.append(v).append(m);
        }
        Logger.getLogger("startup").fine(sb.toString());
    }
}
