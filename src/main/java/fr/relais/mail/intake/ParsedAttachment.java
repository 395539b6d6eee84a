package fr.relais.mail.intake;

/**
 * One attachment of an inbound mail.
 *
 * @param originalName the name as the sender's client gave it (decoded), possibly empty or hostile
 * @param safeName     a name safe to create on any share (no path, no reserved device name, bounded length)
 * @param contentType  the MIME type in lower case
 * @param content      the decoded bytes (bounded by the parser's limits)
 * @param inline       true for inline parts (images in a signature)
 * @param fromTnef     true when unpacked from an Outlook winmail.dat
 */
public record ParsedAttachment(String originalName, String safeName, String contentType, byte[] content,
                               boolean inline, boolean fromTnef) {
}
