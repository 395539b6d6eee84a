-- Simulated Sage 100 company database (demo mode and tests only, H2 in SQL Server mode).
-- Only the tables and columns Relais reads, with Sage's own names, types and lengths.
-- cbModification is a smalldatetime in Sage: minute precision, set by the database clock on every
-- insert and update. Here: TIMESTAMP(0) whose default and ON UPDATE value is the current time rounded
-- to the nearest minute (as smalldatetime rounds), and a check that refuses any value with seconds.
-- Sage stores missing text as '' rather than NULL; the demo data does the same.

CREATE TABLE IF NOT EXISTS F_COMPTET (
    CT_Num          varchar(17)  NOT NULL,
    CT_Intitule     varchar(69)  NOT NULL,
    CT_Type         smallint     NOT NULL DEFAULT 0,
    CT_Adresse      varchar(35),
    CT_Complement   varchar(35),
    CT_CodePostal   varchar(9),
    CT_Ville        varchar(35),
    CT_Pays         varchar(35),
    CT_Telephone    varchar(21),
    CT_Telecopie    varchar(21),
    CT_EMail        varchar(69),
    CT_Siret        varchar(15),
    CT_Sommeil      smallint     NOT NULL DEFAULT 0,
    CT_DateCreate   datetime,
    cbModification  smalldatetime NOT NULL
        DEFAULT DATE_TRUNC('MINUTE', DATEADD('SECOND', 30, LOCALTIMESTAMP))
        ON UPDATE DATE_TRUNC('MINUTE', DATEADD('SECOND', 30, LOCALTIMESTAMP)),
    cbMarq          int IDENTITY(1,1) NOT NULL,
    CONSTRAINT PK_F_COMPTET PRIMARY KEY (CT_Num),
    CONSTRAINT UQ_F_COMPTET_cbMarq UNIQUE (cbMarq),
    CONSTRAINT CK_F_COMPTET_cbModification_minute CHECK (EXTRACT(SECOND FROM cbModification) = 0)
);

CREATE INDEX IF NOT EXISTS IX_F_COMPTET_cbModification ON F_COMPTET (cbModification);

CREATE TABLE IF NOT EXISTS F_DOCENTETE (
    DO_Domaine      smallint     NOT NULL,
    DO_Type         smallint     NOT NULL,
    DO_Piece        varchar(13)  NOT NULL,
    DO_Date         datetime     NOT NULL,
    DO_Ref          varchar(17),
    DO_Tiers        varchar(17)  NOT NULL,
    DO_Statut       smallint     NOT NULL DEFAULT 0,
    DO_TotalHT      numeric(24,6) NOT NULL DEFAULT 0,
    cbModification  smalldatetime NOT NULL
        DEFAULT DATE_TRUNC('MINUTE', DATEADD('SECOND', 30, LOCALTIMESTAMP))
        ON UPDATE DATE_TRUNC('MINUTE', DATEADD('SECOND', 30, LOCALTIMESTAMP)),
    cbMarq          int IDENTITY(1,1) NOT NULL,
    CONSTRAINT PK_F_DOCENTETE PRIMARY KEY (DO_Domaine, DO_Type, DO_Piece),
    CONSTRAINT UQ_F_DOCENTETE_cbMarq UNIQUE (cbMarq),
    CONSTRAINT CK_F_DOCENTETE_cbModification_minute CHECK (EXTRACT(SECOND FROM cbModification) = 0)
);

CREATE INDEX IF NOT EXISTS IX_F_DOCENTETE_DO_Tiers ON F_DOCENTETE (DO_Tiers);
CREATE INDEX IF NOT EXISTS IX_F_DOCENTETE_cbModification ON F_DOCENTETE (cbModification);

CREATE TABLE IF NOT EXISTS F_DOCLIGNE (
    DO_Domaine      smallint     NOT NULL,
    DO_Type         smallint     NOT NULL,
    CT_Num          varchar(17)  NOT NULL,
    DO_Piece        varchar(13)  NOT NULL,
    DL_Ligne        int          NOT NULL,
    DL_PieceDE      varchar(13),
    DL_PieceBC      varchar(13),
    DL_PieceBL      varchar(13),
    AR_Ref          varchar(19),
    DL_Design       varchar(69),
    DL_Qte          numeric(24,6) NOT NULL DEFAULT 0,
    DL_PrixUnitaire numeric(24,6) NOT NULL DEFAULT 0,
    DL_MontantHT    numeric(24,6) NOT NULL DEFAULT 0,
    cbModification  smalldatetime NOT NULL
        DEFAULT DATE_TRUNC('MINUTE', DATEADD('SECOND', 30, LOCALTIMESTAMP))
        ON UPDATE DATE_TRUNC('MINUTE', DATEADD('SECOND', 30, LOCALTIMESTAMP)),
    cbMarq          int IDENTITY(1,1) NOT NULL,
    CONSTRAINT PK_F_DOCLIGNE PRIMARY KEY (cbMarq),
    CONSTRAINT CK_F_DOCLIGNE_cbModification_minute CHECK (EXTRACT(SECOND FROM cbModification) = 0)
);

CREATE INDEX IF NOT EXISTS IX_F_DOCLIGNE_DO_Piece ON F_DOCLIGNE (DO_Domaine, DO_Type, DO_Piece);
CREATE INDEX IF NOT EXISTS IX_F_DOCLIGNE_DL_PieceDE ON F_DOCLIGNE (DL_PieceDE);
