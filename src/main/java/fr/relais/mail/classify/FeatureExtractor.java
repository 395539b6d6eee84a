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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final double W_BODY = 1.0;
    private static final double W_SUBJECT = 0.8;
    private static final double W_CHARS = 0.8;
    private static final double W_HEADER = 0.35;

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
        Map<String, Double> body = new HashMap<>();
        List<String> bodyTokens = tokens(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        words("body:", bodyTokens, body);
        Map<String, Double> subject = new HashMap<>();
        words("subject:", tokens(cleanSubject(mail.subject())), subject);
        Map<String, Double> chars = new HashMap<>();
        charGrams(TextNormalizer.fold(mail.subject() + " " + (text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text))
                .toLowerCase(Locale.ROOT), chars);
        Map<String, Double> header = new HashMap<>();
        headerFeatures(mail, bodyTokens.size(), header);

        Map<Integer, double[]> byIndex = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        add(body, W_BODY, byIndex, names);
        add(subject, W_SUBJECT, byIndex, names);
        add(chars, W_CHARS, byIndex, names);
        add(header, W_HEADER, byIndex, names);
        int[] indices = new int[byIndex.size() + 1];
        int k = 0;
        for (Integer index : byIndex.keySet()) {
            indices[k++] = index;
        }
        indices[k] = DIMENSION + 1;
        Arrays.sort(indices);
        double[] values = new double[indices.length];
        String[] featureNames = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] == DIMENSION + 1) {
                values[i] = 1.0;
                featureNames[i] = "(bias)";
            } else {
                values[i] = byIndex.get(indices[i])[0];
                featureNames[i] = names.get(indices[i]);
            }
        }
        return new Vector(indices, values, featureNames);
    }

    private static String cleanSubject(String subject) {
        return subject.replaceAll("(?i)^\\s*((re|tr|fw|fwd|aw|r[ée]f)\\s*(\\[\\d+\\])?\\s*:\\s*)+", "");
    }

    private static void words(String prefix, List<String> tokens, Map<String, Double> out) {
        for (int i = 0; i < tokens.size(); i++) {
            out.merge(prefix + tokens.get(i), 1.0, Double::sum);
            if (i + 1 < tokens.size()) {
                out.merge(prefix + tokens.get(i) + " " + tokens.get(i + 1), 1.0, Double::sum);
            }
        }
    }

    private static void charGrams(String folded, Map<String, Double> out) {
        int n = folded.length();
        int i = 0;
        StringBuilder word = new StringBuilder(32);
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(folded.charAt(i))) {
                i++;
            }
            word.setLength(0);
            word.append(' ');
            while (i < n && Character.isLetterOrDigit(folded.charAt(i))) {
                word.append(folded.charAt(i++));
            }
            word.append(' ');
            int len = word.length();
            if (len <= 3) {
                continue;
            }
            String w = word.toString();
            for (int size = 3; size <= 5; size++) {
                for (int start = 0; start + size <= len; start++) {
                    out.merge("chars:" + w.substring(start, start + size), 1.0, Double::sum);
                }
            }
        }
    }

    private static void headerFeatures(MailText mail, int tokenCount, Map<String, Double> out) {
        String subject = mail.subject().toLowerCase(Locale.ROOT).strip();
        if (mail.header("in-reply-to") != null || mail.header("references") != null || subject.matches("^(re|aw)\\s*:.*")) {
            out.put("hdr:reply", 1.0);
        }
        if (subject.matches("^(tr|fw|fwd)\\s*:.*")) {
            out.put("hdr:forward", 1.0);
        }
        if (subject.isEmpty()) {
            out.put("hdr:no-subject", 1.0);
        }
        int bucket = tokenCount <= 3 ? 0 : tokenCount <= 10 ? 1 : tokenCount <= 30 ? 2 : tokenCount <= 80 ? 3 : 4;
        out.put("hdr:length-" + bucket, 1.0);
        String domain = mail.fromDomain();
        if (!domain.isEmpty()) {
            out.put(FREE_MAIL.contains(domain) ? "hdr:free-mail" : "hdr:company-domain", 1.0);
        }
        String address = mail.fromAddress();
        for (String token : address.split("[^a-z0-9]+")) {
            if (token.length() >= 3 && !token.chars().allMatch(Character::isDigit)) {
                out.put("from:" + token, 1.0);
            }
        }
    }

    private static void add(Map<String, Double> block, double weight, Map<Integer, double[]> byIndex,
                            Map<Integer, String> names) {
        if (block.isEmpty()) {
            return;
        }
        double norm = 0;
        for (double tf : block.values()) {
            double v = Math.log1p(tf);
            norm += v * v;
        }
        double scale = weight / Math.sqrt(norm);
        for (Map.Entry<String, Double> e : block.entrySet()) {
            int index = index(e.getKey());
            byIndex.computeIfAbsent(index, k -> new double[1])[0] += Math.log1p(e.getValue()) * scale;
            names.putIfAbsent(index, e.getKey());
        }
    }

    /** The 1-based bucket of a feature name. */
    static int index(String name) {
        int h = name.hashCode() * 0x9E3779B1;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return (h & (DIMENSION - 1)) + 1;
    }
}
