package fr.relais.mail.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteStripperTest {

    @Test
    void removesQuotedLinesAndTheWroteLine() {
        var s = QuoteStripper.strip("""
                Merci, c'est noté pour jeudi.

                Le mar. 1 déc. 2026 à 10:02, Relais <contact@relais.fr> a écrit :
                > Votre facture est jointe.
                > Cordialement""");
        assertThat(s.newText()).isEqualTo("Merci, c'est noté pour jeudi.");
        assertThat(s.history()).contains("Votre facture est jointe.");
    }

    @Test
    void wroteLineSplitOverTwoLines() {
        var s = QuoteStripper.strip("""
                D'accord pour mardi.
                Le lun. 30 nov. 2026 à 18:40, Service client <contact@relais.fr> a
                écrit :
                Texte ancien sans chevrons""");
        assertThat(s.newText()).isEqualTo("D'accord pour mardi.");
    }

    @Test
    void removesOutlookHeaderBlockAndOriginalMessage() {
        var outlook = QuoteStripper.strip("""
                Bonjour, la chaudière est encore en panne.

                De : Relais <contact@relais.fr>
                Envoyé : lundi 30 novembre 2026 10:00
                À : Dupont
                Objet : intervention terminée

                L'intervention est terminée.""");
        assertThat(outlook.newText()).isEqualTo("Bonjour, la chaudière est encore en panne.");
        var original = QuoteStripper.strip("ok pour moi\n-----Message d'origine-----\nFrom: a@b.fr\nSent: Monday\nfacture");
        assertThat(original.newText()).isEqualTo("ok pour moi");
        var english = QuoteStripper.strip("see below\n\nFrom: John <j@x.com>\nSent: Monday\nSubject: hello\n\nold text");
        assertThat(english.newText()).isEqualTo("see below");
    }

    @Test
    void removesSignaturesMobileFootersAndLegalMentions() {
        assertThat(QuoteStripper.strip("Pouvez-vous passer demain ?\n-- \nJean Martin\nSARL Martin\n04 50 00 00 00").newText())
                .isEqualTo("Pouvez-vous passer demain ?");
        assertThat(QuoteStripper.strip("plus d'eau chaude\n\nEnvoyé de mon iPhone").newText()).isEqualTo("plus d'eau chaude");
        assertThat(QuoteStripper.strip("""
                Merci de m'envoyer le devis.

                Cordialement,
                Marie Curtet
                Gérante
                06 12 34 56 78
                Ce message et les pièces jointes sont confidentiels et réservés à l'usage exclusif de ses destinataires.""").newText())
                .isEqualTo("Merci de m'envoyer le devis.");
    }

    @Test
    void keepsTextAfterClosingFormulaWhenItIsNotASignature() {
        String body = "Cordialement je vous écris car la facture est fausse.\nLe montant de la TVA ne correspond pas au devis signé, merci de corriger cela rapidement svp, j'attends votre réponse avant de payer.";
        assertThat(QuoteStripper.strip(body).newText()).isEqualTo(body);
    }

    @Test
    void bareForwardKeepsTheForwardedContent() {
        var s = QuoteStripper.strip("""
                ---------- Forwarded message ---------
                De : Lucie Blanc <lucie@gmail.com>
                Date: lun. 30 nov. 2026
                Objet : fuite
                À : agence@immo.fr

                Il y a une fuite sous l'évier, ça coule partout.

                Cordialement
                Lucie""");
        assertThat(s.newText()).isEmpty();
        assertThat(s.relevantText()).isEqualTo("Il y a une fuite sous l'évier, ça coule partout.");
    }

    @Test
    void forwardWithNewTextKeepsOnlyTheNewText() {
        var s = QuoteStripper.strip("Pour suite à donner, merci.\n\n-------- Message transféré --------\nObjet : fuite\n\nça fuit");
        assertThat(s.relevantText()).isEqualTo("Pour suite à donner, merci.");
    }
}
