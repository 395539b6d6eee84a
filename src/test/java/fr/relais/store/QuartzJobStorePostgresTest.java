package fr.relais.store;

class QuartzJobStorePostgresTest extends AbstractQuartzJobStoreTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
