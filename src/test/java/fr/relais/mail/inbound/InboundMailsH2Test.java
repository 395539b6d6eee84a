package fr.relais.mail.inbound;

import fr.relais.store.TestDatabase;

class InboundMailsH2Test extends AbstractInboundMailsTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
