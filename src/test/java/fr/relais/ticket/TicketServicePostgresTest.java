package fr.relais.ticket;

import fr.relais.store.TestDatabase;

class TicketServicePostgresTest extends AbstractTicketServiceTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
