package fr.relais.store;

import java.time.Instant;

/**
 * Claire's answer to "are these two records the same customer?". The pair is kept in canonical order:
 * ({@code systemA}, {@code idA}) sorts before ({@code systemB}, {@code idB}).
 */
public record ReviewDecision(long id, String systemA, String idA, String systemB, String idB, Answer answer,
                             String decidedBy, Instant decidedAt, Long ticketId) {

    public enum Answer {
        SAME,
        DIFFERENT
    }
}
