package fr.relais.mail.inbound;

import fr.relais.store.AbstractStoreTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbound_mail table (V4) on both databases: raw bytes kept exactly, one row per transport and source id. */
abstract class AbstractInboundMailsTest extends AbstractStoreTest {

    @AfterEach
    void emptyMails() {
        new JdbcTemplate(dataSource).update("DELETE FROM inbound_mail_answer");
        new JdbcTemplate(dataSource).update("DELETE FROM inbound_mail_raw");
        new JdbcTemplate(dataSource).update("DELETE FROM inbound_mail");
    }

    @Test
    void theMessageIdsAMailAnswersAreKeptCleanedOnceEachAndBounded() {
        InboundMails mails = new InboundMails(dataSource);
        long id = mails.insert("imap", "INBOUND", "answers-1", "reply@example.fr", new byte[] {1}, Instant.now())
                .orElseThrow();
        java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of("<a@x>", " a@x ", "<b@x>",
                "y".repeat(1200) + "@x"));
        for (int i = 0; i < 30; i++) {
            ids.add("<ref-" + i + "@x>");
        }
        mails.recordAnswered(id, ids);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        java.util.List<String> kept = jdbc.queryForList("SELECT message_id FROM inbound_mail_answer WHERE mail_id = ?",
                String.class, id);
        assertThat(kept).hasSize(InboundMails.MAX_ANSWERED).contains("a@x", "b@x", "ref-0@x")
                .doesNotContain("<a@x>").allMatch(k -> k.length() <= 1000);
        // nothing is on a ticket yet: no thread through this mail
        assertThat(mails.ticketOfAnswerTo("a@x")).isEmpty();
    }

    @Test
    void aRawMailIsKeptByteForByteAndStoredOncePerTransportAndSource() {
        InboundMails mails = new InboundMails(dataSource);
        byte[] raw = new byte[300_000];
        new Random(7).nextBytes(raw);
        String longId = "x".repeat(1500) + "@relais.local";

        Optional<Long> first = mails.insert("imap", "INBOUND", longId, "abc@example.fr", raw, Instant.now());
        Optional<Long> again = mails.insert("imap", "INBOUND", longId, "abc@example.fr", new byte[] {1}, Instant.now());
        Optional<Long> otherTransport = mails.insert("graph", "INBOUND", longId, null, new byte[] {2}, Instant.now());

        assertThat(first).isPresent();
        assertThat(again).as("same transport and source id").isEmpty();
        assertThat(otherTransport).isPresent();
        assertThat(mails.raw(first.get())).hasValueSatisfying(b -> assertThat(b).isEqualTo(raw));
        InboundMail row = mails.find(first.get()).orElseThrow();
        assertThat(row.status()).isEqualTo("RECEIVED");
        assertThat(row.size()).isEqualTo(300_000);
        assertThat(row.messageId()).isEqualTo("abc@example.fr");
        assertThat(mails.findBySource("imap", longId)).map(InboundMail::id).contains(first.get());
    }

    @Test
    void staleMailsAreTakenOnceAndProcessedMailsAreFindable() {
        InboundMails mails = new InboundMails(dataSource);
        Instant old = Instant.now().minus(10, ChronoUnit.MINUTES);
        long waiting = mails.insert("imap", "INBOUND", "a@x", "a@x", new byte[] {1}, old).orElseThrow();
        long fresh = mails.insert("imap", "INBOUND", "b@x", "b@x", new byte[] {1}, Instant.now()).orElseThrow();
        long done = mails.insert("imap", "INBOUND", "c@x", "c@x", new byte[] {1}, old).orElseThrow();
        mails.markProcessed(done, new InboundMails.Processed("NON_TICKET", "news@promo.example", "Nos offres de Noël",
                null, null, null, "NON_TICKET", "NORMAL", "rules: header:list-id", null, null), Instant.now());
        mails.markFiled(done, Instant.now());

        Instant now = Instant.now();
        assertThat(mails.takeStale(now.minusSeconds(60), now, 100)).containsExactly(waiting);
        assertThat(mails.takeStale(now.minusSeconds(60), now, 100)).as("taken once, then waits again").isEmpty();
        assertThat(fresh).isPositive();

        assertThat(mails.search("NON_TICKET", null, null, 0, 20)).extracting(InboundMail::id).containsExactly(done);
        assertThat(mails.search(null, "promo", null, 0, 20)).extracting(InboundMail::id).containsExactly(done);
        assertThat(mails.search(null, null, "noël", 0, 20)).extracting(InboundMail::id).containsExactly(done);
        assertThat(mails.search("TICKET", null, null, 0, 20)).isEmpty();
    }
}
