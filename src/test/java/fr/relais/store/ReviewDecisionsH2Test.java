package fr.relais.store;

class ReviewDecisionsH2Test extends AbstractReviewDecisionsTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
