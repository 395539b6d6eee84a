package fr.relais.ticket;

public enum Urgency {
    URGENT,
    NORMAL
}
