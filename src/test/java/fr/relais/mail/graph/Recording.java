package fr.relais.mail.graph;

import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.ReceivedMail;
import fr.relais.mail.transport.StaffActions;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Recording stand-ins for the pipeline's beans (unit level), with the receiver's idempotency. */
final class Recording {

    private Recording() {
    }

    static final class Receiver implements MailReceiver {
        final List<ReceivedMail> mails = new CopyOnWriteArrayList<>();
        final Set<String> keys = ConcurrentHashMap.newKeySet();
        volatile boolean failing;

        @Override
        public boolean receive(ReceivedMail mail) {
            if (failing) {
                throw new IllegalStateException("store unavailable (test)");
            }
            boolean isNew = keys.add(mail.transport() + "|" + mail.sourceId());
            if (isNew) {
                mails.add(mail);
            }
            return isNew;
        }

        List<String> ids() {
            return mails.stream().map(ReceivedMail::sourceId).toList();
        }
    }

    static final class Staff implements StaffActions {
        final List<String> done = new CopyOnWriteArrayList<>();

        @Override
        public void markedDone(String transport, String sourceId, String actor) {
            done.add(transport + "|" + sourceId + "|" + actor);
        }
    }

    static final class Sleeper implements GraphHttpPolicy.Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
