package fr.relais.ticket;

import fr.relais.store.TestDatabase;

class TicketServiceH2Test extends AbstractTicketServiceTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
