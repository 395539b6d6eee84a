package fr.relais.mail.outbound;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message-IDs of the form {@code rel.REL-2026-000123.<random>.<signature>@<domain>}: the signature is the
 * HMAC-SHA256 of {@code REL-2026-000123.<random>} with the hub's secret, cut to 96 bits. The domain is not
 * signed (it may change with the service address) and is not checked.
 */
public class SignedHubMessageIds implements HubMessageIds {

    static final int SIGNATURE_BYTES = 12;
    private static final Pattern ID = Pattern.compile(
            "rel\\.(REL-\\d{4}-\\d{6,})\\.([0-9a-f]{16})\\.([0-9a-f]{" + (2 * SIGNATURE_BYTES) + "})@[^@\\s<>]+");
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final String domain;
    private final SecureRandom random = new SecureRandom();

    public SignedHubMessageIds(SigningKey key, String serviceAddress) {
        this.key = new SecretKeySpec(key.secret(), "HmacSHA256");
        int at = serviceAddress.lastIndexOf('@');
        this.domain = (at < 0 ? serviceAddress : serviceAddress.substring(at + 1)).strip().toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("no domain in the service address '" + serviceAddress + "'");
        }
    }

    @Override
    public String create(String ticketReference) {
        if (ticketReference == null || !ticketReference.matches("REL-\\d{4}-\\d{6,}")) {
            throw new IllegalArgumentException("not a ticket reference: " + ticketReference);
        }
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        String signed = ticketReference + "." + HEX.formatHex(nonce);
        return "rel." + signed + "." + HEX.formatHex(signature(signed)) + "@" + domain;
    }

    @Override
    public Optional<String> ticketOf(String messageId) {
        if (messageId == null || messageId.length() > 200) {
            return Optional.empty();
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] expected = signature(m.group(1) + "." + m.group(2));
        byte[] given = HEX.parseHex(m.group(3));
        return MessageDigest.isEqual(expected, given) ? Optional.of(m.group(1)) : Optional.empty();
    }

    private byte[] signature(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
            byte[] cut = new byte[SIGNATURE_BYTES];
            System.arraycopy(full, 0, cut, 0, SIGNATURE_BYTES);
            return cut;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
