package io.github.gridlock.cli.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the small HTML of SpotBugs' messages.xml details into plain text and into Markdown. */
final class HtmlText {
    private static final Pattern PRE = Pattern.compile("(?is)<pre[^>]*>(.*?)</pre>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]+>");

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null) {
            return "";
        }
        String s = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>", "\n\n").replaceAll("(?i)<li>", "\n- ");
        s = TAG.matcher(s).replaceAll("");
        return tidy(unescape(s));
    }

    static String toMarkdown(String html) {
        if (html == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PRE.matcher(html);
        int last = 0;
        while (m.find()) {
            out.append(inlineMarkdown(html.substring(last, m.start())));
            String code = unescape(TAG.matcher(m.group(1)).replaceAll("")).replaceAll("^\\n+|\\s+$", "");
            out.append("\n\n```java\n").append(code).append("\n```\n\n");
            last = m.end();
        }
        out.append(inlineMarkdown(html.substring(last)));
        return tidy(out.toString());
    }

    private static String inlineMarkdown(String html) {
        String s = html.replaceAll("(?is)<code>(.*?)</code>", "`$1`")
                .replaceAll("(?is)<(b|strong)>(.*?)</\\1>", "**$2**")
                .replaceAll("(?is)<(i|em)>(.*?)</\\1>", "*$2*")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</p>", "\n\n")
                .replaceAll("(?i)<li>", "\n- ");
        s = TAG.matcher(s).replaceAll("");
        s = s.replaceAll("[ \\t]*\\n[ \\t]*", "\n");
        return unescape(s);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static String tidy(String s) {
        return s.replaceAll("\\n{3,}", "\n\n").strip();
    }
}
