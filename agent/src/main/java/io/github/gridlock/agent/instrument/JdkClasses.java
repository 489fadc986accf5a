package io.github.gridlock.agent.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JDK classes whose monitors the agent also watches, in groups (option {@code jdk=}). Only their
 * {@code synchronized} blocks and methods are instrumented (none of them calls {@code wait} or a {@code Lock});
 * classes already loaded at start-up are retransformed, the others are instrumented when they load.
 *
 * <p>Chosen because user code shares their monitors with its own locks: {@code synchronized (registry)
 * { events.add(x); }} with a {@code Vector} takes the Vector's monitor inside {@code java.util}. Nothing the runtime
 * itself calls at lock time is in any group.
 */
public final class JdkClasses {
    /** A group of the {@code jdk=} option. */
    public enum Group {
        /** On by default: the synchronized collections and StringBuffer. */
        COLLECTIONS("java/util/Vector", "java/util/Vector$", "java/util/Stack", "java/util/Hashtable",
                "java/util/Hashtable$", "java/util/Collections$Synchronized", "java/lang/StringBuffer"),
        /** Streams, readers and writers: their own monitor or their {@code lock} field. */
        IO("java/io/PrintStream", "java/io/PrintWriter", "java/io/BufferedWriter", "java/io/BufferedOutputStream",
                "java/io/BufferedInputStream", "java/io/BufferedReader", "java/io/Writer", "java/io/Reader",
                "java/io/OutputStreamWriter", "java/io/InputStreamReader", "sun/nio/cs/StreamEncoder",
                "sun/nio/cs/StreamDecoder"),
        /** java.util.logging handlers (publish, flush, close and the setters are synchronized). */
        LOGGING("java/util/logging/Handler", "java/util/logging/StreamHandler", "java/util/logging/ConsoleHandler",
                "java/util/logging/FileHandler", "java/util/logging/SocketHandler",
                "java/util/logging/MemoryHandler");

        /** Internal names; one ending in '$' or a "Synchronized" prefix also selects the classes it starts. */
        final List<String> names;

        Group(String... names) {
            this.names = List.of(names);
        }

        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Set<Group> DEFAULT = Collections.unmodifiableSet(EnumSet.of(Group.COLLECTIONS));
    public static final JdkClasses NONE = new JdkClasses(EnumSet.noneOf(Group.class));

    private final Set<Group> groups;
    private final List<String> exact = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    public JdkClasses(Set<Group> groups) {
        this.groups = groups.isEmpty() ? EnumSet.noneOf(Group.class) : EnumSet.copyOf(groups);
        for (Group g : this.groups) {
            for (String n : g.names) {
                if (n.endsWith("$") || n.endsWith("$Synchronized")) {
                    prefixes.add(n);
                } else {
                    exact.add(n);
                }
            }
        }
    }

    /** Parses {@code collections:io}, {@code all} or {@code none}. */
    public static Set<Group> parse(String value) {
        Set<Group> r = EnumSet.noneOf(Group.class);
        for (String part : value.split(":")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty() || p.equals("none") || p.equals("off")) {
                continue;
            }
            if (p.equals("all")) {
                r.addAll(EnumSet.allOf(Group.class));
                continue;
            }
            Group g = byName().get(p);
            if (g == null) {
                throw new IllegalArgumentException("jdk groups are " + String.join(", ", byName().keySet())
                        + ", all or none, not " + part.trim());
            }
            r.add(g);
        }
        return r;
    }

    private static Map<String, Group> byName() {
        Map<String, Group> m = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            m.put(g.optionName(), g);
        }
        return m;
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    public Set<Group> groups() {
        return Collections.unmodifiableSet(groups);
    }

    /** True for a JDK class (internal name) in one of the selected groups. */
    public boolean selects(String internalName) {
        if (exact.contains(internalName)) {
            return true;
        }
        for (String p : prefixes) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** {@code collections:io}, or {@code none}. */
    public String describe() {
        if (groups.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (Group g : groups) {
            sb.append(sb.length() == 0 ? "" : ":").append(g.optionName());
        }
        return sb.toString();
    }
}
