package fr.relais.mail.intake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeFileNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "../../x.pdf | x.pdf",
            "..\\..\\boot.ini | boot.ini",
            "C:\\Windows\\system32\\evil.dll | evil.dll",
            "C:evil.txt | evil.txt",
            "/etc/passwd | passwd",
            "con.txt | _con.txt",
            "NUL | _NUL",
            "com1 | _com1",
            "Lpt9.log.txt | _Lpt9.log.txt",
            "console.txt | console.txt",
            "'devis.pdf. . ' | devis.pdf",
            "'  .hidden' | hidden",
            "'tab\there.txt' | tab here.txt",
            "facture été 2026.pdf | facture été 2026.pdf",
            "photo\u202Egpj.exe | photogpj.exe",
            "zero\u200Bwidth.doc | zerowidth.doc",
    })
    void cleans(String original, String expected) {
        assertThat(SafeFileName.of(original, "piece-jointe-1.bin")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] -> fallback")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {"''", "'   '", "...", "'. . .'", "../..", "/", "\\\\server\\share\\", "'\u202E\u200B'", "???"})
    void fallsBackWhenNothingIsLeft(String original) {
        assertThat(SafeFileName.of(original, "piece-jointe-3.pdf")).isEqualTo("piece-jointe-3.pdf");
    }

    @Test
    void replacesCharactersIllegalOnShares() {
        assertThat(SafeFileName.of("a<b>c:d\"e|f?g*h.txt", "x.bin")).isEqualTo("a_b_c_d_e_f_g_h.txt");
    }

    @Test
    void nullFallsBack() {
        assertThat(SafeFileName.of(null, "piece-jointe-1.bin")).isEqualTo("piece-jointe-1.bin");
    }

    @Test
    void hostileFallbackIsCleanedToo() {
        assertThat(SafeFileName.of("", "../con")).isEqualTo("_con");
        assertThat(SafeFileName.of("", "")).isEqualTo("piece-jointe.bin");
    }

    @Test
    void boundsTheLengthKeepingTheExtension() {
        String name = "a".repeat(300) + ".pdf";
        String safe = SafeFileName.of(name, "x.bin");
        assertThat(safe).hasSize(SafeFileName.MAX_LENGTH).endsWith("aaa.pdf").startsWith("aaa");
    }

    @Test
    void boundsALongNameWithoutExtension() {
        assertThat(SafeFileName.of("b".repeat(500), "x.bin")).isEqualTo("b".repeat(SafeFileName.MAX_LENGTH));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String name = "x" + "😀".repeat(100) + ".png";
        String safe = SafeFileName.of(name, "x.bin");
        assertThat(safe).endsWith(".png").hasSizeLessThanOrEqualTo(SafeFileName.MAX_LENGTH);
        assertThat(safe.chars().filter(c -> Character.isHighSurrogate((char) c)).count())
                .isEqualTo(safe.chars().filter(c -> Character.isLowSurrogate((char) c)).count());
    }

    @Test
    void resultNeverHoldsSeparatorsOrTrailingDots() {
        for (String hostile : new String[]{"a/b\\c", "x/..", "..\\..\\..\\", "end. ", "dir/.", "a:b:c"}) {
            String safe = SafeFileName.of(hostile, "f.bin");
            assertThat(safe).doesNotContain("/", "\\", ":").doesNotEndWith(".").doesNotEndWith(" ").isNotEqualTo("..");
        }
    }
}
