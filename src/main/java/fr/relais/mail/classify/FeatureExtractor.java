package fr.relais.mail.classify;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a mail into hashed, weighted features for the linear models:
 * <ul>
 *   <li>{@code body:} word unigrams and bigrams of the new text after Lucene's French analysis (elision,
 *   lower case, ASCII folding, French stop words minus the negations, light stemming);</li>
 *   <li>{@code subject:} the same for the subject, kept apart from the body;</li>
 *   <li>{@code chars:} character 3- to 5-grams of the folded words (typos, glued words);</li>
 *   <li>{@code hdr:} / {@code from:} header and sender features (reply, forward, list-like sender,
 *   free-mail or company domain, tokens of the address, length of the text).</li>
 * </ul>
 * Each block is log(1+tf) weighted and scaled to a fixed L2 norm; names are hashed into
 * {@value #DIMENSION} buckets. Thread-safe.
 */
public final class FeatureExtractor {

    /** Number of hash buckets (a power of two); index DIMENSION + 1 is the constant bias feature. */
    public static final int DIMENSION = 1 << 18;
    private static final int MAX_CHARS = 4000;
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "orange.fr", "wanadoo.fr", "free.fr",
            "hotmail.fr", "hotmail.com", "laposte.net", "sfr.fr", "yahoo.fr", "yahoo.com", "outlook.fr",
            "outlook.com", "icloud.com", "bbox.fr", "live.fr", "neuf.fr", "aol.com", "gmx.fr", "me.com", "msn.com");
    /** Negations and time words that carry meaning here although French stop lists drop them. */
    private static final Set<String> KEPT = Set.of("pas", "plus", "aucun", "aucune", "toujours", "jamais", "sans",
            "rien", "ni", "non", "ne", "encore", "deja", "trop");

    // Block weights, chosen on the cross-writer check (system properties only for tuning experiments).
    private static final double W_BODY = Double.parseDouble(System.getProperty("relais.classify.w-body", "1.0"));
    private static final double W_SUBJECT = Double.parseDouble(System.getProperty("relais.classify.w-subject", "0.5"));
    private static final double W_CHARS = Double.parseDouble(System.getProperty("relais.classify.w-chars", "2.0"));
    private static final double W_HISTORY = Double.parseDouble(System.getProperty("relais.classify.w-history", "0"));
    private static final double W_HEADER = Double.parseDouble(System.getProperty("relais.classify.w-header", "0.35"));

    /** A sparse feature vector with sorted indices (1-based) and the name of each feature. */
    public record Vector(int[] indices, double[] values, String[] names) {
    }

    private final Analyzer analyzer;

    public FeatureExtractor() {
        CharArraySet stops = new CharArraySet(200, true);
        for (Object word : FrenchAnalyzer.getDefaultStopSet()) {
            String folded = TextNormalizer.fold(new String((char[]) word)).toLowerCase(Locale.ROOT);
            if (!KEPT.contains(folded)) {
                stops.add(folded);
            }
        }
        CharArraySet stopWords = CharArraySet.unmodifiableSet(stops);
        this.analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
                stream = new LowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                stream = new StopFilter(stream, stopWords);
                stream = new FrenchLightStemFilter(stream);
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    /** The French analysis of a text: folded, stemmed tokens without stop words (negations kept). */
    public List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("t", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String t = term.toString();
                if (t.length() > 1 || Character.isDigit(t.charAt(0))) {
                    tokens.add(t.chars().allMatch(Character::isDigit) ? digitShape(t) : t);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static String digitShape(String digits) {
        return "#" + Math.min(digits.length(), 6);
    }

    /** Features of a mail whose text to classify (quotes and signature removed) is {@code text}. */
    public Vector extract(MailText mail, String text) {
        return extract(mail, text, "");
    }

    /** Features of a mail with the history it carries (quoted or forwarded text, weighted low). */
    public Vector extract(MailText mail, String text, String history) {
        Block body = new Block(256);
        List<String> bodyTokens = tokens(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        words("body:", bodyTokens, body);
        Block subject = new Block(32);
        words("subject:", tokens(cleanSubject(mail.subject())), subject);
        String folded = TextNormalizer.fold(cleanSubject(mail.subject()) + " " + (text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text))
                .toLowerCase(Locale.ROOT);
        Block chars = new Block(1024);
        charGrams(folded, chars, null);
        Block header = new Block(16);
        headerFeatures(mail, bodyTokens.size(), header);
        Block old = new Block(64);
        if (W_HISTORY > 0 && history != null && !history.isBlank() && !history.equals(text)) {
            for (String t : tokens(history.length() > 5000 ? history.substring(0, 5000) : history)) {
                String name = "history:" + t;
                old.add(index(name), 1.0, name);
            }
        }

        Block all = new Block(2048);
        body.addTo(all, W_BODY);
        subject.addTo(all, W_SUBJECT);
        chars.addTo(all, W_CHARS);
        header.addTo(all, W_HEADER);
        old.addTo(all, W_HISTORY);
        all.add(DIMENSION + 1, 1.0, "(bias)");
        int[] indices = all.keys();
        Arrays.sort(indices);
        double[] values = new double[indices.length];
        String[] names = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int slot = all.slot(indices[i]);
            values[i] = all.values[slot];
            names[i] = all.names[slot];
        }
        return new Vector(indices, values, names);
    }

    /**
     * The name of a feature of this mail whose name was not kept (character n-grams are hashed without
     * building their text), or {@code "chars:?"}.
     */
    public java.util.Map<Integer, String> charGramNames(MailText mail, String text, java.util.Set<Integer> indices) {
        String folded = TextNormalizer.fold(cleanSubject(mail.subject()) + " " + (text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text))
                .toLowerCase(Locale.ROOT);
        java.util.Map<Integer, String> found = new java.util.HashMap<>();
        charGrams(folded, null, (gramIndex, gram) -> {
            if (indices.contains(gramIndex)) {
                found.putIfAbsent(gramIndex, "chars:" + gram.replace(' ', '_'));
            }
        });
        return found;
    }

    public String charGramName(MailText mail, String text, int index) {
        String folded = TextNormalizer.fold(cleanSubject(mail.subject()) + " " + (text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text))
                .toLowerCase(Locale.ROOT);
        String[] found = new String[1];
        charGrams(folded, null, (gramIndex, gram) -> {
            if (gramIndex == index && found[0] == null) {
                found[0] = "chars:" + gram.replace(' ', '_');
            }
        });
        return found[0] == null ? "chars:?" : found[0];
    }

    private static String cleanSubject(String subject) {
        return subject.replaceAll("(?i)^\\s*((re|tr|fw|fwd|aw|r[ée]f)\\s*(\\[\\d+\\])?\\s*:\\s*)+", "");
    }

    private static void words(String prefix, List<String> tokens, Block out) {
        for (int i = 0; i < tokens.size(); i++) {
            String unigram = prefix + tokens.get(i);
            out.add(index(unigram), 1.0, unigram);
            if (i + 1 < tokens.size()) {
                String bigram = unigram + " " + tokens.get(i + 1);
                out.add(index(bigram), 1.0, bigram);
            }
        }
    }

    private interface GramSink {
        void accept(int index, String gram);
    }

    /** Character 3- to 5-grams of each word padded with spaces, hashed without building strings. */
    private static void charGrams(String folded, Block out, GramSink names) {
        int n = folded.length();
        char[] word = new char[64];
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(folded.charAt(i))) {
                i++;
            }
            int len = 0;
            word[len++] = ' ';
            while (i < n && Character.isLetterOrDigit(folded.charAt(i))) {
                char c = folded.charAt(i++);
                if (len < word.length - 1) {
                    word[len++] = c;
                }
            }
            word[len++] = ' ';
            if (len <= 3) {
                continue;
            }
            for (int start = 0; start + 3 <= len; start++) {
                int h = CHAR_SEED;
                for (int k = start; k < Math.min(len, start + MAX_GRAM); k++) {
                    h = 31 * h + word[k];
                    int size = k - start + 1;
                    if (size >= 3) {
                        int index = mix(h);
                        if (out != null) {
                            out.add(index, 1.0, null);
                        }
                        if (names != null) {
                            names.accept(index, new String(word, start, size));
                        }
                    }
                }
            }
        }
    }

    private static final int MAX_GRAM = Integer.getInteger("relais.classify.max-gram", 5);
    private static final int CHAR_SEED = "chars:".hashCode();

    private static void headerFeatures(MailText mail, int tokenCount, Block out) {
        String subject = mail.subject().toLowerCase(Locale.ROOT).strip();
        if (mail.header("in-reply-to") != null || mail.header("references") != null || subject.matches("^(re|aw)\\s*:.*")) {
            out.put("hdr:reply");
        }
        if (subject.matches("^(tr|fw|fwd)\\s*:.*")) {
            out.put("hdr:forward");
        }
        if (subject.isEmpty()) {
            out.put("hdr:no-subject");
        }
        int bucket = tokenCount <= 3 ? 0 : tokenCount <= 10 ? 1 : tokenCount <= 30 ? 2 : tokenCount <= 80 ? 3 : 4;
        out.put("hdr:length-" + bucket);
        String domain = mail.fromDomain();
        if (!domain.isEmpty()) {
            out.put(FREE_MAIL.contains(domain) ? "hdr:free-mail" : "hdr:company-domain");
        }
        for (String token : mail.fromAddress().split("[^a-z0-9]+")) {
            if (token.length() >= 3 && !token.chars().allMatch(Character::isDigit)) {
                out.put("from:" + token);
            }
        }
    }

    /** A small open-addressing map from bucket to term frequency (and a name when known). */
    private static final class Block {
        private int[] keys;
        private double[] values;
        private String[] names;
        private int size;

        Block(int capacity) {
            int c = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1);
            keys = new int[c];
            values = new double[c];
            names = new String[c];
        }

        void put(String name) {
            int index = index(name);
            int slot = slotFor(index);
            if (keys[slot] == 0) {
                keys[slot] = index;
                size++;
                names[slot] = name;
                maybeGrow();
                slot = slot(index);
            }
            values[slot] = 1.0;
        }

        void add(int index, double value, String name) {
            int slot = slotFor(index);
            if (keys[slot] == 0) {
                keys[slot] = index;
                names[slot] = name;
                values[slot] = value;
                size++;
                maybeGrow();
            } else {
                values[slot] += value;
                if (names[slot] == null) {
                    names[slot] = name;
                }
            }
        }

        private int slotFor(int index) {
            int mask = keys.length - 1;
            int slot = (index * 0x9E3779B1) & mask;
            while (keys[slot] != 0 && keys[slot] != index) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        int slot(int index) {
            return slotFor(index);
        }

        private void maybeGrow() {
            if (size * 2 <= keys.length) {
                return;
            }
            int[] oldKeys = keys;
            double[] oldValues = values;
            String[] oldNames = names;
            keys = new int[oldKeys.length * 2];
            values = new double[keys.length];
            names = new String[keys.length];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = slotFor(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                    names[slot] = oldNames[i];
                }
            }
        }

        int[] keys() {
            int[] out = new int[size];
            int k = 0;
            for (int key : keys) {
                if (key != 0) {
                    out[k++] = key;
                }
            }
            return out;
        }

        /** Adds this block, log(1+tf) weighted and scaled to L2 norm {@code weight}, to {@code all}. */
        void addTo(Block all, double weight) {
            if (size == 0) {
                return;
            }
            double norm = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    double v = Math.log1p(values[i]);
                    norm += v * v;
                }
            }
            double scale = weight / Math.sqrt(norm);
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    all.add(keys[i], Math.log1p(values[i]) * scale, names[i]);
                }
            }
        }
    }

    /** The 1-based bucket of a feature name. */
    static int index(String name) {
        return mix(name.hashCode());
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B1;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return (h & (DIMENSION - 1)) + 1;
    }
}
