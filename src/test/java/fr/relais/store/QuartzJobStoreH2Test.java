package fr.relais.store;

class QuartzJobStoreH2Test extends AbstractQuartzJobStoreTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
