package io.github.gridlock.cli.report;

import edu.umd.cs.findbugs.SortedBugCollection;
import edu.umd.cs.findbugs.xml.OutputStreamXMLOutput;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.ScanResult;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * SpotBugs' own XML format ({@code BugCollection}), written by SpotBugs itself, so existing tooling reads it; two
 * scans of the same input write the same bytes (see {@link StableXmlOutput}, {@link #timestamp()}).
 */
public final class XmlReportWriter implements ReportWriter {
    /** The reproducible-builds convention: seconds since 1970 to use instead of the current time. */
    static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    @Override
    public void write(ScanResult result, OutputStream out) throws IOException {
        SortedBugCollection collection = new SortedBugCollection(result.stats(), result.project());
        collection.setWithMessages(true);
        long timestamp = timestamp();
        collection.setTimestamp(timestamp);
        collection.setAnalysisTimestamp(timestamp);
        result.stats().setTimestamp(timestamp);
        for (Finding f : result.findings()) {
            collection.add(f.bug(), false);
        }
        collection.bugsPopulated();
        OutputStream notClosing = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        collection.writeXML(new StableXmlOutput(new OutputStreamXMLOutput(
                new OutputStreamWriter(notClosing, StandardCharsets.UTF_8))));
    }

    /**
     * The time the report carries: {@code SOURCE_DATE_EPOCH} when set (reproducible builds), else the start of the
     * current day in UTC, so that two scans of the same input on one day write the same bytes and the report still
     * says when it was made.
     */
    static long timestamp() {
        String epoch = System.getenv(SOURCE_DATE_EPOCH);
        if (epoch != null && epoch.trim().matches("\\d{1,12}")) {
            return Long.parseLong(epoch.trim()) * 1000;
        }
        long day = 24L * 60 * 60 * 1000;
        return System.currentTimeMillis() / day * day;
    }
}
