package fr.relais.deadletter;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.BytesMessage;
import org.apache.camel.ProducerTemplate;
import org.springframework.jms.core.JmsTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lists, replays and discards the messages of the dead-letter queue. A replay sends the original body and
 * headers back to the endpoint the message came from, then removes it from the queue; the dead-letter
 * copy goes only once the replay was sent.
 */
public class DeadLetterService {

    private static final Pattern MESSAGE_ID = Pattern.compile("ID:[A-Za-z0-9:_\\-]{1,200}");

    private final JmsTemplate jms;
    private final ProducerTemplate producer;
    private final String queue;

    public DeadLetterService(JmsTemplate jms, ProducerTemplate producer, String queue) {
        this.jms = jms;
        this.producer = producer;
        this.queue = queue;
    }

    public String queue() {
        return queue;
    }

    /** The dead letters, oldest first, up to {@code limit}. */
    public List<DeadLetter> list(int limit) {
        return jms.browse(queue, (session, browser) -> {
            List<DeadLetter> letters = new ArrayList<>();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements() && letters.size() < limit) {
                letters.add(toDeadLetter((Message) messages.nextElement()));
            }
            return letters;
        });
    }

    public Optional<DeadLetter> find(String id) {
        String selector = selector(id);
        return Optional.ofNullable(jms.browseSelected(queue, selector, (session, browser) -> {
            var messages = browser.getEnumeration();
            return messages.hasMoreElements() ? toDeadLetter((Message) messages.nextElement()) : null;
        }));
    }

    /** Sends the dead letter back to where it came from; returns what was replayed, empty if no such id. */
    public Optional<DeadLetter> replay(String id) {
        Optional<DeadLetter> letter = find(id);
        if (letter.isEmpty()) {
            return Optional.empty();
        }
        DeadLetter found = letter.get();
        if (found.endpoint() == null) {
            throw new IllegalStateException("dead letter " + id + " does not say where it came from; it cannot be replayed");
        }
        Map<String, Object> headers = new LinkedHashMap<>(found.headers());
        headers.keySet().removeIf(name -> name.startsWith("relaisFail") || name.startsWith("JMS"));
        producer.sendBodyAndHeaders(found.endpoint(), found.body(), headers);
        discard(id);
        return letter;
    }

    /** Removes the dead letter from the queue; true if it was there. */
    public boolean discard(String id) {
        return jms.receiveSelected(queue, selector(id)) != null;
    }

    private static String selector(String id) {
        if (id == null || !MESSAGE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a dead-letter id: " + id + " (expected ID:...)");
        }
        return "JMSMessageID = '" + id + "'";
    }

    private static DeadLetter toDeadLetter(Message message) throws JMSException {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            headers.put((String) name, message.getObjectProperty((String) name));
        }
        String failedAt = message.getStringProperty(DeadLetterHeaders.FAILED_AT);
        return new DeadLetter(message.getJMSMessageID(),
                message.getStringProperty(DeadLetterHeaders.ENDPOINT),
                message.getStringProperty(DeadLetterHeaders.ROUTE),
                message.getStringProperty(DeadLetterHeaders.REASON),
                message.getStringProperty(DeadLetterHeaders.ERROR_TYPE),
                failedAt == null ? Instant.ofEpochMilli(message.getJMSTimestamp()) : Instant.parse(failedAt),
                body(message), headers);
    }

    private static String body(Message message) {
        try {
            return readBody(message);
        } catch (JMSException | RuntimeException e) {
            return "(body not readable: " + e.getMessage() + ")";
        }
    }

    private static String readBody(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return new String(data, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(message.getBody(Object.class));
    }
}
