package fr.relais.deadletter;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code /api/dead-letters}: what failed and why, and a way to replay or discard it. */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    private final DeadLetterService deadLetters;

    public DeadLetterController(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<DeadLetter> list(@RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<DeadLetter> get(@PathVariable String id) {
        return ResponseEntity.of(deadLetters.find(id));
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<DeadLetter> replay(@PathVariable String id) {
        return ResponseEntity.of(deadLetters.replay(id));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> discard(@PathVariable String id) {
        return deadLetters.discard(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badId(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
