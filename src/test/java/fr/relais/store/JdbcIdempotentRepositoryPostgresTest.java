package fr.relais.store;

class JdbcIdempotentRepositoryPostgresTest extends AbstractJdbcIdempotentRepositoryTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
