package fr.relais.mail.intake;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes a stranger's HTML safe to display: jsoup's relaxed safelist (no script, style, iframe, form,
 * event handler or style attribute; links only to http, https and mailto, opened without referrer), and
 * images only from the mail itself ({@code cid:}), so that no remote image reports the reading.
 */
final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "cid")
            .removeProtocols("a", "href", "ftp")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .preserveRelativeLinks(false);

    /** Deeper HTML is read as flat text: jsoup's tree building slows down with the square of the depth. */
    static final int MAX_DEPTH = 2000;
    private static final java.util.Set<String> NOT_NESTING = java.util.Set.of("br", "img", "hr", "input", "meta",
            "link", "area", "base", "col", "embed", "param", "source", "track", "wbr", "p", "li", "td", "th", "tr",
            "option", "dt", "dd", "!doctype");
    private static final java.util.regex.Pattern INVISIBLE = java.util.regex.Pattern.compile(
            "(?is)<(script|style|head|title)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");

    private HtmlSanitizer() {
    }

    /**
     * A quick upper estimate of how deep elements nest (one pass, no parsing): opening tags of elements
     * that may hold others count one level down, closing tags one level up.
     */
    static int nestingDepth(String html) {
        int depth = 0;
        int max = 0;
        int n = html.length();
        for (int i = 0; i < n - 1; i++) {
            if (html.charAt(i) != '<') {
                continue;
            }
            char next = html.charAt(i + 1);
            if (next == '/') {
                depth = Math.max(0, depth - 1);
            } else if (Character.isLetter(next)) {
                int end = i + 1;
                while (end < n && end - i < 20 && Character.isLetterOrDigit(html.charAt(end))) {
                    end++;
                }
                String name = html.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT);
                int close = html.indexOf('>', end);
                boolean selfClosing = close > 0 && html.charAt(close - 1) == '/';
                if (!selfClosing && !NOT_NESTING.contains(name) && ++depth > max) {
                    max = depth;
                }
            }
        }
        return max;
    }

    /** The text of HTML without building its tree: scripts, styles and comments out, tags out, entities decoded. */
    static String flatText(String html) {
        String visible = INVISIBLE.matcher(html).replaceAll(" ");
        String text = TAG.matcher(visible).replaceAll(" ");
        return org.jsoup.parser.Parser.unescapeEntities(text, false).replaceAll("[ \\t\\u00a0]+", " ")
                .replaceAll(" *\\n[ \\n]*", "\n").strip();
    }

    /** The body of the sanitised document, as HTML. */
    static String sanitize(String html) {
        Document dirty = Jsoup.parse(html);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.select("img:not([src])").remove();
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }
}
