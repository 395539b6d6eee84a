package fr.relais.mail.inbound;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The stored inbound mails, NON_TICKET ones included: {@code GET /api/mails?status=NON_TICKET&from=...&q=...},
 * {@code GET /api/mails/{id}}, {@code GET /api/mails/{id}/raw} (the source as received, message/rfc822),
 * {@code POST /api/mails/{id}/retry} (a FAILED mail that reached no ticket is tried again).
 * Behind the hub's security like the rest of /api.
 */
@RestController
@RequestMapping("/api/mails")
public class MailController {

    private final InboundMails mails;
    private final InboundMailReceiver receiver;

    public MailController(InboundMails mails, InboundMailReceiver receiver) {
        this.mails = mails;
        this.receiver = receiver;
    }

    @GetMapping
    public ResponseEntity<?> search(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String q,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > 200) {
            return ResponseEntity.badRequest().body(Map.of("error", "page must be 0 or more, size between 1 and 200"));
        }
        List<InboundMail> items = mails.search(status, from, q, page, size);
        return ResponseEntity.ok(Map.of("page", page, "size", size, "total", mails.countSearch(status, from, q),
                "items", items));
    }

    @GetMapping("/{id}")
    public ResponseEntity<InboundMail> one(@PathVariable long id) {
        return ResponseEntity.of(mails.find(id));
    }

    /** A FAILED mail that reached no ticket is tried again (attempts cleared); 409 otherwise. */
    @PostMapping("/{id}/retry")
    public ResponseEntity<?> retry(@PathVariable long id) {
        if (mails.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (!receiver.retry(id)) {
            return ResponseEntity.status(409).body(Map.of("error", "not retried",
                    "reason", "only a FAILED mail that reached no ticket can be tried again"));
        }
        return ResponseEntity.of(mails.find(id));
    }

    @GetMapping("/{id}/raw")
    public ResponseEntity<byte[]> raw(@PathVariable long id) {
        return mails.raw(id).map(bytes -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("message/rfc822"))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mail-" + id + ".eml\"")
                        .body(bytes))
                .orElse(ResponseEntity.notFound().build());
    }
}
