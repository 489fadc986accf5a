package io.github.gridlock.cli.report;

import io.github.gridlock.cli.engine.ScanResult;
import java.io.IOException;
import java.io.OutputStream;

/** Writes one scan result in one format. Writers add nothing of their own: they only present the result. */
public interface ReportWriter {
    /** Writes the report; does not close {@code out}. */
    void write(ScanResult result, OutputStream out) throws IOException;
}
