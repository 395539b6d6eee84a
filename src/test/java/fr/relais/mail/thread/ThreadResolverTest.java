package fr.relais.mail.thread;

import fr.relais.mail.classify.MailText;
import fr.relais.mail.intake.LoopSignals;
import fr.relais.mail.intake.ParsedMail;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each threading rule on its own, without Camel nor database. */
class ThreadResolverTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final FakeLookup lookup = new FakeLookup();
    private final ThreadResolver resolver = new ThreadResolver(lookup, Duration.ofHours(48));
    private final TicketThread open = new TicketThread(1, "REL-2026-000001", TicketStatus.OPEN, TicketCategory.SAV, null);
    private final TicketThread resolved = new TicketThread(2, "REL-2026-000002", TicketStatus.RESOLVED, TicketCategory.DEVIS, null);

    @Test
    void theReferenceInTheSubjectWins() {
        lookup.references.put("REL-2026-000002", resolved);
        lookup.messageIds.put("hub-1@relais.local", open);

        Optional<ThreadMatch> m = resolver.resolve(mail("RE: Votre demande [rel-2026-000002]", "hub-1@relais.local",
                List.of(), null, "a@b.fr"), NOW);

        assertThat(m).hasValueSatisfying(t -> {
            assertThat(t.ticket()).isEqualTo(resolved);
            assertThat(t.rule()).isEqualTo("reference");
        });
    }

    @Test
    void anUnknownReferenceFallsThroughToTheHeaders() {
        lookup.messageIds.put("hub-1@relais.local", open);

        Optional<ThreadMatch> m = resolver.resolve(mail("Re: REL-2026-999999", "hub-1@relais.local", List.of(), null,
                "a@b.fr"), NOW);

        assertThat(m).map(ThreadMatch::rule).contains("in-reply-to");
    }

    @Test
    void inReplyToFindsTheTicketWhenTheSubjectWasRewritten() {
        lookup.messageIds.put("REL-2026-000001.abc.sig@relais.local", open);

        Optional<ThreadMatch> m = resolver.resolve(mail("toujours rien", "REL-2026-000001.abc.sig@relais.local",
                List.of(), null, "a@b.fr"), NOW);

        assertThat(m).map(ThreadMatch::ticket).contains(open);
    }

    @Test
    void referencesAreReadNewestFirst() {
        lookup.messageIds.put("old@x", resolved);
        lookup.messageIds.put("newer@x", open);

        Optional<ThreadMatch> m = resolver.resolve(mail("suite", "unknown@x", List.of("old@x", "newer@x"), null, "a@b.fr"), NOW);

        assertThat(m).hasValueSatisfying(t -> {
            assertThat(t.ticket()).isEqualTo(open);
            assertThat(t.rule()).isEqualTo("references");
        });
    }

    @Test
    void whatAMailAnswersIsReadClosestFirstEachOnce() {
        // In-Reply-To, then References newest first; In-Reply-To usually ends References: named once
        assertThat(mail("suite", "b@x", List.of("a@x", "b@x", "c@x"), null, "a@b.fr").answered())
                .containsExactly("b@x", "c@x", "a@x");
        assertThat(mail("suite", null, List.of(), null, "a@b.fr").answered()).isEmpty();
    }

    @Test
    void aReplyProcessedFirstTakesInTheMailItAnswers() {
        // a colleague's reply to this mail ("new@x") was processed before it and opened ticket 1
        lookup.answers.put("new@x", open);

        Optional<ThreadMatch> m = resolver.resolve(mail("Chaudière en panne", null, List.of(), null, "a@b.fr"), NOW);

        assertThat(m).hasValueSatisfying(t -> {
            assertThat(t.ticket()).isEqualTo(open);
            assertThat(t.rule()).isEqualTo("answered-by");
        });
        // what the mail itself answers comes first
        lookup.messageIds.put("hub-1@relais.local", resolved);
        assertThat(resolver.resolve(mail("Chaudière en panne", "hub-1@relais.local", List.of(), null, "a@b.fr"), NOW))
                .map(ThreadMatch::rule).contains("in-reply-to");
    }

    @Test
    void outlookThreadIndexJoinsByItsFirst22Bytes() {
        byte[] conversation = new byte[22];
        for (int i = 0; i < 22; i++) {
            conversation[i] = (byte) (i * 7 + 3);
        }
        byte[] reply = java.util.Arrays.copyOf(conversation, 27);
        reply[24] = 42;
        String first = Base64.getEncoder().encodeToString(conversation);
        String replyIndex = Base64.getEncoder().encodeToString(reply);
        lookup.conversations.put(ThreadIndex.conversation(first), open);

        assertThat(ThreadIndex.conversation(replyIndex)).isEqualTo(ThreadIndex.conversation(first));
        assertThat(resolver.resolve(mail("RE: chaudière", null, List.of(), replyIndex, "a@b.fr"), NOW))
                .map(ThreadMatch::rule).contains("thread-index");
        assertThat(ThreadIndex.conversation("not base64 !")).isNull();
        assertThat(ThreadIndex.conversation(Base64.getEncoder().encodeToString(new byte[10]))).as("too short").isNull();
    }

    @Test
    void theSameSenderOnASimilarSubjectJoinsAnOpenTicketWithinTheWindow() {
        lookup.recent.add(new ThreadLookup.SenderMail(open, "Fuite d'eau sous l'évier", NOW.minus(Duration.ofHours(5))));

        assertThat(resolver.resolve(mail("TR: fuite d’eau sous l’évier", null, List.of(), null, "a@b.fr"), NOW))
                .map(ThreadMatch::rule).contains("sender-subject");
        assertThat(resolver.resolve(mail("Demande de devis pompe à chaleur", null, List.of(), null, "a@b.fr"), NOW))
                .as("another matter").isEmpty();
        assertThat(resolver.resolve(mail("Fuite d'eau sous l'évier", null, List.of(), null, "other@b.fr"), NOW))
                .as("another sender").isEmpty();
    }

    @Test
    void theSenderRuleIgnoresResolvedTicketsAndOldMails() {
        lookup.recent.add(new ThreadLookup.SenderMail(resolved, "Fuite d'eau sous l'évier", NOW.minus(Duration.ofHours(5))));
        assertThat(resolver.resolve(mail("Fuite d'eau sous l'évier", null, List.of(), null, "a@b.fr"), NOW)).isEmpty();

        lookup.recent.clear();
        lookup.recent.add(new ThreadLookup.SenderMail(open, "Fuite d'eau sous l'évier", NOW.minus(Duration.ofHours(72))));
        assertThat(resolver.resolve(mail("Fuite d'eau sous l'évier", null, List.of(), null, "a@b.fr"), NOW))
                .as("outside the 48 h window").isEmpty();
    }

    @Test
    void subjectsCompareWithoutPrefixesAccentsAndCase() {
        assertThat(Subjects.normalize("RE: TR : Fwd: [EXT] Chaudière en panne")).isEqualTo("chaudiere en panne");
        assertThat(Subjects.similar("Chaudière en panne", "re: chaudiere en PANNE")).isTrue();
        assertThat(Subjects.similar("", "")).isFalse();
        assertThat(Subjects.reference("Re: ticket rel-2026-000123 merci")).isEqualTo("REL-2026-000123");
        assertThat(Subjects.reference("REL-26-1")).isNull();
    }

    private static ParsedMail mail(String subject, String inReplyTo, List<String> references, String threadIndex,
                                   String from) {
        return new ParsedMail("new@x", from, "", "", "", List.of("contact@relais.local"), List.of(), subject, NOW,
                inReplyTo, references, threadIndex, null, "texte", null, List.of(), LoopSignals.none(),
                MailText.of(from, subject, "texte"), true, List.of());
    }

    private static final class FakeLookup implements ThreadLookup {
        final Map<String, TicketThread> references = new HashMap<>();
        final Map<String, TicketThread> messageIds = new HashMap<>();
        final Map<String, TicketThread> conversations = new HashMap<>();
        final Map<String, TicketThread> answers = new HashMap<>();
        final List<SenderMail> recent = new ArrayList<>();

        @Override
        public Optional<TicketThread> byReference(String reference) {
            return Optional.ofNullable(references.get(reference));
        }

        @Override
        public Optional<TicketThread> byMessageId(String messageId) {
            return Optional.ofNullable(messageIds.get(messageId));
        }

        @Override
        public Optional<TicketThread> byAnswerTo(String messageId) {
            return Optional.ofNullable(answers.get(messageId));
        }

        @Override
        public Optional<TicketThread> byConversation(String conversation) {
            return Optional.ofNullable(conversations.get(conversation));
        }

        @Override
        public List<SenderMail> recentFromSender(String fromAddress, Instant since) {
            return recent.stream().filter(m -> fromAddress.equals("a@b.fr") && !m.receivedAt().isBefore(since)).toList();
        }
    }
}
