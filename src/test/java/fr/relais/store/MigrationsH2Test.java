package fr.relais.store;

class MigrationsH2Test extends AbstractMigrationsTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
