package fr.relais.store;

class MigrationsPostgresTest extends AbstractMigrationsTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
