-- Microsoft Graph transport: where each delta sync of the shared mailbox resumes.
-- One row per (mailbox, folder): the last @odata.deltaLink (round finished) or @odata.nextLink (round
-- interrupted after a page whose mails were all stored). A link only moves forward once every mail before it
-- was handed to the mail pipeline, so a restart resumes from here and nothing is skipped.
CREATE TABLE graph_delta_state (
    mailbox     VARCHAR(320)             NOT NULL,
    folder      VARCHAR(512)             NOT NULL,
    link        VARCHAR(8192)            NOT NULL,
    link_kind   VARCHAR(8)               NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_graph_delta_state PRIMARY KEY (mailbox, folder),
    CONSTRAINT ck_graph_delta_state_kind CHECK (link_kind IN ('next', 'delta'))
);

-- The folders the hub files mails into (a path under relais.outlook.folder-parent, e.g. "Relais/SAV"), with
-- their Graph id (immutable). They are watched for the done category; keeping them here means a restart
-- neither looks them up again nor forgets to watch one.
CREATE TABLE graph_folder (
    mailbox     VARCHAR(320)             NOT NULL,
    path        VARCHAR(512)             NOT NULL,
    folder_id   VARCHAR(512)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_graph_folder PRIMARY KEY (mailbox, path)
);
