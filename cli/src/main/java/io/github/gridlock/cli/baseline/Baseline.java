package io.github.gridlock.cli.baseline;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.SortedBugCollection;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.report.SarifReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An earlier report (SARIF or SpotBugs XML, as {@code gridlock scan} writes them) whose findings are not reported
 * again. Findings match on {@link Finding#fingerprint()}: bug code, class, method and SpotBugs' line-free instance
 * hash — never on line numbers. Matching counts: if the baseline had one finding with a fingerprint and the scan
 * has two, the first (in report order) is known and the second is new.
 */
public final class Baseline {
    private final Map<String, Integer> counts;

    private Baseline(Map<String, Integer> counts) {
        this.counts = counts;
    }

    public static Baseline empty() {
        return new Baseline(new HashMap<>());
    }

    /** Reads a baseline; the format is recognised from the content. */
    public static Baseline read(Path file) throws BaselineException {
        if (!Files.isRegularFile(file)) {
            throw new BaselineException(file + ": baseline file not found");
        }
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(512);
            }
            String start = new String(head, StandardCharsets.UTF_8).stripLeading();
            if (start.startsWith("\uFEFF")) {
                start = start.substring(1);
            }
            if (start.startsWith("{")) {
                return readSarif(file);
            }
            if (start.startsWith("<")) {
                return readXml(file);
            }
            throw new BaselineException(file + ": not a SARIF or SpotBugs XML report"
                    + " (write one with gridlock scan --format sarif|xml)");
        } catch (IOException e) {
            throw new BaselineException(file + ": cannot read baseline: " + e.getMessage());
        }
    }

    private static Baseline readSarif(Path file) throws IOException, BaselineException {
        Map<String, Integer> counts = new HashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonObject root = JsonParser.parseReader(r).getAsJsonObject();
            JsonArray runs = root.getAsJsonArray("runs");
            if (runs == null) {
                throw new BaselineException(file + ": not a SARIF log (no runs)");
            }
            for (JsonElement run : runs) {
                JsonArray results = run.getAsJsonObject().getAsJsonArray("results");
                if (results == null) {
                    continue;
                }
                for (JsonElement result : results) {
                    JsonObject fp = result.getAsJsonObject().getAsJsonObject("partialFingerprints");
                    if (fp == null || !fp.has(SarifReportWriter.FINGERPRINT_KEY)) {
                        throw new BaselineException(file + ": a result has no " + SarifReportWriter.FINGERPRINT_KEY
                                + " fingerprint; use a SARIF report written by gridlock scan");
                    }
                    counts.merge(fp.get(SarifReportWriter.FINGERPRINT_KEY).getAsString(), 1, Integer::sum);
                }
            }
        } catch (JsonParseException | IllegalStateException | ClassCastException e) {
            throw new BaselineException(file + ": not valid SARIF JSON: " + e.getMessage());
        }
        return new Baseline(counts);
    }

    private static Baseline readXml(Path file) throws BaselineException {
        SortedBugCollection collection = new SortedBugCollection();
        try {
            collection.readXML(file.toFile());
        } catch (IOException | org.dom4j.DocumentException | RuntimeException e) {
            throw new BaselineException(file + ": not a readable SpotBugs XML report: " + e.getMessage());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (BugInstance bug : collection.getCollection()) {
            MethodAnnotation m = bug.getPrimaryMethod();
            String method = m == null ? "" : m.getMethodName() + m.getMethodSignature();
            String cls = bug.getPrimaryClass() == null ? "" : bug.getPrimaryClass().getClassName();
            counts.merge(Finding.fingerprint(bug.getType(), cls, method, Finding.lineFreeInstanceKey(bug)), 1,
                    Integer::sum);
        }
        return new Baseline(counts);
    }

    public int size() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The findings that are not in this baseline, in the given order. */
    public List<Finding> newFindings(List<Finding> findings) {
        Map<String, Integer> remaining = new HashMap<>(counts);
        List<Finding> fresh = new ArrayList<>();
        for (Finding f : findings) {
            Integer left = remaining.get(f.fingerprint());
            if (left != null && left > 0) {
                remaining.put(f.fingerprint(), left - 1);
            } else {
                fresh.add(f);
            }
        }
        return fresh;
    }

    /** A baseline file that cannot be used; the message names it. */
    public static final class BaselineException extends Exception {
        private static final long serialVersionUID = 1L;

        public BaselineException(String message) {
            super(message);
        }
    }
}
