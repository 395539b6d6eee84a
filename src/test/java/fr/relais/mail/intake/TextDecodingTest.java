package fr.relais.mail.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TextDecodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "=?ISO-8859-1?Q?Devis_chaudi=E8re?= | Devis chaudière",
            "=?utf-8?b?w6l0w6k=?= | été",
            "=?UTF-8?Q?Probl=C3?= =?UTF-8?Q?=A8me?= | Problème",
            "=?utf-8?Q?a?=   =?iso-8859-1?Q?=E9?= | aé",
            "Re: =?utf-8?Q?caf=C3=A9?= et th=C3=A9 | Re: café et th=C3=A9",
            "=?x-unknown?Q?caf=C3=A9?= | café",
            "=?x-unknown?Q?caf=E9?= | café",
            "=?utf-8*fr?Q?bonjour?= | bonjour",
            "=?utf-8?B?!!!?= | ''",
            "=?utf-8?Q?ligne=0Aautre?= | ligne autre",
            "sans encodage | sans encodage",
    })
    void decodesHeaders(String raw, String expected) {
        assertThat(TextDecoding.decodeHeader(raw)).isEqualTo(expected);
    }

    @Test
    void decodesFileNames() {
        assertThat(TextDecoding.decodeFileName("iso-8859-1'fr'r%E9sum%E9.pdf")).isEqualTo("résumé.pdf");
        assertThat(TextDecoding.decodeFileName("x-inconnu''caf%C3%A9.txt")).isEqualTo("café.txt");
        assertThat(TextDecoding.decodeFileName("=?utf-8?Q?re=C3=A7u.pdf?=")).isEqualTo("reçu.pdf");
        assertThat(TextDecoding.decodeFileName("plain 100%.pdf")).isEqualTo("plain 100%.pdf");
    }

    @Test
    void trustsADeclaredCharsetOnlyWhenTheBytesAgree() {
        byte[] utf8 = "déjà".getBytes(StandardCharsets.UTF_8);
        byte[] latin = "déjà €".getBytes(Charset.forName("windows-1252"));
        assertThat(TextDecoding.decode(utf8, "utf-8")).isEqualTo(new TextDecoding.Decoded("déjà", null));
        assertThat(TextDecoding.decode(utf8, "iso-8859-1").text()).isEqualTo("déjà");
        assertThat(TextDecoding.decode(utf8, "iso-8859-1").note()).isEqualTo("labelled windows-1252 but is UTF-8");
        assertThat(TextDecoding.decode(latin, "iso-8859-1")).isEqualTo(new TextDecoding.Decoded("déjà €", null));
        assertThat(TextDecoding.decode(latin, null)).isEqualTo(new TextDecoding.Decoded("déjà €", null));
        assertThat(TextDecoding.decode(latin, "utf-8").text()).isEqualTo("déjà €");
        assertThat(TextDecoding.decode(latin, "utf-8").note()).contains("not, read as windows-1252");
        assertThat(TextDecoding.decode(latin, "klingon").note()).isEqualTo("unknown charset 'klingon', read as windows-1252");
        assertThat(TextDecoding.decode("Прив".getBytes(Charset.forName("KOI8-R")), "koi8-r").text()).isEqualTo("Прив");
    }

    @Test
    void aCutInsideAUtf8SequenceIsDropped() {
        byte[] bytes = "aé€".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 bytes
        for (int cut = 1; cut <= bytes.length; cut++) {
            byte[] head = java.util.Arrays.copyOf(bytes, cut);
            String text = TextDecoding.decode(head, "utf-8", true).text();
            assertThat("aé€").startsWith(text);
            assertThat(TextDecoding.decode(head, "utf-8", true).note()).isNull();
        }
    }

    @Test
    void stripsControlCharactersButKeepsLineBreaks() {
        assertThat(TextDecoding.stripControls("a\u0000b\u0007c\td\ne\u001b[0m")).isEqualTo("abc\td\ne[0m");
    }
}
