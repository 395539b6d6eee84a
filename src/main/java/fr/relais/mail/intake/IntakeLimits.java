package fr.relais.mail.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Bounds of the inbound mail parser ({@code relais.mail.intake.*}, environment
 * {@code RELAIS_MAIL_INTAKE_*}). What goes beyond a bound is cut or skipped and named in
 * {@link ParsedMail#problems()}; the pipeline keeps the raw source whatever happens.
 *
 * @param maxMailBytes            a larger mail is not parsed as MIME: headers and the start of the text only, unreadable
 * @param maxParts                MIME parts visited at most (all levels, forwarded mails included)
 * @param maxDepth                nesting levels followed at most (multiparts and forwarded mails)
 * @param maxTextChars            characters of body text kept
 * @param maxHtmlChars            characters of HTML sanitised and kept
 * @param maxAttachmentBytes      a larger attachment is left out (named in the problems)
 * @param maxTotalAttachmentBytes attachments beyond this total are left out
 * @param maxRecipients           To and Cc addresses kept, each
 * @param timeBudget              a parse running longer is cut
 */
@ConfigurationProperties("relais.mail.intake")
public record IntakeLimits(@DefaultValue("41943040") int maxMailBytes,
                           @DefaultValue("500") int maxParts,
                           @DefaultValue("20") int maxDepth,
                           @DefaultValue("200000") int maxTextChars,
                           @DefaultValue("1000000") int maxHtmlChars,
                           @DefaultValue("26214400") int maxAttachmentBytes,
                           @DefaultValue("41943040") int maxTotalAttachmentBytes,
                           @DefaultValue("1000") int maxRecipients,
                           @DefaultValue("10s") Duration timeBudget) {

    public IntakeLimits {
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
            timeBudget = Duration.ofSeconds(10);
        }
    }

    /** The defaults: 40 MiB per mail, 25 MiB per attachment, 500 parts, 20 levels, 10 s. */
    public static IntakeLimits defaults() {
        return new IntakeLimits(40 * 1024 * 1024, 500, 20, 200_000, 1_000_000, 25 * 1024 * 1024,
                40 * 1024 * 1024, 1000, Duration.ofSeconds(10));
    }

    public IntakeLimits withMaxMailBytes(int value) {
        return new IntakeLimits(value, maxParts, maxDepth, maxTextChars, maxHtmlChars, maxAttachmentBytes,
                maxTotalAttachmentBytes, maxRecipients, timeBudget);
    }

    public IntakeLimits withMaxAttachmentBytes(int value) {
        return new IntakeLimits(maxMailBytes, maxParts, maxDepth, maxTextChars, maxHtmlChars, value,
                maxTotalAttachmentBytes, maxRecipients, timeBudget);
    }

    public IntakeLimits withMaxParts(int value) {
        return new IntakeLimits(maxMailBytes, value, maxDepth, maxTextChars, maxHtmlChars, maxAttachmentBytes,
                maxTotalAttachmentBytes, maxRecipients, timeBudget);
    }

    public IntakeLimits withTimeBudget(Duration value) {
        return new IntakeLimits(maxMailBytes, maxParts, maxDepth, maxTextChars, maxHtmlChars, maxAttachmentBytes,
                maxTotalAttachmentBytes, maxRecipients, value);
    }
}
