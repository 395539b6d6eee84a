package fr.relais.store;

class AuditLogPostgresTest extends AbstractAuditLogTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
