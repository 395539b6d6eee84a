package fr.relais.ticket.web;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.ticket.Contact;
import fr.relais.ticket.FieldError;
import fr.relais.ticket.InvalidTicketException;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketChanges;
import fr.relais.ticket.TicketFilter;
import fr.relais.ticket.TicketNotFoundException;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.TicketStatus;
import fr.relais.ticket.Urgency;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ticket API: list and search, read one ticket with its messages and history, create a ticket by hand,
 * change its status, category, urgency, assignee or due date. The actor of every change is the
 * authenticated user. Errors: see {@link TicketApiErrors}. Documented in docs/ticket-store.md.
 */
@RestController
@RequestMapping("/api/tickets")
public class TicketController {

    static final int DEFAULT_PAGE_SIZE = 20;

    private static final Set<String> CREATE_FIELDS = Set.of("subject", "category", "urgency", "origin",
            "customerId", "contact", "description", "assignee", "dueDate");
    private static final Set<String> CONTACT_FIELDS = Set.of("name", "email", "phone");
    private static final Set<String> PATCH_FIELDS = Set.of("status", "category", "urgency", "assignee", "dueDate",
            "customerId");

    private final TicketService tickets;

    public TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    /**
     * {@code GET /api/tickets?status=OPEN&category=SAV&urgency=URGENT&origin=MAIL&customerId=12&page=0&size=20},
     * also {@code assignee} and {@code contactEmail}. Each enum filter may be repeated or comma-separated
     * (status=NEW,OPEN); newest tickets first.
     */
    @GetMapping
    public TicketJson.Page list(@RequestParam MultiValueMap<String, String> params) {
        var errors = new ArrayList<FieldError>();
        Set<TicketStatus> statuses = enums(params, "status", TicketStatus.class, errors);
        Set<TicketCategory> categories = enums(params, "category", TicketCategory.class, errors);
        Set<Urgency> urgencies = enums(params, "urgency", Urgency.class, errors);
        Set<TicketOrigin> origins = enums(params, "origin", TicketOrigin.class, errors);
        Long customerId = number(params, params.containsKey("customer") ? "customer" : "customerId", null, errors);
        Long page = number(params, "page", 0L, errors);
        Long size = number(params, "size", (long) DEFAULT_PAGE_SIZE, errors);
        if (page != null && (page < 0 || page > 1_000_000)) {
            errors.add(new FieldError("page", "must be between 0 and 1000000"));
        }
        if (size != null && (size < 1 || size > TicketService.MAX_PAGE_SIZE)) {
            errors.add(new FieldError("size", "must be between 1 and " + TicketService.MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidTicketException(errors);
        }
        String assignee = params.getFirst("assignee");
        String contactEmail = params.getFirst("contactEmail");
        var filter = new TicketFilter(statuses, categories, urgencies, origins, customerId,
                assignee == null || assignee.isBlank() ? null : assignee.strip(),
                contactEmail == null || contactEmail.isBlank() ? null : contactEmail.strip(), null);
        return TicketJson.Page.of(tickets.search(filter, page.intValue(), size.intValue()));
    }

    /** {@code GET /api/tickets/42} or {@code GET /api/tickets/REL-2026-000123}. */
    @GetMapping("/{idOrReference}")
    public TicketJson.Details get(@PathVariable String idOrReference) {
        Ticket ticket = tickets.find(idOrReference).orElseThrow(() -> new TicketNotFoundException(idOrReference));
        return details(ticket.id());
    }

    /** A ticket created by hand (a phone call, a visit): 201 with its Location. */
    @PostMapping
    public ResponseEntity<TicketJson.Details> create(@RequestBody JsonNode body, Principal principal) {
        RequestReader in = RequestReader.of(body);
        in.rejectUnknownFields(CREATE_FIELDS);
        String subject = in.text("subject", true, 1000);
        TicketCategory category = in.enumValue("category", TicketCategory.class, true);
        Urgency urgency = in.enumValue("urgency", Urgency.class, true);
        TicketOrigin origin = in.enumValue("origin", TicketOrigin.class, false);
        Long customerId = in.id("customerId");
        Contact contact = Contact.NONE;
        RequestReader contactIn = in.object("contact");
        if (contactIn != null) {
            contactIn.rejectUnknownFields(CONTACT_FIELDS);
            contact = new Contact(contactIn.text("name", false, 255), contactIn.text("email", false, 320),
                    contactIn.text("phone", false, 32));
        }
        String description = in.text("description", false, 100_000);
        String assignee = in.text("assignee", false, 128);
        var dueDate = in.date("dueDate");
        if (in.errors().isEmpty() && customerId == null && contact.isEmpty()) {
            in.fail("customerId", "a customerId or a contact (name, email or phone) is required");
        }
        if (!in.errors().isEmpty()) {
            throw new InvalidTicketException(in.errors());
        }
        var newTicket = NewTicket.of(category, urgency, origin == null ? TicketOrigin.PHONE : origin, customerId,
                contact, subject, description).withAssignment(assignee, dueDate);
        Ticket created = tickets.open(newTicket, actor(principal));
        return ResponseEntity.created(URI.create("/api/tickets/" + created.id())).body(details(created.id()));
    }

    /**
     * A partial change: any of status, category, urgency, assignee, dueDate (null clears assignee/dueDate),
     * customerId (links the ticket to a known customer).
     */
    @PatchMapping("/{idOrReference}")
    public TicketJson.Details update(@PathVariable String idOrReference, @RequestBody JsonNode body,
                                     Principal principal) {
        Ticket ticket = tickets.find(idOrReference).orElseThrow(() -> new TicketNotFoundException(idOrReference));
        RequestReader in = RequestReader.of(body);
        in.rejectUnknownFields(PATCH_FIELDS);
        TicketChanges changes = TicketChanges.none();
        for (String field : List.of("status", "category", "urgency", "customerId")) {
            if (in.isNull(field)) {
                in.fail(field, "must not be null");
            }
        }
        changes = changes.status(in.enumValue("status", TicketStatus.class, false))
                .category(in.enumValue("category", TicketCategory.class, false))
                .urgency(in.enumValue("urgency", Urgency.class, false))
                .customerId(in.id("customerId"));
        if (in.has("assignee")) {
            changes = changes.assignee(in.text("assignee", false, 128));
        }
        if (in.has("dueDate")) {
            changes = changes.dueDate(in.date("dueDate"));
        }
        if (in.errors().isEmpty() && changes.isEmpty()) {
            in.fail("body", "nothing to change (fields: status, category, urgency, assignee, dueDate, customerId)");
        }
        if (!in.errors().isEmpty()) {
            throw new InvalidTicketException(in.errors());
        }
        tickets.update(ticket.id(), changes, actor(principal));
        return details(ticket.id());
    }

    private TicketJson.Details details(long id) {
        return tickets.details(id).map(TicketJson.Details::of)
                .orElseThrow(() -> new TicketNotFoundException(String.valueOf(id)));
    }

    static String actor(Principal principal) {
        return principal == null || principal.getName() == null ? TicketService.SYSTEM_ACTOR : principal.getName();
    }

    private static <E extends Enum<E>> Set<E> enums(MultiValueMap<String, String> params, String name,
                                                    Class<E> type, List<FieldError> errors) {
        Set<E> values = EnumSet.noneOf(type);
        for (String raw : params.getOrDefault(name, List.of())) {
            for (String part : raw.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                E value = RequestReader.parseEnum(part, type);
                if (value == null) {
                    errors.add(new FieldError(name, RequestReader.mustBeOneOf(type)));
                } else {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static Long number(MultiValueMap<String, String> params, String name, Long fallback,
                               List<FieldError> errors) {
        String raw = params.getFirst(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be an integer"));
            return fallback;
        }
    }
}
