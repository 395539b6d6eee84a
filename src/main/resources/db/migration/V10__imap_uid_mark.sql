-- IMAP transport: where the poller of each mailbox folder resumes. One row per (mailbox, folder): the server's
-- UIDVALIDITY, the highest UID whose mail the hub has stored, and the folder's highest UID when the hub first
-- read it (floor_uid: the mails at or below it that were read then are never taken). It moves only after the mails up to it were
-- stored, so a restart takes every mail above it and nothing below it again. The hub does not mark mails
-- \Seen (Claire's unread mails stay unread in their category folders, as with Graph), so this mark, not the
-- \Seen flag, is what tells a new mail from one already taken.
CREATE TABLE imap_uid_mark (
    mailbox      VARCHAR(320)             NOT NULL,
    folder       VARCHAR(512)             NOT NULL,
    uid_validity BIGINT                   NOT NULL,
    highest_uid  BIGINT                   NOT NULL,
    floor_uid    BIGINT                   NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_imap_uid_mark PRIMARY KEY (mailbox, folder)
);
