package fr.relais.ticket.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.relais.ticket.FieldError;

/**
 * The body of every error answer of the ticket API:
 * {@code {"error":"invalid request","fields":[{"field":"urgency","reason":"must be one of URGENT, NORMAL"}]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String reason, List<FieldError> fields) {

    public static ApiError invalid(List<FieldError> fields) {
        return new ApiError("invalid request", null, fields);
    }
}
