package fr.relais.mail.outbound;

import fr.relais.store.TestDatabase;

class OutboxRulesH2Test extends AbstractOutboxRulesTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
