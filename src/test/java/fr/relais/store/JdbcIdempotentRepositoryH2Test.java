package fr.relais.store;

class JdbcIdempotentRepositoryH2Test extends AbstractJdbcIdempotentRepositoryTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
