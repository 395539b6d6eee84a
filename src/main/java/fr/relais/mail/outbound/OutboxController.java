package fr.relais.mail.outbound;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/outbox}: the mails the hub owes or sent. By default the ones a person must look at: UNCERTAIN
 * (the hub stopped during the send) and FAILED (refused too many times). {@code POST /{id}/resend} owes one of
 * them again, once somebody has checked it did not leave.
 */
@RestController
@RequestMapping("/api/outbox")
public class OutboxController {

    private final OutboundMailStore store;

    public OutboxController(OutboundMailStore store) {
        this.store = store;
    }

    @GetMapping
    public List<OutboundMail> list(@RequestParam(defaultValue = "UNCERTAIN,FAILED") String status,
                                   @RequestParam(defaultValue = "100") int limit) {
        List<OutboundMail.Status> statuses = Arrays.stream(status.split(","))
                .map(s -> OutboundMail.Status.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();
        return store.withStatus(statuses, Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<OutboundMail> get(@PathVariable long id) {
        return ResponseEntity.of(store.find(id));
    }

    @PostMapping("/{id}/resend")
    public ResponseEntity<OutboundMail> resend(@PathVariable long id) {
        if (!store.oweAgain(id, Instant.now())) {
            return store.find(id).isPresent() ? ResponseEntity.status(409).body(store.find(id).get())
                    : ResponseEntity.notFound().build();
        }
        return ResponseEntity.of(store.find(id));
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<java.util.Map<String, String>> badStatus(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(java.util.Map.of("error", "status: one or more of "
                + Arrays.toString(OutboundMail.Status.values())));
    }
}
