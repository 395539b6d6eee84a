package fr.relais.store;

class AuditLogH2Test extends AbstractAuditLogTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
