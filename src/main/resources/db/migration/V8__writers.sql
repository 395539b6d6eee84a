-- Relais hub store: the customer writers (issue 6).
-- Every Sage account number (CT_Num) the hub ever allocated, so that a restart never hands one out twice,
-- even before Sage shows the account (an import file not yet imported, a bridge that answered late).
-- A correlation id (the hub's id of one create) gets one number only: a retried create keeps its number.
CREATE TABLE sage_account_number (
    ct_num         VARCHAR(17)              NOT NULL,
    correlation_id VARCHAR(128),
    customer_name  VARCHAR(255),
    allocated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sage_account_number PRIMARY KEY (ct_num),
    CONSTRAINT uq_sage_account_number_correlation UNIQUE (correlation_id)
);
