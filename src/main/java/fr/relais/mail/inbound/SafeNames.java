package fr.relais.mail.inbound;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** File names safe on any share (used when the parser gave none, and to de-duplicate names). */
final class SafeNames {

    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9");
    static final int MAX = 120;

    private SafeNames() {
    }

    /** The last path segment of a name, with only letters, digits, '.', '-', '_', ' ', bounded, never reserved. */
    static String safe(String name, int index) {
        String n = name == null ? "" : name;
        n = n.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        n = Normalizer.normalize(n, Normalizer.Form.NFKC);
        n = n.replaceAll("[^\\p{L}\\p{N}._\\- ]", "_").replaceAll("\\.{2,}", ".").strip();
        n = n.replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        if (n.isEmpty()) {
            n = "piece-jointe-" + index;
        }
        String stem = n.contains(".") ? n.substring(0, n.indexOf('.')) : n;
        if (RESERVED.contains(stem.toLowerCase(Locale.ROOT))) {
            n = "_" + n;
        }
        if (n.length() > MAX) {
            int dot = n.lastIndexOf('.');
            String ext = dot > 0 && n.length() - dot <= 10 ? n.substring(dot) : "";
            n = n.substring(0, MAX - ext.length()) + ext;
        }
        return n;
    }

    /** "name.ext" → "name (2).ext". */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }
}
