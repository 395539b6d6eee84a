package fr.relais.mail.graph;

import com.microsoft.graph.models.FollowupFlag;
import com.microsoft.graph.models.FollowupFlagStatus;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.MailboxActions;
import fr.relais.mail.transport.OutgoingMail;
import fr.relais.store.JdbcIdempotentRepository;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The shared mailbox through Microsoft Graph (relais.mail.transport=graph).
 * <ul>
 * <li>{@link #file}: one PATCH of the message (categories, and the follow-up flag when urgent), then a move
 * to the category folder (created under relais.outlook.folder-parent when missing). With immutable ids the
 * message keeps its id after the move, so filing again is harmless.</li>
 * <li>{@link #send}: {@code POST /users/{mailbox}/sendMail} with the mail in MIME (base64, Content-Type
 * text/plain), so that the hub's Message-ID, In-Reply-To, References and Auto-Submitted headers go out as
 * built (a JSON message only accepts custom x- headers). The Message-ID is remembered (processed_item,
 * processor graph-hub-sent) so that the copy Exchange keeps in Sent Items is not taken for a reply of Claire's.</li>
 * </ul>
 */
public class GraphMailbox implements Mailbox {

    private static final Logger LOG = LoggerFactory.getLogger(GraphMailbox.class);

    private final GraphServiceClient graph;
    private final GraphFolders folders;
    private final JdbcIdempotentRepository sentByHub;
    private final String mailbox;
    private final Clock clock;

    public GraphMailbox(GraphServiceClient graph, OutlookProperties properties, GraphFolders folders,
                        JdbcIdempotentRepository sentByHub, Clock clock) {
        this.graph = graph;
        this.folders = folders;
        this.sentByHub = sentByHub;
        this.mailbox = properties.mailbox();
        this.clock = clock;
    }

    @Override
    public String transport() {
        return GraphMailSync.TRANSPORT;
    }

    @Override
    public void file(String sourceId, MailboxActions actions) {
        var message = graph.users().byUserId(mailbox).messages().byMessageId(sourceId);
        Message changes = new Message();
        changes.setCategories(actions.categories());
        if (actions.flagged()) {
            FollowupFlag flag = new FollowupFlag();
            flag.setFlagStatus(FollowupFlagStatus.Flagged);
            changes.setFlag(flag);
        }
        try {
            message.patch(changes);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404) {
                LOG.warn("Message {} is no longer in the shared mailbox (deleted): nothing to file", sourceId);
                return;
            }
            throw e;
        }
        if (actions.folder() != null && !actions.folder().isBlank()) {
            MovePostRequestBody move = new MovePostRequestBody();
            move.setDestinationId(folders.idOf(actions.folder()));
            message.move().post(move);
        }
    }

    @Override
    public void send(OutgoingMail mail) {
        byte[] mime = mime(mail);
        if (mail.messageId() != null) {
            String key = GraphMailSync.bare(mail.messageId());
            sentByHub.add(key);
            sentByHub.confirm(key);
        }
        RequestInformation request = graph.users().byUserId(mailbox).sendMail().toPostRequestInformation(new SendMailPostRequestBody());
        request.headers.remove("Content-Type");
        request.setStreamContent(new ByteArrayInputStream(Base64.getEncoder().encode(mime)), "text/plain");
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        graph.getRequestAdapter().sendPrimitive(request, errors, Void.class);
    }

    /** The mail in MIME, with the hub's Message-ID and threading headers as given. */
    byte[] mime(OutgoingMail mail) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    if (mail.messageId() != null) {
                        setHeader("Message-ID", "<" + GraphMailSync.bare(mail.messageId()) + ">");
                    } else {
                        super.updateMessageID();
                    }
                }
            };
            message.setFrom(new InternetAddress(mail.from()));
            message.setRecipients(RecipientType.TO, InternetAddress.parse(String.join(",", mail.to())));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            if (mail.html() == null) {
                message.setText(mail.text(), StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                message.setContent(alternative);
            }
            if (mail.inReplyTo() != null) {
                message.setHeader("In-Reply-To", "<" + GraphMailSync.bare(mail.inReplyTo()) + ">");
            }
            if (!mail.references().isEmpty()) {
                message.setHeader("References", mail.references().stream()
                        .map(r -> "<" + GraphMailSync.bare(r) + ">").collect(Collectors.joining(" ")));
            }
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("the mail to " + mail.to() + " cannot be written as MIME: " + e.getMessage(), e);
        }
    }
}
