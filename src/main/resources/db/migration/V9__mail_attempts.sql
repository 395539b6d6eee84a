-- Relais hub store, part 9: attempts of the mail pipeline (same portability rules as V1: runs unchanged on
-- H2 2.3 and PostgreSQL 17). Each try of a stored mail through the pipeline counts one attempt (counted in a
-- transaction of its own when the try starts, so a try cut by a crash counts too); the last failure's reason
-- is kept. After relais.mail.inbound.max-attempts the mail ends FAILED, listed by /api/mails?status=FAILED,
-- and is never queued again by itself.
ALTER TABLE inbound_mail ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE inbound_mail ADD COLUMN last_error VARCHAR(2000);
