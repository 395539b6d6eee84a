package fr.relais.customer.sync;

import fr.relais.customer.match.AddressNormalizer;
import fr.relais.customer.match.CustomerAddress;
import fr.relais.customer.match.CustomerNormalizer;
import fr.relais.customer.match.Decision;
import fr.relais.customer.match.MatchOutcome;
import fr.relais.customer.match.PhoneNormalizer;
import fr.relais.customer.write.AccountNumbers;
import fr.relais.customer.write.CustomerWrite;
import fr.relais.customer.write.CustomerWriter;
import fr.relais.customer.write.WriteOutcome;
import fr.relais.store.AuditLog;
import fr.relais.store.AuditWrite;
import fr.relais.store.ReviewDecision;
import fr.relais.store.ReviewDecisions;
import fr.relais.ticket.Contact;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.TicketStatus;
import fr.relais.ticket.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer sync's engine, called step by step by the routes of {@code routes/customers-sync.yaml}:
 * {@link #poll} → {@link #process} → {@link #flushWrites} → {@link #commit}; {@link #checkKeys} for deletions
 * and dormant accounts; {@link #decide} for Claire's answer to a review. Plain Java (no Camel), one lock for
 * every step that touches the registry, so the ERP and Sage cycles never decide about one customer at once.
 * Design: docs/customer-sync.md.
 */
public final class CustomerSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CustomerSync.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");
    static final String ACTOR = "customers-sync";

    /** Settings of the engine (connectors/sync.yaml). */
    public record Settings(Duration overlap, boolean writesEnabled, int maxWriteAttempts, Duration retryDelay) {
        public Settings {
            Objects.requireNonNull(overlap);
            Objects.requireNonNull(retryDelay);
            if (maxWriteAttempts < 1) {
                throw new IllegalArgumentException("maxWriteAttempts must be at least 1");
            }
        }
    }

    /** One cycle of one source, passed from step to step. */
    public static final class Batch {
        private final SyncSystem system;
        private final LocalDateTime since;
        private final LocalDateTime databaseNow;
        private final List<SourceRecord> rows;
        private final Instant started;
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private int failed;
        private int sent;

        Batch(SyncSystem system, LocalDateTime since, LocalDateTime databaseNow, List<SourceRecord> rows, Instant started) {
            this.system = system;
            this.since = since;
            this.databaseNow = databaseNow;
            this.rows = rows;
            this.started = started;
        }

        public SyncSystem getSystem() {
            return system;
        }

        public List<SourceRecord> getRows() {
            return rows;
        }

        public LocalDateTime getSince() {
            return since;
        }

        public int getFailed() {
            return failed;
        }

        public int getSent() {
            return sent;
        }

        public int count(String outcome) {
            return counts.getOrDefault(outcome, 0);
        }

        void add(String outcome) {
            counts.merge(outcome, 1, Integer::sum);
        }

        /** True when the cycle did something worth a log line and a sync_run row. */
        public boolean isActive() {
            return failed > 0 || sent > 0 || counts.entrySet().stream()
                    .anyMatch(e -> !e.getKey().equals("skipped") && e.getValue() > 0);
        }

        /** One line for the log. */
        public String getSummary() {
            return system + ": " + rows.size() + " row(s) read since " + since + " " + counts
                    + (failed > 0 ? ", " + failed + " failed (high-water mark kept)" : "") + ", " + sent + " write(s) sent";
        }
    }

    /** What an answer to a review did. */
    public record DecisionResult(long ticketId, ReviewDecision.Answer decision, String outcome) {
    }

    /** No review behind this ticket. */
    public static final class NoReviewException extends RuntimeException {
        public NoReviewException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final Map<SyncSystem, SourceReader> readers;
    private final SyncStore store;
    private final CustomerRegistry registry;
    private final TicketService tickets;
    private final SyncTexts texts;
    private final Map<SyncSystem, CustomerWriter> writers;
    private final AccountNumbers accountNumbers;
    private final AuditLog audit;
    private final ReviewDecisions decisions;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RowValidator validator = new RowValidator();
    private final Object lock = new Object();
    private volatile Runnable afterWrite = () -> { };

    public CustomerSync(Settings settings, Map<SyncSystem, SourceReader> readers, SyncStore store,
                        CustomerRegistry registry, TicketService tickets, SyncTexts texts,
                        Map<SyncSystem, CustomerWriter> writers, AccountNumbers accountNumbers, AuditLog audit,
                        ReviewDecisions decisions, TransactionTemplate tx, Clock clock) {
        this.settings = settings;
        this.readers = Map.copyOf(readers);
        this.store = store;
        this.registry = registry;
        this.tickets = tickets;
        this.texts = texts;
        this.writers = Map.copyOf(writers);
        this.accountNumbers = accountNumbers;
        this.audit = audit;
        this.decisions = decisions;
        this.tx = tx;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /** Tests: runs between a write's answer and its record in the store (to simulate a crash there). */
    void afterWrite(Runnable hook) {
        this.afterWrite = hook == null ? () -> { } : hook;
    }

    // ================================================================== poll

    public Batch poll(String system) {
        return poll(SyncSystem.valueOf(system));
    }

    /**
     * Reads the rows changed since the high-water mark minus the overlap, in the source database's time; the
     * database's clock read first becomes the next mark once the cycle commits.
     */
    public Batch poll(SyncSystem system) {
        SourceReader reader = readers.get(system);
        LocalDateTime since = store.highWaterMark(system).map(m -> m.minus(settings.overlap())).orElse(null);
        LocalDateTime now = reader.databaseNow();
        return new Batch(system, since, now, reader.changedSince(since), Instant.now(clock));
    }

    // ================================================================== process

    /** Processes every row of the batch, one hub-store transaction per row; a failing row never stops the others. */
    public Batch process(Batch batch) {
        synchronized (lock) {
            for (SourceRecord row : batch.rows) {
                try {
                    batch.add(tx.execute(status -> processRow(row)));
                } catch (RuntimeException e) {
                    batch.failed++;
                    registry.invalidate();
                    log.warn("customer sync: {} {} not processed, tried again next cycle: {}", row.system(), row.key(),
                            e.toString());
                }
            }
        }
        return batch;
    }

    private String processRow(SourceRecord row) {
        Optional<SyncStore.Seen> seen = store.seen(row.system(), row.key());
        if (seen.isPresent() && seen.get().hash().equals(row.hash())) {
            return "skipped";
        }
        List<String> problems = validator.validate(row);
        if (!problems.isEmpty()) {
            reject(row, problems);
            store.saveSeen(row);
            return "rejected";
        }
        Optional<Long> linked = store.linkedCustomer(row.system(), row.key());
        if (linked.isPresent()) {
            String outcome = seen.isPresent() ? propagate(linked.get(), row, seen.get()) : "echo";
            store.saveSeen(row);
            return outcome;
        }
        store.saveSeen(row);
        if (!store.pendingReviews(row.system(), row.key()).isEmpty()) {
            return "waiting";
        }
        return handleUnlinked(row);
    }

    private void reject(SourceRecord row, List<String> problems) {
        String reasons = String.join(", ", problems);
        store.recordRejected(row.system(), row.key(), row.hash(), reasons).ifPresent(id -> {
            Map<String, Object> model = new HashMap<>();
            model.put("system", row.system().label());
            model.put("key", row.key());
            model.put("name", row.get("name"));
            model.put("reasons", reasons);
            model.put("fields", texts.fieldLines(row.fields()));
            SyncTexts.Text t = texts.ticket("rejected", model);
            Ticket ticket = tickets.open(NewTicket.of(TicketCategory.SYNC_REJET, Urgency.NORMAL, TicketOrigin.REVIEW,
                    null, contact(row), t.subject(), t.body()), ACTOR);
            store.setRejectedTicket(id, ticket.id());
            log.info("customer sync: {} {} rejected ({}), ticket {}", row.system(), row.key(), reasons, ticket.reference());
        });
    }

    private static Contact contact(SourceRecord row) {
        String name = row.get("name").isBlank() ? row.system().label() + " " + row.key() : row.get("name");
        return new Contact(name, row.get("email").isBlank() ? null : row.get("email"),
                row.get("phone").isBlank() ? null : row.get("phone"));
    }

    /** A record not linked yet: our own ERP creation coming back, or the matching engine decides. */
    private String handleUnlinked(SourceRecord row) {
        for (SyncStore.Write w : store.openCreates(row.system())) {
            boolean ours = w.targetId() != null ? w.targetId().equals(row.key())
                    : w.status().equals("AWAITING") && sameRecord(w.fields(), row.fields());
            if (ours) {
                // the hub's own creation shows up (an ERP numbering its customer, or a write sent but never recorded)
                store.link(w.customerId(), row.system(), row.key(), "AUTO");
                store.finishWrite(w.id(), "DONE", row.key(), null, null);
                if (w.status().equals("PENDING")) {
                    auditLines(w, row.key(), Map.of(), w.fields());
                }
                return "echo";
            }
        }
        if (row.dormant()) {
            return "dormant";
        }
        MatchOutcome outcome = registry.match(row);
        Decision decision = outcome.decision();
        List<MatchOutcome.Candidate> usable = new ArrayList<>();
        for (MatchOutcome.Candidate c : outcome.candidates()) {
            long customerId = Long.parseLong(c.registryId());
            if (usable.stream().anyMatch(u -> u.registryId().equals(c.registryId()))) {
                continue;
            }
            Optional<ReviewDecision.Answer> answered = answered(row, customerId);
            if (answered.isPresent() && answered.get() == ReviewDecision.Answer.SAME) {
                store.link(customerId, row.system(), row.key(), "REVIEW");
                ensureOtherSide(customerId, row);
                return "linked";
            }
            if (answered.isEmpty()) {
                usable.add(c);
            }
        }
        if (usable.isEmpty()) {
            decision = Decision.NONE;
        } else if (decision == Decision.LINK && !usable.get(0).registryId().equals(outcome.best().get().registryId())) {
            decision = Decision.REVIEW;
        }
        if (decision == Decision.LINK) {
            long customerId = Long.parseLong(usable.get(0).registryId());
            boolean sameSystemAlready = !store.links(customerId, row.system()).isEmpty();
            if (!sameSystemAlready || usable.get(0).score() >= registry.matcher().config().duplicateLinkThreshold()) {
                store.link(customerId, row.system(), row.key(), "AUTO");
                ensureOtherSide(customerId, row);
                return "linked";
            }
            decision = Decision.REVIEW;
        }
        if (decision == Decision.REVIEW) {
            return openReview(row, usable.get(0)) ? "review" : "waiting";
        }
        long customerId = store.createCustomer(row.fields());
        store.link(customerId, row.system(), row.key(), "AUTO");
        registry.add(customerId, row.fields());
        queueCreate(customerId, row);
        return "created";
    }

    /** Claire's answer for this record and any record of that customer, if she gave one. */
    private Optional<ReviewDecision.Answer> answered(SourceRecord row, long customerId) {
        for (SyncStore.Link l : store.links(customerId)) {
            var d = decisions.find(row.system().name(), row.key(), l.system().name(), l.key());
            if (d.isPresent()) {
                return Optional.of(d.get().answer());
            }
        }
        return Optional.empty();
    }

    private void ensureOtherSide(long customerId, SourceRecord row) {
        SyncSystem other = row.system().other();
        if (store.links(customerId, other).isEmpty() && !store.hasOpenCreate(customerId, other)) {
            queueCreate(customerId, row);
        }
    }

    /**
     * A value as the other side is sent it: a SIRET without its spaces and dots (Sage's CT_Siret holds 15 characters,
     * "732 829 320 00074" is 17); everything else as typed (the writers shorten by rule).
     */
    static String toWrite(String field, String value) {
        if (field.equals("siret") && value != null && value.replaceAll("[\\s.]", "").matches("\\d{9}|\\d{14}")) {
            return value.replaceAll("[\\s.]", "");
        }
        return value;
    }

    private void queueCreate(long customerId, SourceRecord row) {
        Map<String, String> fields = new LinkedHashMap<>();
        row.fields().forEach((k, v) -> fields.put(k, toWrite(k, v)));
        if (fields.getOrDefault("country", "").isBlank()) {
            fields.put("country", "FR");
        }
        store.queueWrite("CREATE", customerId, row.system().other(), null, fields, row.system(), row.key(),
                "créé depuis " + row.system().label() + " " + row.key());
    }

    private boolean openReview(SourceRecord row, MatchOutcome.Candidate candidate) {
        long customerId = Long.parseLong(candidate.registryId());
        List<SyncStore.Link> links = store.links(customerId);
        SyncStore.Link shown = links.stream().filter(l -> l.system() == row.system().other()).findFirst()
                .orElse(links.isEmpty() ? null : links.get(0));
        if (shown == null) {
            return false;
        }
        Optional<Long> reviewId = store.createReview(row.system(), row.key(), customerId, shown.system(), shown.key(),
                candidate.score());
        if (reviewId.isEmpty()) {
            return false;
        }
        Map<String, String> other = store.seen(shown.system(), shown.key()).map(SyncStore.Seen::snapshot)
                .orElseGet(() -> store.customer(customerId));
        Map<String, Object> model = new HashMap<>();
        model.put("incomingName", row.get("name"));
        model.put("incomingSystem", row.system().label());
        model.put("incomingKey", row.key());
        model.put("otherName", other.getOrDefault("name", ""));
        model.put("otherSystem", shown.system().label());
        model.put("otherKey", shown.key());
        model.put("fields", texts.sideBySide(row.fields(), other));
        model.put("explanation", candidate.explanation().text());
        SyncTexts.Text t = texts.ticket("review", model);
        Ticket ticket = tickets.open(NewTicket.of(TicketCategory.CLIENT_DOUBLON, Urgency.NORMAL, TicketOrigin.REVIEW,
                customerId, null, t.subject(), t.body()).withClassification(candidate.score(),
                candidate.explanation().text()), ACTOR);
        store.setReviewTicket(reviewId.get(), ticket.id());
        log.info("customer sync: {} {} may be customer {} ({} {}), review ticket {}", row.system(), row.key(),
                customerId, shown.system(), shown.key(), ticket.reference());
        return true;
    }

    /** A linked record changed: propagate its shared fields, or report a conflict. */
    private String propagate(long customerId, SourceRecord row, SyncStore.Seen seen) {
        SyncSystem other = row.system().other();
        CustomerMapping here = readers.get(row.system()).mapping();
        CustomerMapping there = readers.get(other).mapping();
        List<String> changed = new ArrayList<>();
        for (String f : row.fields().keySet()) {
            if (!Objects.equals(seen.snapshot().getOrDefault(f, ""), row.get(f)) && here.shared(f) && there.shared(f)) {
                changed.add(f);
            }
        }
        if (changed.isEmpty()) {
            return "echo";
        }
        String outcome = "local";
        for (SyncStore.Link link : store.links(customerId, other)) {
            Optional<SourceRecord> current = readers.get(other).read(link.key());
            if (current.isEmpty()) {
                continue;
            }
            Map<String, String> otherSnapshot = store.seen(other, link.key()).map(SyncStore.Seen::snapshot).orElse(null);
            Map<String, String> updates = new LinkedHashMap<>();
            for (String f : changed) {
                String wanted = row.get(f);
                String now = current.get().get(f);
                if (store.openConflict(customerId, f)) {
                    if (same(f, now, wanted)) {
                        store.resolveConflicts(customerId, f);
                    }
                    continue;
                }
                if (same(f, now, wanted)) {
                    continue;
                }
                boolean changedThere = otherSnapshot != null && !Objects.equals(otherSnapshot.getOrDefault(f, ""), now);
                if (changedThere) {
                    conflict(customerId, f, row, current.get());
                    outcome = "conflict";
                } else {
                    updates.put(f, toWrite(f, wanted));
                }
            }
            if (!updates.isEmpty()) {
                store.queueWrite("UPDATE", customerId, other, link.key(), updates, row.system(), row.key(),
                        "propagé depuis " + row.system().label() + " " + row.key());
                if (!outcome.equals("conflict")) {
                    outcome = "updated";
                }
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(store.customer(customerId));
        changed.forEach(f -> merged.put(f, row.get(f)));
        store.updateCustomer(customerId, merged);
        return outcome;
    }

    private void conflict(long customerId, String field, SourceRecord row, SourceRecord current) {
        SourceRecord erp = row.system() == SyncSystem.ERP ? row : current;
        SourceRecord sage = row.system() == SyncSystem.SAGE ? row : current;
        store.recordConflict(customerId, field, erp.key(), erp.get(field), erp.modifiedAt(), sage.key(),
                sage.get(field), sage.modifiedAt()).ifPresent(id -> {
            Map<String, Object> model = new HashMap<>();
            model.put("fieldLabel", texts.label(field));
            model.put("customerName", store.customer(customerId).getOrDefault("name", ""));
            model.put("erpKey", erp.key());
            model.put("erpValue", erp.get(field));
            model.put("erpChangedAt", erp.modifiedAt() == null ? "?" : WHEN.format(erp.modifiedAt()));
            model.put("sageKey", sage.key());
            model.put("sageValue", sage.get(field));
            model.put("sageChangedAt", sage.modifiedAt() == null ? "?" : WHEN.format(sage.modifiedAt()));
            SyncTexts.Text t = texts.ticket("conflict", model);
            Ticket ticket = tickets.open(NewTicket.of(TicketCategory.SYNC_CONFLIT, Urgency.NORMAL, TicketOrigin.REVIEW,
                    customerId, null, t.subject(), t.body()), ACTOR);
            store.setConflictTicket(id, ticket.id());
            log.info("customer sync: conflict on {} of customer {} (ERP {} / Sage {}), ticket {}", field, customerId,
                    erp.key(), sage.key(), ticket.reference());
        });
    }

    /**
     * Two values the same for a person, with the matching engine's normalisers: phones by their E.164 form, addresses
     * by number, street type and street ("12, av. du Lac" = "12 avenue du Lac"), towns without accents, CEDEX or
     * "St", postcodes and SIRETs by their digits, emails without case; other text without case, accents or punctuation.
     */
    static boolean same(String field, String a, String b) {
        a = a == null ? "" : a;
        b = b == null ? "" : b;
        switch (field) {
            case "phone", "mobile" -> {
                String ea = PhoneNormalizer.toE164(a);
                String eb = PhoneNormalizer.toE164(b);
                if (ea != null && eb != null) {
                    return ea.equals(eb);
                }
            }
            case "address1", "address2" -> {
                CustomerAddress x = AddressNormalizer.normalize(a, "", "");
                CustomerAddress y = AddressNormalizer.normalize(b, "", "");
                if (x.hasStreet() && y.hasStreet()) {
                    return x.number().equals(y.number()) && x.streetType().equals(y.streetType()) && x.street().equals(y.street());
                }
            }
            case "city" -> {
                return AddressNormalizer.normalize("", "", a).city().equals(AddressNormalizer.normalize("", "", b).city());
            }
            case "postcode", "siret" -> {
                return a.replaceAll("\\D", "").equals(b.replaceAll("\\D", ""));
            }
            case "email" -> {
                return CustomerNormalizer.normalizeEmail(a).equals(CustomerNormalizer.normalizeEmail(b));
            }
            default -> {
            }
        }
        return RowValidator.fold(a).replaceAll("[^\\p{Alnum}]", "").equals(RowValidator.fold(b).replaceAll("[^\\p{Alnum}]", ""));
    }

    private static boolean sameRecord(Map<String, String> written, Map<String, String> row) {
        return same("name", written.getOrDefault("name", ""), row.getOrDefault("name", ""))
                && same("postcode", written.getOrDefault("postcode", ""), row.getOrDefault("postcode", ""));
    }

    // ================================================================== writes

    /**
     * Sends the pending writes (both targets), unless writes are disabled (dry-run period) or one side has not been
     * read completely once yet.
     */
    public Batch flushWrites(Batch batch) {
        if (!settings.writesEnabled()) {
            return batch;
        }
        synchronized (lock) {
            if (store.highWaterMark(SyncSystem.ERP).isEmpty() || store.highWaterMark(SyncSystem.SAGE).isEmpty()) {
                // not before both sides were read once: a record typed on both sides must be linked, not created twice
                return batch;
            }
            Instant now = Instant.now(clock);
            // one task per customer (its writes in order), customers in parallel: each write is one HTTP call,
            // one file or one insert, and most of its time is the other side's answer
            Map<Long, List<SyncStore.Write>> byCustomer = new LinkedHashMap<>();
            for (SyncSystem target : SyncSystem.values()) {
                for (SyncStore.Write w : store.pendingWrites(target)) {
                    if (w.attempts() > 0 && w.updatedAt() != null && w.updatedAt().plus(backoff(w.attempts())).isAfter(now)) {
                        continue;
                    }
                    byCustomer.computeIfAbsent(w.customerId(), k -> new ArrayList<>()).add(w);
                }
            }
            List<java.util.concurrent.Callable<int[]>> tasks = new ArrayList<>();
            for (List<SyncStore.Write> writes : byCustomer.values()) {
                tasks.add(() -> {
                    int sent = 0;
                    for (SyncStore.Write w : writes) {
                        try {
                            if (send(w)) {
                                sent++;
                            }
                        } catch (RuntimeException e) {
                            log.warn("customer sync: write {} not recorded, tried again next cycle: {}", w.correlationId(),
                                    e.toString());
                            return new int[] {sent, 1};
                        }
                    }
                    return new int[] {sent, 0};
                });
            }
            try {
                for (var result : senders().invokeAll(tasks)) {
                    int[] r = result.get();
                    batch.sent += r[0];
                    batch.failed += r[1];
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.failed++;
            } catch (java.util.concurrent.ExecutionException e) {
                batch.failed++;
                log.warn("customer sync: a write task failed: {}", e.getCause().toString());
            }
            if (batch.failed > 0) {
                registry.invalidate();
            }
        }
        return batch;
    }

    /** Writes sent at once (different customers). */
    static final int PARALLEL_WRITES = 4;
    private java.util.concurrent.ExecutorService senders;

    private synchronized java.util.concurrent.ExecutorService senders() {
        if (senders == null) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            senders = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_WRITES, r -> {
                Thread t = new Thread(r, "customer-sync-writer-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return senders;
    }

    /**
     * Lets the writes being sent finish (at most 30 s) when the hub stops; Spring calls it for the bean. A write
     * cut anyway stays PENDING in sync_write and is sent again at the next cycle with the same idempotency key.
     */
    @Override
    public synchronized void close() {
        if (senders != null) {
            senders.shutdown();
            try {
                senders.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Duration backoff(int attempts) {
        long factor = 1L << Math.min(10, Math.max(0, attempts - 1));
        Duration d = settings.retryDelay().multipliedBy(factor);
        return d.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : d;
    }

    private boolean send(SyncStore.Write w) {
        CustomerWriter writer = writers.get(w.target());
        CustomerWrite.Kind kind = CustomerWrite.Kind.valueOf(w.kind());
        String targetId = w.targetId();
        if (kind == CustomerWrite.Kind.CREATE && !store.links(w.customerId(), w.target()).isEmpty()) {
            store.finishWrite(w.id(), "CANCELLED", null, "already linked on " + w.target(), null);
            return false;
        }
        if (kind == CustomerWrite.Kind.CREATE && store.hasPendingReview(w.customerId())) {
            return false; // Claire may answer that the other side already has this customer: wait for her
        }
        store.countAttempt(w.id());
        if (kind == CustomerWrite.Kind.CREATE && w.target() == SyncSystem.SAGE && targetId == null) {
            try {
                targetId = accountNumbers.allocate(w.fields().getOrDefault("name", ""), w.correlationId());
                store.setWriteTarget(w.id(), targetId);
            } catch (AccountNumbers.UnavailableException e) {
                unavailable(w, e.getMessage());
                return false;
            }
        }
        Map<String, String> fields = w.fields();
        if (kind == CustomerWrite.Kind.UPDATE) {
            fields = stillWanted(w);
            if (fields.isEmpty()) {
                return false;
            }
        }
        WriteOutcome out = writer.write(new CustomerWrite(kind, targetId, fields, w.correlationId()));
        afterWrite.run();
        String target = targetId;
        Map<String, String> sent = fields;
        tx.executeWithoutResult(status -> record(w, target, out, sent));
        return out.status() == WriteOutcome.Status.ACCEPTED || out.status() == WriteOutcome.Status.QUEUED;
    }

    /**
     * The fields of an update that may still be written: a field the target changed itself since the update was
     * decided (its value differs from its snapshot and from the wanted one) becomes a conflict, never overwritten.
     * When nothing is left the write is cancelled.
     */
    private Map<String, String> stillWanted(SyncStore.Write w) {
        Optional<SourceRecord> current = readers.get(w.target()).read(w.targetId());
        Optional<SyncStore.Seen> targetSeen = store.seen(w.target(), w.targetId());
        Optional<SyncStore.Seen> sourceSeen = w.sourceSystem() == null ? Optional.empty()
                : store.seen(w.sourceSystem(), w.sourceKey());
        if (current.isEmpty() || targetSeen.isEmpty() || sourceSeen.isEmpty()) {
            return w.fields();
        }
        Map<String, String> keep = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (var e : w.fields().entrySet()) {
            String now = current.get().get(e.getKey());
            String before = targetSeen.get().snapshot().getOrDefault(e.getKey(), "");
            if (!Objects.equals(now, before) && !same(e.getKey(), now, e.getValue())) {
                conflicts.add(e.getKey());
            } else {
                keep.put(e.getKey(), e.getValue());
            }
        }
        if (!conflicts.isEmpty()) {
            SyncStore.Seen src = sourceSeen.get();
            SourceRecord source = new SourceRecord(src.system(), src.key(), src.snapshot(), src.modifiedAt(), src.marker(),
                    src.dormant());
            tx.executeWithoutResult(status -> {
                conflicts.forEach(f -> conflict(w.customerId(), f, source, current.get()));
                if (keep.isEmpty()) {
                    store.finishWrite(w.id(), "CANCELLED", null, "changed meanwhile on " + w.target() + ": " + conflicts, null);
                }
            });
        }
        return keep;
    }

    private void record(SyncStore.Write w, String targetId, WriteOutcome out, Map<String, String> sent) {
        switch (out.status()) {
            case ACCEPTED, QUEUED -> {
                String id = out.targetId() != null && !out.targetId().isBlank() ? out.targetId() : targetId;
                Map<String, String> written = out.writtenValues().isEmpty() ? sent : out.writtenValues();
                boolean create = w.kind().equals("CREATE");
                if (id == null) {
                    store.finishWrite(w.id(), "AWAITING", null, null, null);
                    auditLines(w, "nouveau (" + w.correlationId() + ")", Map.of(), written);
                    return;
                }
                store.finishWrite(w.id(), "DONE", id, null, null);
                if (create) {
                    store.link(w.customerId(), w.target(), id, "AUTO");
                }
                Optional<SyncStore.Seen> prev = store.seen(w.target(), id);
                Map<String, String> before = prev.map(SyncStore.Seen::snapshot).orElse(Map.of());
                Map<String, String> snapshot = new LinkedHashMap<>(before);
                // what the target holds now is what was written: its next poll is recognised as the hub's echo
                written.forEach(snapshot::put);
                store.saveSeen(w.target(), id, SourceRecord.hash(snapshot, false), prev.map(SyncStore.Seen::marker).orElse(null),
                        prev.map(SyncStore.Seen::modifiedAt).orElse(null), snapshot,
                        prev.map(SyncStore.Seen::dormant).orElse(false));
                auditLines(w, id, create ? Map.of() : before, written);
            }
            case REFUSED -> {
                Ticket t = writeTicket("refused", w, targetId, out.reason());
                store.finishWrite(w.id(), "REFUSED", targetId, out.reason(), t.id());
                log.warn("customer sync: {} refused {} {}: {} (ticket {})", w.target(), w.kind(), w.correlationId(),
                        out.reason(), t.reference());
            }
            case UNAVAILABLE -> unavailable(w, out.reason());
        }
    }

    private void unavailable(SyncStore.Write w, String reason) {
        if (w.attempts() + 1 >= settings.maxWriteAttempts()) {
            tx.executeWithoutResult(status -> {
                Ticket t = writeTicket("failed", w, w.targetId(), reason);
                store.finishWrite(w.id(), "FAILED", null, reason, t.id());
                log.warn("customer sync: {} unreachable for {} after {} attempts (ticket {}): {}", w.target(),
                        w.correlationId(), w.attempts() + 1, t.reference(), reason);
            });
        } else {
            store.finishWrite(w.id(), "PENDING", null, reason, null);
            log.info("customer sync: {} unreachable for {} (attempt {} of {}), tried again later: {}", w.target(),
                    w.correlationId(), w.attempts() + 1, settings.maxWriteAttempts(), reason);
        }
    }

    private Ticket writeTicket(String template, SyncStore.Write w, String targetId, String reason) {
        Map<String, Object> model = new HashMap<>();
        model.put("target", w.target().label());
        model.put("customerName", w.fields().getOrDefault("name", store.customer(w.customerId()).getOrDefault("name", "")));
        model.put("operation", w.kind().equals("CREATE") ? "la création" : "la mise à jour");
        model.put("targetId", targetId == null ? "(nouvelle)" : targetId);
        model.put("source", w.sourceSystem() == null ? "Relais" : w.sourceSystem().label() + " " + w.sourceKey());
        model.put("reason", reason == null ? "" : reason);
        model.put("attempts", w.attempts() + 1);
        model.put("fields", texts.fieldLines(w.fields()));
        SyncTexts.Text t = texts.ticket(template, model);
        return tickets.open(NewTicket.of(TicketCategory.SYNC_REJET, Urgency.NORMAL, TicketOrigin.REVIEW, w.customerId(),
                null, t.subject(), t.body()), ACTOR);
    }

    private void auditLines(SyncStore.Write w, String recordId, Map<String, String> before, Map<String, String> written) {
        List<AuditWrite> lines = new ArrayList<>();
        for (var e : written.entrySet()) {
            String b = before.get(e.getKey());
            if (w.kind().equals("UPDATE") && Objects.equals(b, e.getValue())) {
                continue;
            }
            lines.add(new AuditWrite(w.target().name(), "customer", recordId, e.getKey(), b, e.getValue(), w.reason(),
                    w.correlationId()));
        }
        audit.recordAll(lines);
    }

    // ================================================================== commit

    /** Moves the high-water mark when every row of the cycle was processed; records the cycle when it did something. */
    public Batch commit(Batch batch) {
        if (batch.failed == 0) {
            store.setHighWaterMark(batch.system, batch.databaseNow);
        }
        if (batch.isActive()) {
            store.recordRun(batch.system, batch.started, batch.rows.size(), batch.rows.size() - batch.failed,
                    batch.failed, batch.sent, batch.getSummary());
        }
        return batch;
    }

    /** One whole cycle of one source (tests, benchmark): poll, process, flush, commit. */
    public Batch cycle(SyncSystem system) {
        return commit(flushWrites(process(poll(system))));
    }

    // ================================================================== keys

    /** Compares each system's keys with the records seen: deleted records and dormant accounts are reported, nothing deleted. */
    public Map<String, Integer> checkKeys() {
        Map<String, Integer> report = new LinkedHashMap<>();
        for (SyncSystem system : SyncSystem.values()) {
            Map<String, Boolean> keys = readers.get(system).keys();
            int missing = 0;
            int dormant = 0;
            synchronized (lock) {
                for (var seen : store.seenKeys(system).values()) {
                    Boolean nowDormant = keys.get(seen.key());
                    if (nowDormant == null) {
                        if (seen.missingSince() == null) {
                            store.markMissing(system, seen.key());
                            missing++;
                            log.warn("customer sync: {} {} is no longer in {} (deleted or no longer a customer);"
                                    + " nothing is deleted elsewhere, its link is kept", system, seen.key(), system.label());
                        }
                    } else if (nowDormant != seen.dormant()) {
                        store.markDormant(system, seen.key(), nowDormant);
                        if (nowDormant) {
                            dormant++;
                            log.info("customer sync: {} {} became dormant (CT_Sommeil); nothing is changed elsewhere",
                                    system, seen.key());
                        }
                    }
                }
            }
            report.put(system + "-missing", missing);
            report.put(system + "-dormant", dormant);
        }
        synchronized (lock) {
            // the in-memory registry is not updated by propagations (an index entry cannot be replaced): reload it
            registry.invalidate();
        }
        return report;
    }

    // ================================================================== reviews

    /** Claire's answer to a "same customer?" ticket: stored (never asked again) and applied. */
    public DecisionResult decide(long ticketId, ReviewDecision.Answer answer, String user) {
        synchronized (lock) {
            try {
                return tx.execute(status -> {
                    SyncStore.Review r = store.reviewByTicket(ticketId)
                            .orElseThrow(() -> new NoReviewException("ticket " + ticketId + " is not a duplicate review"));
                    ReviewDecision stored = decisions.record(r.system().name(), r.key(), r.otherSystem().name(),
                            r.otherKey(), answer, user, ticketId);
                    if (!r.status().equals("PENDING")) {
                        return new DecisionResult(ticketId, stored.answer(), "already-decided");
                    }
                    store.decideReview(r.id(), stored.answer().name());
                    Ticket t = tickets.findById(ticketId).orElseThrow();
                    if (t.status() != TicketStatus.RESOLVED && t.status() != TicketStatus.CLOSED) {
                        tickets.changeStatus(ticketId, TicketStatus.RESOLVED, user);
                    }
                    SyncStore.Seen seen = store.seen(r.system(), r.key()).orElseThrow();
                    SourceRecord record = new SourceRecord(r.system(), r.key(), seen.snapshot(), seen.modifiedAt(),
                            seen.marker(), seen.dormant());
                    if (stored.answer() == ReviewDecision.Answer.SAME) {
                        store.link(r.customerId(), r.system(), r.key(), "REVIEW");
                        ensureOtherSide(r.customerId(), record);
                        return new DecisionResult(ticketId, stored.answer(), "linked");
                    }
                    if (store.linkedCustomer(r.system(), r.key()).isPresent() || !store.pendingReviews(r.system(), r.key()).isEmpty()) {
                        return new DecisionResult(ticketId, stored.answer(), "waiting");
                    }
                    return new DecisionResult(ticketId, stored.answer(), handleUnlinked(record));
                });
            } catch (RuntimeException e) {
                registry.invalidate();
                throw e;
            }
        }
    }
}
