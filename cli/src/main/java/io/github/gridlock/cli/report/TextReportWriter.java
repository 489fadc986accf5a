package io.github.gridlock.cli.report;

import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.Problem;
import io.github.gridlock.cli.engine.ScanResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The human report: {@code path/File.java:LINE  GL_CODE  message}, grouped by file (a blank line between files),
 * then a summary by code, each code with the link to its page.
 */
public final class TextReportWriter implements ReportWriter {
    private final Path base;
    private final DocsLinks docs;

    /** @param base the folder paths are shown relative to (normally the working directory) */
    public TextReportWriter(Path base) {
        this(base, DocsLinks.none());
    }

    /**
     * @param base the folder paths are shown relative to (normally the working directory)
     * @param docs where the codes' pages are
     */
    public TextReportWriter(Path base, DocsLinks docs) {
        this.base = base.toAbsolutePath().normalize();
        this.docs = docs;
    }

    @Override
    public void write(ScanResult result, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        String previousFile = null;
        Map<String, Integer> byCode = new TreeMap<>();
        int files = 0;
        for (Finding f : result.findings()) {
            String file = displayPath(f);
            if (!Objects.equals(file, previousFile)) {
                if (previousFile != null) {
                    w.println();
                }
                files++;
                previousFile = file;
            }
            String location = f.startLine() > 0 ? file + ":" + f.startLine() : file;
            w.println(location + "  " + f.code() + "  " + f.message());
            byCode.merge(f.code(), 1, Integer::sum);
        }
        if (!result.findings().isEmpty()) {
            w.println();
        }
        int n = result.findings().size();
        String analysed = Plural.of(result.classesAnalysed(), "class", "classes") + " analysed" + notAnalysed(result);
        boolean failed = result.analysisRan() && result.hasProblems(Problem.Kind.FAILURE);
        if (failed) {
            w.println("The analysis failed before it finished (the error is on stderr): this report is incomplete.");
        }
        if (n == 0) {
            w.println(!result.analysisRan() ? "No findings: nothing could be analysed."
                    : (failed ? "No findings before the analysis stopped (" : "No findings (") + analysed + ").");
        } else {
            w.println(Plural.of(n, "finding") + " in " + Plural.of(files, "file") + " (" + analysed + "):");
            int width = byCode.keySet().stream().mapToInt(String::length).max().orElse(0);
            int countWidth = byCode.values().stream().mapToInt(c -> String.valueOf(c).length()).max().orElse(1);
            for (Map.Entry<String, Integer> e : byCode.entrySet()) {
                String link = docs.forReader(e.getKey(), base).map(l -> "  " + l).orElse("");
                w.println(String.format("  %-" + width + "s  %" + countWidth + "d", e.getKey(), e.getValue()) + link);
            }
        }
        w.flush();
    }

    /** "; 3 methods could not be analysed" when the plugin could not analyse some, else nothing. */
    private static String notAnalysed(ScanResult result) {
        long methods = result.methodsNotAnalysed();
        long classes = result.analysisFailures().stream().filter(f -> f.gridlock() && !f.method()).count();
        if (methods == 0 && classes == 0) {
            return "";
        }
        String what = methods > 0 && classes > 0 ? Plural.of(methods, "method") + " and "
                + Plural.of(classes, "class", "classes") : methods > 0 ? Plural.of(methods, "method")
                : Plural.of(classes, "class", "classes");
        return "; " + what + " could not be analysed";
    }

    String displayPath(Finding f) {
        if (f.sourceFile() != null) {
            Path abs = f.sourceFile().toAbsolutePath().normalize();
            return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
        }
        if (f.sourcePath() != null) {
            return f.sourcePath();
        }
        return f.className();
    }
}
