package fr.relais.mail.imap;

import fr.relais.store.SqlValues;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the IMAP poller of a mailbox folder resumes: the highest UID whose mail was stored, valid for one
 * UIDVALIDITY of the folder (table imap_uid_mark, migration V10).
 */
public interface ImapUidMarks {

    /**
     * A folder's mark.
     *
     * @param highestUid every new mail up to this UID was stored
     * @param floorUid   the folder's highest UID when the hub first read it: below it, only the mails unread then
     *                   were taken
     */
    record Mark(long highestUid, long floorUid) {
    }

    /** The mark of this folder while it has this UIDVALIDITY, if any. */
    Optional<Mark> load(String mailbox, String folder, long uidValidity);

    /** Records the folder's mark. */
    void save(String mailbox, String folder, long uidValidity, Mark mark);

    /** Marks kept in memory only (the bench's bare route). */
    static ImapUidMarks inMemory() {
        record Saved(long uidValidity, Mark mark) {
        }
        Map<String, Saved> marks = new ConcurrentHashMap<>();
        return new ImapUidMarks() {
            @Override
            public Optional<Mark> load(String mailbox, String folder, long uidValidity) {
                Saved saved = marks.get(mailbox + "\n" + folder);
                return saved != null && saved.uidValidity() == uidValidity ? Optional.of(saved.mark()) : Optional.empty();
            }

            @Override
            public void save(String mailbox, String folder, long uidValidity, Mark mark) {
                marks.put(mailbox + "\n" + folder, new Saved(uidValidity, mark));
            }
        };
    }

    /** The marks in the hub store. */
    final class Jdbc implements ImapUidMarks {

        private final NamedParameterJdbcTemplate jdbc;
        private final Clock clock;

        public Jdbc(DataSource dataSource, Clock clock) {
            this.jdbc = new NamedParameterJdbcTemplate(dataSource);
            this.clock = clock;
        }

        @Override
        public Optional<Mark> load(String mailbox, String folder, long uidValidity) {
            List<Mark> found = jdbc.query("SELECT highest_uid, floor_uid FROM imap_uid_mark WHERE mailbox = :mailbox"
                    + " AND folder = :folder AND uid_validity = :validity", params(mailbox, folder)
                    .addValue("validity", uidValidity), (rs, i) -> new Mark(rs.getLong(1), rs.getLong(2)));
            return found.stream().findFirst();
        }

        @Override
        public void save(String mailbox, String folder, long uidValidity, Mark mark) {
            MapSqlParameterSource params = params(mailbox, folder).addValue("validity", uidValidity)
                    .addValue("uid", mark.highestUid()).addValue("floor", mark.floorUid())
                    .addValue("now", SqlValues.utc(clock.instant()));
            int updated = jdbc.update("UPDATE imap_uid_mark SET uid_validity = :validity, highest_uid = :uid,"
                    + " floor_uid = :floor, updated_at = :now WHERE mailbox = :mailbox AND folder = :folder", params);
            if (updated == 0) {
                jdbc.update("INSERT INTO imap_uid_mark (mailbox, folder, uid_validity, highest_uid, floor_uid, updated_at)"
                        + " VALUES (:mailbox, :folder, :validity, :uid, :floor, :now)", params);
            }
        }

        private static MapSqlParameterSource params(String mailbox, String folder) {
            return new MapSqlParameterSource("mailbox", mailbox.toLowerCase(Locale.ROOT)).addValue("folder", folder);
        }
    }
}
