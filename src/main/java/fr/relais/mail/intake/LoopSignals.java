package fr.relais.mail.intake;

import java.util.List;

/**
 * What an inbound mail's headers say about machines writing it: an acknowledgement must never answer
 * an auto-reply, a bounce or bulk mail (RFC 3834), or mail loops form.
 *
 * @param autoReply true for out-of-office and other automatic replies
 * @param bounce    true for delivery reports (DSN, multipart/report, null return path)
 * @param bulk      true for mailing lists, newsletters and bulk mail
 * @param reasons   the headers that decided it, for the ticket and the log
 */
public record LoopSignals(boolean autoReply, boolean bounce, boolean bulk, List<String> reasons) {

    public LoopSignals {
        reasons = List.copyOf(reasons);
    }

    public static LoopSignals none() {
        return new LoopSignals(false, false, false, List.of());
    }

    /** True when no acknowledgement may be sent to this mail. */
    public boolean machineGenerated() {
        return autoReply || bounce || bulk;
    }
}
