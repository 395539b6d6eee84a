-- The Message-IDs each inbound mail answers (its In-Reply-To and References, without brackets), written when
-- the mail is processed. A mail processed AFTER a reply to it (both fetched together, or the reply first after
-- a restart) finds here the reply already on a ticket and joins that ticket instead of opening a second one.
-- Same portability rules as V1 (H2 2.3 and PostgreSQL 17).
CREATE TABLE inbound_mail_answer (
    mail_id     BIGINT        NOT NULL REFERENCES inbound_mail (id),
    message_id  VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_inbound_mail_answer PRIMARY KEY (mail_id, message_id)
);
CREATE INDEX ix_inbound_mail_answer_message_id ON inbound_mail_answer (message_id);
