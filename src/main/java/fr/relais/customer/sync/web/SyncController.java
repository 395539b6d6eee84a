package fr.relais.customer.sync.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.customer.sync.CustomerSync;
import fr.relais.customer.sync.DryRun;
import fr.relais.customer.sync.SourceUnavailableException;
import fr.relais.customer.sync.SyncProperties;
import fr.relais.store.ReviewDecision;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customer sync's REST endpoints (behind the hub's login): Claire's answer to a "Doublon possible" ticket, and
 * the dry run.
 */
@RestController
public class SyncController {

    private final CustomerSync sync;
    private final DryRun dryRun;
    private final TicketService tickets;
    private final SyncProperties properties;

    public SyncController(CustomerSync sync, DryRun dryRun, TicketService tickets, SyncProperties properties) {
        this.sync = sync;
        this.dryRun = dryRun;
        this.tickets = tickets;
        this.properties = properties;
    }

    /** {@code {"decision":"SAME"|"DIFFERENT"}} on a review ticket: stored, applied, never asked again. */
    @PostMapping("/api/tickets/{idOrReference}/review-decision")
    public ResponseEntity<Map<String, Object>> reviewDecision(@PathVariable String idOrReference,
                                                              @RequestBody(required = false) JsonNode body,
                                                              Principal principal) {
        Optional<Ticket> ticket = tickets.find(idOrReference);
        if (ticket.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not found", "no ticket " + idOrReference);
        }
        JsonNode d = body == null ? null : body.get("decision");
        ReviewDecision.Answer answer;
        try {
            answer = ReviewDecision.Answer.valueOf(d == null || !d.isTextual() ? "" : d.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid request", "fields",
                    java.util.List.of(Map.of("field", "decision", "reason", "must be one of SAME, DIFFERENT"))));
        }
        try {
            CustomerSync.DecisionResult r = sync.decide(ticket.get().id(), answer,
                    principal == null ? "api" : principal.getName());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ticketId", r.ticketId());
            out.put("reference", ticket.get().reference());
            out.put("decision", r.decision().name());
            out.put("outcome", r.outcome());
            return r.outcome().equals("already-decided") ? ResponseEntity.status(HttpStatus.CONFLICT).body(out)
                    : ResponseEntity.ok(out);
        } catch (CustomerSync.NoReviewException e) {
            return error(HttpStatus.CONFLICT, "not a review", e.getMessage());
        } catch (SourceUnavailableException e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", e.getMessage());
        }
    }

    /** Reads both databases, writes nothing, and writes the reconciliation report into a new folder. */
    @PostMapping("/api/sync/dry-run")
    public ResponseEntity<Map<String, Object>> dryRun() throws IOException {
        Path folder = Path.of(properties.getDryRunDir())
                .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").format(LocalDateTime.now()));
        try {
            DryRun.Report report = dryRun.run(folder);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("folder", report.folder().toAbsolutePath().toString());
            out.put("report", report.folder().resolve("report.html").toAbsolutePath().toString());
            out.put("counts", report.counts());
            out.put("tookMs", report.took().toMillis());
            return ResponseEntity.ok(out);
        } catch (SourceUnavailableException e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String reason) {
        return ResponseEntity.status(status).body(Map.of("error", error, "reason", reason));
    }
}
