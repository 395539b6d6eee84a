package fr.relais.mail.imap;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the poller found each mail in the watched folder (UIDVALIDITY and UID), so that filing can move it by UID
 * without searching the folder. In memory and bounded (the most recent 20,000 mails): after a restart, or for an
 * older mail, filing searches by Message-ID instead.
 */
@Component
public class ImapUids {

    private static final int MAX = 20_000;

    /** A mail's place in the folder. */
    public record Place(long uidValidity, long uid) {
    }

    private final Map<String, Place> places = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Place> eldest) {
            return size() > MAX;
        }
    };

    public synchronized void remember(String sourceId, long uidValidity, long uid) {
        places.put(sourceId, new Place(uidValidity, uid));
    }

    public synchronized Optional<Place> find(String sourceId) {
        return Optional.ofNullable(places.get(sourceId));
    }

    public synchronized void forget(String sourceId) {
        places.remove(sourceId);
    }
}
