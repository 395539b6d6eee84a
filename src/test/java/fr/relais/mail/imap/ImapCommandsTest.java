package fr.relais.mail.imap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImapCommandsTest {

    @Test
    void uidSetsAreCompressedIntoRanges() {
        assertThat(ImapCommands.uidSet(List.of(9L, 3L, 4L, 5L))).isEqualTo("3:5,9");
        assertThat(ImapCommands.uidSet(List.of(7L))).isEqualTo("7");
        assertThat(ImapCommands.uidSet(List.of(1L, 3L, 5L, 6L))).isEqualTo("1,3,5:6");
        assertThat(ImapCommands.uidSet(List.of(2L, 2L, 1L))).as("duplicates once").isEqualTo("1:2");
    }
}
