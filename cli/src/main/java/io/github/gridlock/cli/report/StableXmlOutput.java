package io.github.gridlock.cli.report;

import edu.umd.cs.findbugs.xml.XMLAttributeList;
import edu.umd.cs.findbugs.xml.XMLOutput;
import java.io.IOException;
import java.util.Set;

/**
 * SpotBugs' XML without what changes from one run to the next over the same input: the engine's performance
 * profile ({@code FindBugsProfile}) and the time and memory it took ({@code cpu_seconds}, {@code clock_seconds},
 * {@code peak_mbytes}, {@code alloc_mbytes}, {@code gc_seconds} of {@code FindBugsSummary}), so that two scans of the
 * same input write the same bytes. The timestamps are set by the writer.
 */
final class StableXmlOutput implements XMLOutput {
    private static final String PROFILE = "FindBugsProfile";
    private static final Set<String> RUN_COSTS = Set.of("cpu_seconds", "clock_seconds", "peak_mbytes",
            "alloc_mbytes", "gc_seconds");

    private final XMLOutput out;
    /** How deep inside the profile the output is: nothing is written while above 0. */
    private int inProfile;

    StableXmlOutput(XMLOutput out) {
        this.out = out;
    }

    @Override
    public void beginDocument() throws IOException {
        out.beginDocument();
    }

    @Override
    public void openTag(String tagName) throws IOException {
        if (entering(tagName)) {
            out.openTag(tagName);
        }
    }

    @Override
    public void openTag(String tagName, XMLAttributeList attributes) throws IOException {
        if (entering(tagName)) {
            out.openTag(tagName, attributes);
        }
    }

    @Override
    public void startTag(String tagName) throws IOException {
        if (entering(tagName)) {
            out.startTag(tagName);
        }
    }

    @Override
    public void addAttribute(String name, String value) throws IOException {
        if (inProfile == 0 && !RUN_COSTS.contains(name)) {
            out.addAttribute(name, value);
        }
    }

    @Override
    public void stopTag(boolean close) throws IOException {
        if (inProfile == 0) {
            out.stopTag(close);
        } else if (close) {
            inProfile--;
        }
    }

    @Override
    public void openCloseTag(String tagName) throws IOException {
        if (inProfile == 0 && !tagName.equals(PROFILE)) {
            out.openCloseTag(tagName);
        }
    }

    @Override
    public void openCloseTag(String tagName, XMLAttributeList attributes) throws IOException {
        if (inProfile == 0 && !tagName.equals(PROFILE)) {
            out.openCloseTag(tagName, attributes);
        }
    }

    @Override
    public void closeTag(String tagName) throws IOException {
        if (inProfile == 0) {
            out.closeTag(tagName);
        } else {
            inProfile--;
        }
    }

    @Override
    public void writeText(String text) throws IOException {
        if (inProfile == 0) {
            out.writeText(text);
        }
    }

    @Override
    public void writeCDATA(String cdata) throws IOException {
        if (inProfile == 0) {
            out.writeCDATA(cdata);
        }
    }

    @Override
    public void finish() throws IOException {
        out.finish();
    }

    /** Whether to write the tag: false for the profile and everything in it. */
    private boolean entering(String tagName) {
        if (inProfile > 0 || tagName.equals(PROFILE)) {
            inProfile++;
            return false;
        }
        return true;
    }
}
