package fr.relais.ticket.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.ticket.FieldError;

/**
 * Reads the fields of a JSON object one by one and collects, instead of throwing, the reason each bad
 * field is refused; so that one 400 answer lists every problem of a request.
 */
final class RequestReader {

    private final JsonNode body;
    private final String prefix;
    private final List<FieldError> errors;

    private RequestReader(JsonNode body, String prefix, List<FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** A reader of a request body; a body that is not a JSON object is an error of its own. */
    static RequestReader of(JsonNode body) {
        var errors = new ArrayList<FieldError>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object"));
        }
        return new RequestReader(body != null && body.isObject() ? body : null, "", errors);
    }

    List<FieldError> errors() {
        return errors;
    }

    boolean has(String field) {
        return body != null && body.has(field);
    }

    /** True when the field is present with an explicit null. */
    boolean isNull(String field) {
        return has(field) && body.get(field).isNull();
    }

    void rejectUnknownFields(Set<String> known) {
        if (body == null) {
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                fail(name, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A string field; blank counts as absent. */
    String text(String field, boolean required, int maxLength) {
        JsonNode node = value(field);
        if (node == null) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            fail(field, "must be a string");
            return null;
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            if (required) {
                fail(field, "must not be blank");
            }
            return null;
        }
        if (text.length() > maxLength) {
            fail(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** One of an enum's names, case-insensitive. */
    <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
        JsonNode node = value(field);
        if (node == null) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            fail(field, mustBeOneOf(type));
            return null;
        }
        E parsed = parseEnum(node.asText(), type);
        if (parsed == null) {
            fail(field, mustBeOneOf(type));
        }
        return parsed;
    }

    /** A positive integer id. */
    Long id(String field) {
        JsonNode node = value(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
            fail(field, "must be a positive integer");
            return null;
        }
        return node.asLong();
    }

    /** A calendar date, {@code YYYY-MM-DD}. */
    LocalDate date(String field) {
        JsonNode node = value(field);
        if (node == null) {
            return null;
        }
        LocalDate date = node.isTextual() ? parseDate(node.asText()) : null;
        if (date == null) {
            fail(field, "must be a date YYYY-MM-DD");
        }
        return date;
    }

    /** A nested object, read by a reader whose field names are prefixed ({@code contact.email}). */
    RequestReader object(String field) {
        JsonNode node = value(field);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            fail(field, "must be a JSON object");
            return null;
        }
        return new RequestReader(node, prefix + field + ".", errors);
    }

    void fail(String field, String reason) {
        errors.add(new FieldError(prefix + field, reason));
    }

    static <E extends Enum<E>> E parseEnum(String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String mustBeOneOf(Class<? extends Enum<?>> type) {
        return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private JsonNode value(String field) {
        if (body == null) {
            return null;
        }
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
