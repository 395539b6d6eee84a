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

    private HtmlSanitizer() {
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
