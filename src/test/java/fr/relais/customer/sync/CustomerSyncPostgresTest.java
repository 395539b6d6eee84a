package fr.relais.customer.sync;

import fr.relais.store.TestDatabase;

/** Every sync scenario with the hub store on a real PostgreSQL 17 (zonky embedded). */
class CustomerSyncPostgresTest extends CustomerSyncTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
