package io.github.gridlock.agent;

import io.github.gridlock.agent.instrument.JdkClasses;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code -javaagent:gridlock-agent.jar=key=value,key=value}. Unknown keys are an error (reported on stderr, the
 * agent then runs with defaults for that key). Within include/exclude, several globs are separated by ':'.
 */
public final class AgentOptions {
    public String report;
    public String sarif;
    /** The HTML page of the run's findings ({@code html=FILE}). */
    public String html;
    public boolean failOnCycle;
    public final List<String> include = new ArrayList<>();
    public final List<String> exclude = new ArrayList<>();
    public long watchdogMillis = 1000;
    public boolean singleThreadFilter = true;
    public boolean gateFilter = true;
    public boolean happensBeforeFilter = true;
    public boolean readReadFilter = true;
    public int maxCycleLength = 6;
    public boolean quiet;
    /** The start-up line on stderr. */
    public boolean banner = true;
    /** The summary line at exit. */
    public boolean summary = true;
    /** Sequential inversions: {@code report} (default), {@code fail}, {@code off}. */
    public String sequential = "report";
    /** JDK classes whose monitors are instrumented too ({@code jdk=collections:io:logging}, {@code all}, {@code none}). */
    public Set<JdkClasses.Group> jdk = EnumSet.copyOf(JdkClasses.DEFAULT);
    public final List<String> errors = new ArrayList<>();

    public static AgentOptions parse(String args) {
        AgentOptions o = new AgentOptions();
        if (args == null || args.trim().isEmpty()) {
            return o;
        }
        for (String part : args.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).trim();
            String value = eq < 0 ? "true" : p.substring(eq + 1).trim();
            try {
                o.set(key, value);
            } catch (IllegalArgumentException e) {
                o.errors.add(e.getMessage());
            }
        }
        return o;
    }

    private void set(String key, String value) {
        switch (key) {
            case "report":
                report = value;
                break;
            case "sarif":
                sarif = value;
                break;
            case "html":
                html = value;
                break;
            case "onCycle":
                if ("fail".equalsIgnoreCase(value)) {
                    failOnCycle = true;
                } else if ("log".equalsIgnoreCase(value)) {
                    failOnCycle = false;
                } else {
                    throw new IllegalArgumentException("onCycle must be log or fail, not " + value);
                }
                break;
            case "include":
                addGlobs(include, value);
                break;
            case "exclude":
                addGlobs(exclude, value);
                break;
            case "watchdog":
                watchdogMillis = parseMillis(value);
                break;
            case "singleThreadFilter":
                singleThreadFilter = bool(key, value);
                break;
            case "gateFilter":
                gateFilter = bool(key, value);
                break;
            case "hbFilter":
                happensBeforeFilter = bool(key, value);
                break;
            case "readReadFilter":
                readReadFilter = bool(key, value);
                break;
            case "maxCycle":
                maxCycleLength = Integer.parseInt(value);
                break;
            case "jdk":
                jdk = JdkClasses.parse(value);
                break;
            case "banner":
                banner = bool(key, value);
                break;
            case "summary":
                summary = bool(key, value);
                break;
            case "sequential":
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("report") && !v.equals("fail") && !v.equals("off")) {
                    throw new IllegalArgumentException("sequential must be report, fail or off, not " + value);
                }
                sequential = v;
                break;
            case "quiet":
                quiet = bool(key, value);
                break;
            default:
                throw new IllegalArgumentException("unknown option " + key);
        }
    }

    private static void addGlobs(List<String> into, String value) {
        for (String g : value.split(":")) {
            if (!g.trim().isEmpty()) {
                into.add(g.trim());
            }
        }
    }

    private static boolean bool(String key, String v) {
        if ("true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v)) {
            return true;
        }
        if ("false".equalsIgnoreCase(v) || "off".equalsIgnoreCase(v)) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, not " + v);
    }

    /** "500" or "500ms" milliseconds, "2s" seconds, "0" or "off" disables. */
    static long parseMillis(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("off")) {
            return 0;
        }
        try {
            if (s.endsWith("ms")) {
                return Long.parseLong(s.substring(0, s.length() - 2));
            }
            if (s.endsWith("s")) {
                return Long.parseLong(s.substring(0, s.length() - 1)) * 1000;
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("watchdog must be a period like 500ms or 2s, not " + v);
        }
    }

    /** Dotted class names the transformer may instrument: matches an include glob (if any) and no exclude glob. */
    public Predicate<String> classFilter() {
        List<Pattern> inc = compile(include);
        List<Pattern> exc = compile(exclude);
        return name -> (inc.isEmpty() || matchesAny(inc, name)) && !matchesAny(exc, name);
    }

    private static boolean matchesAny(List<Pattern> ps, String name) {
        for (Pattern p : ps) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> compile(List<String> globs) {
        List<Pattern> r = new ArrayList<>();
        for (String g : globs) {
            r.add(globToRegex(g));
        }
        return r;
    }

    /** {@code **} matches anything, {@code *} anything but '.', {@code ?} one character. */
    static Pattern globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    sb.append(".*");
                    i++;
                } else {
                    sb.append("[^.]*");
                }
            } else if (c == '?') {
                sb.append("[^.]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }
}
