package fr.relais.store;

class ReviewDecisionsPostgresTest extends AbstractReviewDecisionsTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
