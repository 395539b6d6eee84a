package fr.relais.mail.graph;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaRequestBuilder;
import com.microsoft.kiota.ApiException;
import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.ReceivedMail;
import fr.relais.mail.transport.StaffActions;
import fr.relais.store.JdbcIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the shared mailbox incrementally with Graph delta queries and hands each new mail to the pipeline.
 * <ul>
 * <li>Inbox: each new message's raw MIME ({@code /messages/{id}/$value}) goes to
 * {@link MailReceiver#receive} as INBOUND, under its immutable id.</li>
 * <li>Sent Items: the same as STAFF_REPLY (Claire's replies from Outlook), except the hub's own mails and
 * mails from senders that are not staff.</li>
 * <li>Inbox and the folders the hub filed mails into ({@link GraphFolders#known()}): a message carrying the
 * done category → {@link StaffActions#markedDone}.</li>
 * </ul>
 * A round follows {@code @odata.nextLink} page by page and ends with an {@code @odata.deltaLink}. The resume
 * point is saved (graph_delta_state) only after every message of the page was handed over, so a failure or a
 * restart resumes where the last complete page ended; a message seen twice is harmless (the receiver is
 * idempotent, and a message once received is not fetched again: processed_item, processor graph-fetched).
 * When Graph has forgotten a saved link (410 Gone), the folder is synced again from scratch (within
 * relais.outlook.initial-window).
 */
public class GraphMailSync {

    public static final String TRANSPORT = "graph";
    public static final String INBOX = "inbox";
    public static final String SENT_ITEMS = "sentitems";
    static final String[] SELECT = {"id", "categories", "from", "sender", "internetMessageId", "isDraft", "receivedDateTime"};
    private static final Logger LOG = LoggerFactory.getLogger(GraphMailSync.class);

    /** What one round did. */
    public record Round(String folder, int pages, int received, int duplicates, int skipped, int done) {
        @Override
        public String toString() {
            return folder + ": " + received + " new, " + duplicates + " already stored, " + skipped + " skipped, "
                    + done + " marked done (" + pages + " pages)";
        }
    }

    private final GraphServiceClient graph;
    private final OutlookProperties properties;
    private final GraphDeltaStore deltas;
    private final GraphFolders folders;
    private final MailReceiver receiver;
    private final StaffActions staffActions;
    private final JdbcIdempotentRepository fetched;
    private final JdbcIdempotentRepository sentByHub;
    private final OutlookStatus status;
    private final Clock clock;
    private final String mailbox;
    private final Set<String> staff;

    public GraphMailSync(GraphServiceClient graph, OutlookProperties properties, GraphDeltaStore deltas, GraphFolders folders,
                         MailReceiver receiver, StaffActions staffActions, JdbcIdempotentRepository fetched,
                         JdbcIdempotentRepository sentByHub, OutlookStatus status, Clock clock) {
        this.graph = graph;
        this.properties = properties;
        this.deltas = deltas;
        this.folders = folders;
        this.receiver = receiver;
        this.staffActions = staffActions;
        this.fetched = fetched;
        this.sentByHub = sentByHub;
        this.status = status;
        this.clock = clock;
        this.mailbox = properties.mailbox();
        Set<String> addresses = new LinkedHashSet<>(properties.staffAddresses());
        addresses.add(mailbox.toLowerCase(Locale.ROOT));
        this.staff = Set.copyOf(addresses);
    }

    /** The inbox, then each existing category folder (for the done category). */
    public List<Round> pollInbox() {
        return recorded(INBOX, this::inboxRounds);
    }

    /** Sent Items: Claire's replies. */
    public List<Round> pollSent() {
        return recorded(SENT_ITEMS, () -> List.of(sync(SENT_ITEMS, SENT_ITEMS, this::sentMessage)));
    }

    private List<Round> recorded(String sync, java.util.function.Supplier<List<Round>> poll) {
        try {
            List<Round> rounds = poll.get();
            status.succeeded(sync);
            return rounds;
        } catch (RuntimeException e) {
            status.failed(sync, e);
            throw e;
        }
    }

    private List<Round> inboxRounds() {
        List<Round> rounds = new java.util.ArrayList<>();
        rounds.add(sync(INBOX, INBOX, this::inboxMessage));
        folders.known().forEach((path, id) -> {
            try {
                rounds.add(sync("folder:" + path, id, this::filedMessage));
            } catch (ApiException e) {
                if (e.getResponseStatusCode() != 404) {
                    throw e;
                }
                // Claire deleted or renamed the folder away: stop watching it (filing creates it again if needed)
                LOG.warn("Folder {} no longer exists in the shared mailbox: no longer watched", path);
                folders.forget(path);
                deltas.reset(mailbox, "folder:" + path);
            }
        });
        return rounds;
    }

    /** One delta round of one folder; the state key names it in graph_delta_state. */
    Round sync(String stateKey, String folderId, MessageHandler handler) {
        try {
            return round(stateKey, folderId, handler);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 410) {
                throw e;
            }
            LOG.warn("Graph no longer knows the delta state of {} ({}): syncing it again from scratch", stateKey, e.getMessage());
            deltas.reset(mailbox, stateKey);
            return round(stateKey, folderId, handler);
        }
    }

    private Round round(String stateKey, String folderId, MessageHandler handler) {
        Counts counts = new Counts();
        DeltaRequestBuilder delta = graph.users().byUserId(mailbox).mailFolders().byMailFolderId(folderId).messages().delta();
        DeltaGetResponse page = deltas.load(mailbox, stateKey)
                .map(link -> delta.withUrl(link.url()).get(this::pageSize))
                .orElseGet(() -> delta.get(rc -> {
                    pageSize(rc);
                    rc.queryParameters.select = SELECT;
                    rc.queryParameters.filter = "receivedDateTime ge " + DateTimeFormatter.ISO_INSTANT.format(
                            clock.instant().minus(properties.initialWindow()).truncatedTo(ChronoUnit.SECONDS));
                }));
        int pages = 0;
        while (true) {
            pages++;
            if (page == null) {
                throw new GraphUnavailableException("Graph answered an empty delta page for " + stateKey, null);
            }
            for (Message message : page.getValue() == null ? List.<Message>of() : page.getValue()) {
                handler.handle(message, counts);
            }
            if (page.getOdataNextLink() != null) {
                deltas.save(mailbox, stateKey, page.getOdataNextLink(), "next");
                page = delta.withUrl(page.getOdataNextLink()).get(this::pageSize);
            } else if (page.getOdataDeltaLink() != null) {
                deltas.save(mailbox, stateKey, page.getOdataDeltaLink(), "delta");
                break;
            } else {
                throw new GraphUnavailableException("Graph answered a delta page of " + stateKey + " with neither nextLink nor deltaLink", null);
            }
        }
        Round round = new Round(stateKey, pages, counts.received, counts.duplicates, counts.skipped, counts.done);
        if (counts.received + counts.done > 0) {
            LOG.info("Outlook {}", round);
        }
        return round;
    }

    private void pageSize(DeltaRequestBuilder.GetRequestConfiguration rc) {
        rc.headers.add("Prefer", "odata.maxpagesize=" + properties.pageSize());
    }

    private void inboxMessage(Message message, Counts counts) {
        if (removed(message) || Boolean.TRUE.equals(message.getIsDraft())) {
            counts.skipped++;
            return;
        }
        receive(message, ReceivedMail.Direction.INBOUND, counts);
        doneCheck(message, counts);
    }

    private void filedMessage(Message message, Counts counts) {
        if (!removed(message)) {
            doneCheck(message, counts);
        }
    }

    private void sentMessage(Message message, Counts counts) {
        if (removed(message) || Boolean.TRUE.equals(message.getIsDraft())) {
            counts.skipped++;
            return;
        }
        String messageId = message.getInternetMessageId();
        if (messageId != null && sentByHub.contains(bare(messageId))) {
            counts.skipped++; // the hub's own acknowledgement or notification
            return;
        }
        if (!properties.staffAddresses().isEmpty() && !staff.contains(address(message.getFrom()))
                && !staff.contains(address(message.getSender()))) {
            LOG.debug("Sent item {} from {} is not from the staff: not captured", message.getId(), address(message.getFrom()));
            counts.skipped++;
            return;
        }
        receive(message, ReceivedMail.Direction.STAFF_REPLY, counts);
    }

    private void receive(Message message, ReceivedMail.Direction direction, Counts counts) {
        String id = Objects.requireNonNull(message.getId(), "message without id");
        String key = direction + ":" + id;
        if (fetched.contains(key)) {
            counts.duplicates++; // an update of a mail already stored (categories, read flag, move)
            return;
        }
        byte[] raw;
        try {
            raw = raw(id);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404) {
                LOG.info("Message {} disappeared before its content was read (deleted): skipped", id);
                counts.skipped++;
                return;
            }
            throw e;
        }
        boolean isNew = receiver.receive(new ReceivedMail(TRANSPORT, id, direction, raw, clock.instant()));
        fetched.add(key);
        fetched.confirm(key);
        if (isNew) {
            counts.received++;
        } else {
            counts.duplicates++;
        }
    }

    private void doneCheck(Message message, Counts counts) {
        List<String> categories = message.getCategories();
        if (categories == null || categories.stream().noneMatch(c -> c.equalsIgnoreCase(properties.doneCategory()))) {
            return;
        }
        try {
            staffActions.markedDone(TRANSPORT, message.getId(), "outlook");
            counts.done++;
        } catch (RuntimeException e) {
            // an instruction that cannot be applied (no ticket for that mail) must not block the mailbox
            LOG.warn("'{}' on message {} could not be applied: {}", properties.doneCategory(), message.getId(), e.getMessage());
        }
    }

    private byte[] raw(String id) {
        try (InputStream content = graph.users().byUserId(mailbox).messages().byMessageId(id).content().get()) {
            if (content == null) {
                throw new GraphUnavailableException("Graph answered no content for message " + id, null);
            }
            return content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the content of message " + id, e);
        }
    }

    private static boolean removed(Message message) {
        return message.getAdditionalData() != null && message.getAdditionalData().containsKey("@removed");
    }

    private static String address(Recipient recipient) {
        return recipient == null || recipient.getEmailAddress() == null || recipient.getEmailAddress().getAddress() == null
                ? "" : recipient.getEmailAddress().getAddress().trim().toLowerCase(Locale.ROOT);
    }

    static String bare(String messageId) {
        String id = messageId.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }

    @FunctionalInterface
    interface MessageHandler {
        void handle(Message message, Counts counts);
    }

    static final class Counts {
        int received;
        int duplicates;
        int skipped;
        int done;
    }
}
