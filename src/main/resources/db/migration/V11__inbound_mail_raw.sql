-- The raw source of each inbound mail moves to its own table. Kept in the row, it was rewritten with every
-- status change of the mail (attempts, processed, filed): on the embedded store a page of rows is rewritten at
-- each commit, raw sources of its neighbours included. Written once here, read only to parse and to download.
CREATE TABLE inbound_mail_raw (
    mail_id   BIGINT NOT NULL PRIMARY KEY REFERENCES inbound_mail (id),
    raw_mime  BYTEA  NOT NULL
);
INSERT INTO inbound_mail_raw (mail_id, raw_mime) SELECT id, raw_mime FROM inbound_mail;
ALTER TABLE inbound_mail DROP COLUMN raw_mime;
