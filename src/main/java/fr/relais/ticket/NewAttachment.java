package fr.relais.ticket;

/** An attachment already filed by the caller, to link to a ticket (and optionally to one of its messages). */
public record NewAttachment(Long messageId, String originalName, String storedPath, String contentType, long size,
                            String sha256) {
}
