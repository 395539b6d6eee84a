package fr.relais.mail.classify;

/** Whether a mail reports a danger or a real emergency. The names are a contract. */
public enum Urgency {
    URGENT,
    NORMAL
}
