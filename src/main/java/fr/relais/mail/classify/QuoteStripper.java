package fr.relais.mail.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Separates what the sender just wrote from what the mail carries along: quoted history ('>' lines,
 * "Le ... a écrit :", "-----Message d'origine-----", Outlook's "De : ... Envoyé : ... Objet :" block,
 * "From: ... Sent: ..."), forwarded mails, signatures ("-- ", a closing formula followed by contact
 * lines, "Envoyé de mon iPhone") and legal mentions. When the sender wrote nothing new (a bare forward),
 * the forwarded or quoted text is what counts. Stateless and thread-safe.
 */
public final class QuoteStripper {

    /** The new text and the history it came with. */
    public record Stripped(String newText, String history) {
        /** The text to classify: the new text, or the history (forwarded mail) when nothing new was written. */
        public String relevantText() {
            return newText.isBlank() ? history : newText;
        }
    }

    private static final Pattern WROTE = Pattern.compile(
            "(?iu)^\\s*(le|on|am)\\b.{0,200}\\b(a\\s+[ée]crit|wrote|schrieb)\\s*:?\\s*$");
    private static final Pattern SEPARATOR = Pattern.compile(
            "(?iu)^\\s*(-{2,}\\s*(message d'origine|message d’origine|original message|mail original|message transf[ée]r[ée]"
                    + "|forwarded message|message original)\\s*-{2,}|d[ée]but du message r[ée]exp[ée]di[ée]\\s*:"
                    + "|begin forwarded message\\s*:|_{10,})\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("(?iu)^\\s*\\*?(de|from|exp[ée]diteur)\\s*\\*?\\s*:.*");
    private static final Pattern HEADER_OTHER = Pattern.compile(
            "(?iu)^\\s*\\*?(envoy[ée]|sent|date|[àa]|to|objet|subject|cc)\\s*\\*?\\s*:.*");
    private static final Pattern SIGNATURE_DASHES = Pattern.compile("^--\\s*$");
    private static final Pattern MOBILE = Pattern.compile(
            "(?iu)^\\s*(envoy[ée] (de|depuis) (mon|un)|sent from my|get outlook for|obtenir outlook pour|"
                    + "t[ée]l[ée]charger outlook).*$");
    private static final Pattern CLOSING = Pattern.compile(
            "(?iu)^\\s*(bien\\s+)?(cordialement|cdlt|cdt|bien [àa] vous|salutations|sinc[èe]res salutations|"
                    + "meilleures salutations|bonne (journ[ée]e|soir[ée]e)|merci d'avance|merci par avance|best regards|"
                    + "regards|veuillez agr[ée]er.*|je vous prie d'agr[ée]er.*|dans l'attente de (votre|vous) (r[ée]ponse|lire).*)"
                    + "[\\s,.!]*$");
    private static final Pattern LEGAL = Pattern.compile(
            "(?iu)^\\s*(ce (message|courriel|mail|e-mail)( et (toutes )?(les|ses) pi[èe]ces jointes)? (est|sont|peut|contient)"
                    + "|this (e-?mail|message) (and any|is confidential|may contain)|pensez [àa] l'environnement"
                    + "|avant d'imprimer|conform[ée]ment au r[èe]glement|confidentialit[ée]\\s*:|disclaimer\\s*:).*");

    private QuoteStripper() {
    }

    /** Splits a body into new text and history. */
    public static Stripped strip(String body) {
        if (body == null || body.isBlank()) {
            return new Stripped("", "");
        }
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int cut = historyStart(lines);
        List<String> fresh = new ArrayList<>();
        List<String> history = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean quoted = line.stripLeading().startsWith(">");
            if (i >= cut || quoted) {
                history.add(quoted ? line.stripLeading().replaceFirst("^(>\\s?)+", "") : line);
            } else {
                fresh.add(line);
            }
        }
        String newText = removeSignature(fresh);
        String old = String.join("\n", history).strip();
        if (newText.isBlank() && !old.isBlank()) {
            // A bare forward: what counts is the forwarded mail itself, without its header block and signature.
            old = removeSignature(List.of(dropHeaderBlock(old).split("\n", -1)));
        }
        return new Stripped(newText, old);
    }

    private static int historyStart(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (SEPARATOR.matcher(line).matches() && !(line.strip().startsWith("_") && !headerBlockFollows(lines, i + 1))) {
                return i;
            }
            if (WROTE.matcher(line).matches()) {
                return i;
            }
            if (i + 1 < lines.length && line.length() < 200 && WROTE.matcher(line + " " + lines[i + 1]).matches()
                    && line.matches("(?iu)^\\s*(le|on)\\b.*")) {
                return i;
            }
            if (HEADER_FROM.matcher(line).matches() && headerBlockFollows(lines, i + 1)) {
                return i;
            }
        }
        return lines.length;
    }

    private static boolean headerBlockFollows(String[] lines, int from) {
        int seen = 0;
        for (int j = from; j < Math.min(lines.length, from + 5); j++) {
            if (HEADER_OTHER.matcher(lines[j]).matches() || HEADER_FROM.matcher(lines[j]).matches()) {
                seen++;
            }
        }
        return seen >= 1;
    }

    private static String dropHeaderBlock(String text) {
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && (lines[i].isBlank() || SEPARATOR.matcher(lines[i]).matches()
                || HEADER_FROM.matcher(lines[i]).matches() || HEADER_OTHER.matcher(lines[i]).matches()
                || WROTE.matcher(lines[i]).matches())) {
            i++;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
    }

    /** Removes the signature, the mobile footer and legal mentions at the end of the new text. */
    static String removeSignature(List<String> lines) {
        int end = lines.size();
        for (int i = 0; i < end; i++) {
            String line = lines.get(i);
            if (SIGNATURE_DASHES.matcher(line).matches() || MOBILE.matcher(line).matches()
                    || LEGAL.matcher(line).matches()) {
                end = i;
                break;
            }
        }
        // A closing formula followed only by a few short contact lines ends the message.
        for (int i = 0; i < end; i++) {
            if (CLOSING.matcher(lines.get(i)).matches() && onlyContactLinesAfter(lines, i + 1, end)) {
                end = i;
                break;
            }
        }
        return String.join("\n", lines.subList(0, end)).strip();
    }

    private static boolean onlyContactLinesAfter(List<String> lines, int from, int end) {
        int nonBlank = 0;
        for (int j = from; j < end; j++) {
            String line = lines.get(j).strip();
            if (line.isEmpty()) {
                continue;
            }
            nonBlank++;
            if (line.length() > 90 || nonBlank > 10) {
                return false;
            }
        }
        return true;
    }
}
