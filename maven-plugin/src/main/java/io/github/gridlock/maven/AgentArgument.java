package io.github.gridlock.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The {@code -javaagent:} argument on a JVM command line, and its place among the arguments already there. */
final class AgentArgument {
    private AgentArgument() {
    }

    /** {@code -javaagent:JAR=OPTIONS}, quoted when it contains a space (Surefire splits its argLine on blanks). */
    static String of(File jar, String options) {
        String arg = "-javaagent:" + jar.getAbsolutePath() + (options.isEmpty() ? "" : "=" + options);
        return arg.indexOf(' ') >= 0 ? '"' + arg + '"' : arg;
    }

    /**
     * The agent first, then the arguments the property held, less an earlier Gridlock agent argument (so that
     * running the goal twice, or in two executions, does not start the agent twice).
     */
    static String prependTo(String existing, String agent) {
        List<String> kept = new ArrayList<>();
        if (existing != null) {
            for (String token : split(existing)) {
                if (!(token.contains("-javaagent:") && token.contains("gridlock-agent"))) {
                    kept.add(token);
                }
            }
        }
        return kept.isEmpty() ? agent : agent + " " + String.join(" ", kept);
    }

    /** Splits on blanks outside double quotes; quotes stay in the tokens. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (token.length() > 0) {
                    out.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (token.length() > 0) {
            out.add(token.toString());
        }
        return out;
    }
}
