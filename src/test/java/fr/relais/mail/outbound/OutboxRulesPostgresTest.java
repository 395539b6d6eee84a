package fr.relais.mail.outbound;

import fr.relais.store.TestDatabase;

class OutboxRulesPostgresTest extends AbstractOutboxRulesTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
