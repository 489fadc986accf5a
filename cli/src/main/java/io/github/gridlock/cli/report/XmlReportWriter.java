package io.github.gridlock.cli.report;

import edu.umd.cs.findbugs.SortedBugCollection;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.ScanResult;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** SpotBugs' own XML format ({@code BugCollection}), written by SpotBugs itself, so existing tooling reads it. */
public final class XmlReportWriter implements ReportWriter {
    @Override
    public void write(ScanResult result, OutputStream out) throws IOException {
        SortedBugCollection collection = new SortedBugCollection(result.stats(), result.project());
        collection.setWithMessages(true);
        collection.setTimestamp(System.currentTimeMillis());
        for (Finding f : result.findings()) {
            collection.add(f.bug(), false);
        }
        collection.writeXML(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
    }
}
