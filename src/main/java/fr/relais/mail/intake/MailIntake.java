package fr.relais.mail.intake;

/** Turns the raw MIME of an inbound mail into a {@link ParsedMail}; never throws, bounded in time and memory. */
public interface MailIntake {

    ParsedMail parse(byte[] raw);
}
