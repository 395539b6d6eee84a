package fr.relais.mail.inbound;

import fr.relais.store.TestDatabase;

class InboundMailsPostgresTest extends AbstractInboundMailsTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
