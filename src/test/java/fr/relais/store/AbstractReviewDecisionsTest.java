package fr.relais.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

abstract class AbstractReviewDecisionsTest extends AbstractStoreTest {

    @Test
    void anAnswerIsFoundWhicheverWayTheQuestionIsAsked() {
        var decisions = new ReviewDecisions(dataSource);
        assertThat(decisions.find("SAGE", "CDUPONT", "ERP", "C0042")).isEmpty();

        ReviewDecision stored = decisions.record("SAGE", "CDUPONT", "ERP", "C0042", ReviewDecision.Answer.DIFFERENT,
                "claire", null);

        assertThat(stored.systemA()).isEqualTo("ERP");
        assertThat(stored.idA()).isEqualTo("C0042");
        assertThat(stored.decidedBy()).isEqualTo("claire");
        assertThat(decisions.find("ERP", "C0042", "SAGE", "CDUPONT")).contains(stored);
        assertThat(decisions.find("SAGE", "CDUPONT", "ERP", "C0043")).isEmpty();
    }

    @Test
    void theFirstAnswerStays() {
        var decisions = new ReviewDecisions(dataSource);
        decisions.record("ERP", "C1", "SAGE", "S1", ReviewDecision.Answer.SAME, "claire", null);

        ReviewDecision again = decisions.record("SAGE", "S1", "ERP", "C1", ReviewDecision.Answer.DIFFERENT,
                "julien", null);

        assertThat(again.answer()).isEqualTo(ReviewDecision.Answer.SAME);
        assertThat(again.decidedBy()).isEqualTo("claire");
    }
}
