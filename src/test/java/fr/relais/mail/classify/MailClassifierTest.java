package fr.relais.mail.classify;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Trains on the shipped training corpus (a few seconds) and checks behaviour and a cross-writer floor. */
class MailClassifierTest {

    static final ClassificationRules RULES = ClassificationRules.load();
    static MailClassifier classifier;
    static List<Corpus.Entry> train;

    @BeforeAll
    static void train() {
        train = Corpus.read(Path.of("corpus/train"));
        classifier = MailClassifier.train(train, RULES);
    }

    @Test
    void corpusIsReadInFullAndShippedOnTheClasspath() {
        assertThat(train).hasSizeGreaterThan(300);
        assertThat(train.stream().map(Corpus.Entry::writer).distinct()).contains("w1", "w2");
        assertThat(Corpus.readClasspath(train.stream().map(Corpus.Entry::writer).distinct().toList())).hasSize(train.size());
    }

    @Test
    void crossWriterCheckReachesAFloor() {
        Evaluation eval = new Evaluation();
        for (String writer : List.of("w1", "w2")) {
            MailClassifier model = MailClassifier.train(train.stream().filter(e -> !e.writer().equals(writer)).toList(), RULES);
            for (Corpus.Entry e : train.stream().filter(e -> e.writer().equals(writer)).toList()) {
                eval.add(e.id(), e.category(), e.urgency(), model.classify(e.toMailText()));
            }
        }
        assertThat(eval.accuracy()).isGreaterThan(0.80);
        assertThat(eval.precision(Category.NON_TICKET)).isGreaterThan(0.95);
        assertThat(eval.urgentRecall()).isGreaterThan(0.93);
    }

    @Test
    void trainingIsReproducible() {
        MailClassifier again = MailClassifier.train(train, RULES);
        MailText mail = MailText.of("x@gmail.com", "chaudière", "la chaudière fait un bruit bizarre, pouvez-vous passer ?");
        assertThat(again.classify(mail)).isEqualTo(classifier.classify(mail));
    }

    @Test
    void classifiesTypicalMails() {
        assertThat(classifier.classify(MailParserTest.resource("devis-latin1.eml")).category()).isEqualTo(Category.DEVIS);
        assertThat(classifier.classify(MailParserTest.resource("rdv-alternative.eml")).category()).isEqualTo(Category.RDV);
        Classification gas = classifier.classify(MailParserTest.resource("gaz-utf8-qp.eml"));
        assertThat(gas.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(gas.explanation().rules()).contains("urgency:gas-smell");
        assertThat(classifier.classify(MailParserTest.resource("forwarded-rfc822.eml")).category()).isEqualTo(Category.SAV);
    }

    @Test
    void headersDecideAutoRepliesAndBouncesEvenWithAlarmingWords() {
        Classification auto = classifier.classify(MailParserTest.resource("autoreply.eml"));
        assertThat(auto.category()).isEqualTo(Category.NON_TICKET);
        assertThat(auto.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(auto.confidence()).isEqualTo(1.0);
        assertThat(auto.explanation().rules()).containsExactly("header:auto-submitted");
        assertThat(classifier.classify(MailParserTest.resource("bounce.eml")).category()).isEqualTo(Category.NON_TICKET);
    }

    @Test
    void listMailIsNeverATicketButASupplierBusinessMailStaysFournisseur() {
        MailText priceList = new MailText(java.util.Map.of("list-unsubscribe", List.of("<https://cedeo.fr/u>")),
                "pro@cedeo.fr", "Cedeo", "Vos prix nets actualisés au 1er janvier",
                "Bonjour, votre nouvelle grille de prix nets, calculée selon votre remise client, est disponible dans "
                        + "votre espace pro. Elle s'appliquera à vos commandes à partir du 1er janvier.", "text/plain", true);
        Classification supplier = classifier.classify(priceList);
        assertThat(supplier.category()).isEqualTo(Category.FOURNISSEUR);
        assertThat(supplier.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(supplier.explanation().rules()).contains("context:supplier-domain", "header:list-unsubscribe");

        MailText promo = new MailText(java.util.Map.of("list-id", List.of("<news.example.fr>")),
                "news@promo-maison.fr", "Promo Maison", "Black Friday : -40 % sur tout le site",
                "Profitez de nos offres exceptionnelles jusqu'à dimanche ! Livraison offerte. Se désabonner", "text/plain", true);
        Classification newsletter = classifier.classify(promo);
        assertThat(newsletter.category()).isEqualTo(Category.NON_TICKET);
        assertThat(newsletter.explanation().rules()).containsExactly("header:list-id");
    }

    @Test
    void bareThanksIsNonTicketButARequestIsNever() {
        assertThat(classifier.classify(MailText.of("m.gaillard@orange.fr", "Re: rendez-vous entretien",
                "Merci beaucoup, à jeudi.\nMonique")).category()).isEqualTo(Category.NON_TICKET);
        Classification request = classifier.classify(MailText.of("j.ducroz@sfr.fr", "", "merci annulez le rdv de lundi svp"));
        assertThat(request.category()).isNotEqualTo(Category.NON_TICKET);
    }

    @Test
    void replyContextNudgesAnUncertainMail() {
        MailText vague = MailText.of("x@gmail.com", "Re: dossier", "Bonjour, du nouveau ? Merci");
        Classification withContext = classifier.classify(vague, new MailClassifier.Context(Category.CHANTIER));
        assertThat(withContext.explanation().rules()).contains("context:reply-to-ticket-CHANTIER");
        assertThat(withContext.category()).isEqualTo(Category.CHANTIER);
    }

    @Test
    void explanationNamesTheStrongestFeatures() {
        Classification c = classifier.classify(MailText.of("m.dupont@gmail.com", "Demande de devis",
                "Bonjour, je souhaite un devis pour remplacer ma chaudière fioul par une pompe à chaleur. Merci"));
        assertThat(c.category()).isEqualTo(Category.DEVIS);
        assertThat(c.confidence()).isBetween(0.0, 1.0);
        assertThat(c.explanation().categoryFeatures()).isNotEmpty().hasSizeLessThanOrEqualTo(6);
        assertThat(c.explanation().categoryFeatures()).allSatisfy(f -> assertThat(f.weight()).isPositive());
        assertThat(c.explanation().categoryFeatures().stream().map(Classification.Contribution::feature))
                .anyMatch(f -> f.contains("devi"));
        assertThat(c.explanationText()).contains("words: ").contains("p(urgent)=");
    }

    @Test
    void unparseableFileStillGetsACategory() {
        Classification c = classifier.classify(MailParserTest.resource("broken.eml"));
        assertThat(c.category()).isNotNull();
        assertThat(c.explanation().rules()).isNotNull();
        // broken.eml is a flooding kitchen behind a broken MIME structure: read as raw text, it is still urgent
        assertThat(c.explanation().rules()).contains("parse:unreadable-raw-text");
        assertThat(c.category()).isEqualTo(Category.SAV);
        assertThat(c.urgency()).isEqualTo(Urgency.URGENT);
    }

    @Test
    void aMailWithNothingToReadIsNeverThrownAway() {
        MailText empty = new MailParser().parse("From: someone@example.fr\nSubject:\n\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Classification c = classifier.classify(empty);
        assertThat(c.category()).isNotEqualTo(Category.NON_TICKET);
        assertThat(c.explanation().rules()).contains("safeguard:nothing-to-read");

        MailText bareThanks = new MailParser().parse("From: someone@example.fr\nSubject: Re: devis\n\nmerci\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(classifier.classify(bareThanks).explanation().rules()).doesNotContain("safeguard:nothing-to-read");
    }
}
