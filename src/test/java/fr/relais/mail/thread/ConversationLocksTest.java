package fr.relais.mail.thread;

import fr.relais.mail.intake.MimeMailIntake;
import fr.relais.mail.intake.ParsedMail;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ConversationLocksTest {

    private static ParsedMail parse(String headers) {
        String raw = headers + "Content-Type: text/plain; charset=UTF-8\r\n\r\nBonjour.\r\n";
        return new MimeMailIntake().parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMailsKeysAreItsSenderConversationOwnIdAndTheIdsItAnswers() {
        StringBuilder refs = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            refs.append(" <r").append(i).append("@example.fr>");
        }
        ParsedMail mail = parse("From: Marc Dupont <Marc.Dupont@Example.fr>\r\nTo: sav@relais.test\r\n"
                + "Subject: Re: fuite\r\nMessage-ID: <m2@example.fr>\r\nIn-Reply-To: <m1@example.fr>\r\n"
                + "References:" + refs + "\r\n"
                + "Thread-Index: AdRJ0hx9HhrVHY3bRb6LqBt9ZZv2cQ==\r\n");
        List<String> keys = ConversationLocks.keysOf(mail);
        assertThat(keys).contains("from:marc.dupont@example.fr", "id:m2@example.fr", "id:m1@example.fr",
                "conversation:" + ThreadIndex.conversation(mail.threadIndex()));
        assertThat(keys).as("the newest references only").contains("id:r4@example.fr", "id:r8@example.fr")
                .doesNotContain("id:r3@example.fr");
    }

    @Test
    void aMailWithTheSameSenderWaitsForTheFirstToFinish() throws Exception {
        ConversationLocks locks = new ConversationLocks(1024);
        AtomicBoolean secondIn = new AtomicBoolean();
        Thread second;
        try (ConversationLocks.Held first = locks.lock(List.of("from:a@example.fr", "id:1@example.fr"))) {
            second = new Thread(() -> {
                try (ConversationLocks.Held h = locks.lock(List.of("id:2@example.fr", "from:a@example.fr"))) {
                    secondIn.set(true);
                }
            });
            second.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
            assertThat(secondIn).as("blocked while the first holds the sender").isFalse();
        }
        second.join(10_000);
        assertThat(secondIn).as("runs once the first is done").isTrue();
    }

    @Test
    void mailsSharingNoKeyRunSideBySide() throws Exception {
        ConversationLocks locks = new ConversationLocks(1024);
        List<String> a = List.of("from:a@example.fr");
        List<String> b = List.of("from:b@example.fr");
        assertThat(Math.floorMod(a.get(0).hashCode(), 1024)).isNotEqualTo(Math.floorMod(b.get(0).hashCode(), 1024));
        CountDownLatch bothIn = new CountDownLatch(2);
        CountDownLatch leave = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (List<String> keys : List.of(a, b)) {
            Thread t = new Thread(() -> {
                try (ConversationLocks.Held h = locks.lock(keys)) {
                    bothIn.countDown();
                    leave.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        assertThat(bothIn.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("both held at once").isTrue();
        leave.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    @Test
    void keysTakenInAnyOrderNeverDeadlock() {
        ConversationLocks locks = new ConversationLocks(16);
        AtomicInteger done = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<String> keys = t % 2 == 0 ? List.of("k1", "k2", "k3") : List.of("k3", "k2", "k1");
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        try (ConversationLocks.Held h = locks.lock(keys)) {
                            done.incrementAndGet();
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
        });
        assertThat(done.get()).isEqualTo(8_000);
    }

    @Test
    void noStripesIsAConfigurationError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConversationLocks(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
