package fr.relais.customer.match;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Unicode folding shared by the normalisers: no accents, lower case, letters and digits only. */
final class TextFolding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextFolding() {
    }

    /**
     * Folds text: NFKD decomposition without combining marks, ligatures spelled out, lower case, every
     * character other than a-z and 0-9 turned into one space. A hyphen or apostrophe between letters
     * becomes a space too.
     */
    static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String d = s;
        if (!ascii(s)) {
            // plain ASCII has no decomposition and no mark: only other text goes through NFKD
            d = Normalizer.normalize(s, Normalizer.Form.NFKD);
            d = MARKS.matcher(d).replaceAll("");
        }
        StringBuilder b = new StringBuilder(d.length());
        boolean space = true;
        for (int i = 0; i < d.length(); i++) {
            char c = Character.toLowerCase(d.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
                space = false;
            } else if (c == 'œ') {
                b.append("oe");
                space = false;
            } else if (c == 'æ') {
                b.append("ae");
                space = false;
            } else if (c == 'ß') {
                b.append("ss");
                space = false;
            } else if (!space) {
                b.append(' ');
                space = true;
            }
        }
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == ' ') {
            b.setLength(n - 1);
        }
        return b.toString();
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Folded tokens of a text. */
    static List<String> tokens(String s) {
        String f = fold(s);
        List<String> out = new ArrayList<>();
        if (f.isEmpty()) {
            return out;
        }
        for (String t : f.split(" ")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Joins runs of single letters ("s a r l" typed as S.A.R.L.) into one token when the joined token is
     * in {@code known}; other single letters stay as they are (initials).
     */
    static List<String> joinLetterRuns(List<String> tokens, java.util.Set<String> known) {
        List<String> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            if (tokens.get(i).length() == 1 && Character.isLetter(tokens.get(i).charAt(0))) {
                int j = i;
                StringBuilder run = new StringBuilder();
                while (j < tokens.size() && tokens.get(j).length() == 1 && Character.isLetter(tokens.get(j).charAt(0))) {
                    run.append(tokens.get(j));
                    j++;
                }
                if (j - i >= 2 && known.contains(run.toString())) {
                    out.add(run.toString());
                    i = j;
                    continue;
                }
            }
            out.add(tokens.get(i));
            i++;
        }
        return out;
    }

    static String upperAscii(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
