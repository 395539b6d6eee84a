package fr.relais.mail.graph;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The Microsoft Graph (Exchange Online) connector's settings: see connectors/outlook.yaml. Bound in every
 * mode; {@link #checkComplete()} is called only when relais.mail.transport=graph.
 *
 * @param tenantId       Entra ID tenant (directory) id
 * @param clientId       application (client) id of the hub's app registration
 * @param clientSecret   its client secret (environment only)
 * @param mailbox        UPN or address of the shared mailbox
 * @param baseUrl        Graph root, https://graph.microsoft.com/v1.0
 * @param authority      token authority, https://login.microsoftonline.com
 * @param pollInterval   time between two polls of a folder
 * @param initialWindow  on the very first sync of a folder, only mails received within this window are read
 * @param timeout        connect and read timeout of one HTTP call
 * @param maxRetries     retries of one call on 429 and 5xx before the poll fails
 * @param retryBackoff   first back-off on 5xx (doubled on each retry)
 * @param maxRetryWait   longest wait honoured for one Retry-After (or back-off); a longer one fails the call
 * @param pageSize       delta page size (Prefer: odata.maxpagesize)
 * @param folderParent   well-known name or id of the folder under which the category folders are created
 * @param staffAddresses senders whose mails in Sent Items are captured as staff replies (besides the mailbox)
 * @param doneCategory   category Claire sets to resolve the ticket
 */
@ConfigurationProperties("relais.outlook")
public record OutlookProperties(
        String tenantId,
        String clientId,
        String clientSecret,
        String mailbox,
        String baseUrl,
        String authority,
        Duration pollInterval,
        Duration initialWindow,
        Duration timeout,
        Integer maxRetries,
        Duration retryBackoff,
        Duration maxRetryWait,
        Integer pageSize,
        String folderParent,
        List<String> staffAddresses,
        String doneCategory) {

    public OutlookProperties {
        baseUrl = blank(baseUrl) ? "https://graph.microsoft.com/v1.0" : stripSlash(baseUrl.trim());
        authority = blank(authority) ? "https://login.microsoftonline.com" : stripSlash(authority.trim());
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        initialWindow = initialWindow == null ? Duration.ofDays(7) : initialWindow;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxRetries = maxRetries == null ? 4 : maxRetries;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
        maxRetryWait = maxRetryWait == null ? Duration.ofSeconds(60) : maxRetryWait;
        pageSize = pageSize == null ? 50 : pageSize;
        folderParent = blank(folderParent) ? "inbox" : folderParent.trim();
        staffAddresses = staffAddresses == null ? List.of()
                : staffAddresses.stream().filter(a -> !blank(a)).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
        doneCategory = blank(doneCategory) ? "Relais · Traité" : doneCategory.trim();
    }

    /** Stops the start, naming the first required setting that is missing. */
    public void checkComplete() {
        require("relais.outlook.tenant-id", tenantId, "the Entra ID tenant (directory) id of the company");
        require("relais.outlook.client-id", clientId, "the application (client) id of the hub's app registration");
        require("relais.outlook.client-secret", clientSecret,
                "a client secret of that app registration, from the environment only");
        require("relais.outlook.mailbox", mailbox, "the address (UPN) of the shared mailbox, e.g. contact@example.fr");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new fr.relais.platform.SettingException("relais.outlook.base-url", "'" + baseUrl + "' is not an http(s) URL",
                    "https://graph.microsoft.com/v1.0");
        }
        if (maxRetries < 0 || pageSize < 1 || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new fr.relais.platform.SettingException("relais.outlook.max-retries",
                    "max-retries, page-size or poll-interval out of range", "max-retries >= 0, page-size >= 1, poll-interval > 0");
        }
    }

    private static void require(String setting, String value, String expected) {
        if (blank(value)) {
            throw new fr.relais.platform.SettingException(setting, "missing (relais.mail.transport is graph)", expected);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
