package fr.relais.ticket.web;

import java.util.List;

import fr.relais.ticket.FieldError;
import fr.relais.ticket.InvalidTicketException;
import fr.relais.ticket.TicketNotFoundException;
import fr.relais.ticket.TransitionNotAllowedException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Error answers of the ticket API, all with an {@link ApiError} body: 400 for invalid input (every bad field
 * listed with its reason), 404 for an unknown ticket, 409 for a forbidden status move or a concurrent change.
 */
@RestControllerAdvice(assignableTypes = TicketController.class)
public class TicketApiErrors {

    @ExceptionHandler(InvalidTicketException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ApiError invalid(InvalidTicketException e) {
        return ApiError.invalid(e.fields());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ApiError unreadable(HttpMessageNotReadableException e) {
        return ApiError.invalid(List.of(new FieldError("body", "must be a well-formed JSON object")));
    }

    @ExceptionHandler(TicketNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ApiError notFound(TicketNotFoundException e) {
        return new ApiError("not found", e.getMessage(), null);
    }

    @ExceptionHandler(TransitionNotAllowedException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ApiError transition(TransitionNotAllowedException e) {
        return new ApiError("transition not allowed", e.getMessage(),
                List.of(new FieldError("status", e.getMessage())));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ApiError concurrentChange(OptimisticLockingFailureException e) {
        return new ApiError("concurrent change", "the ticket was changed meanwhile; read it again and retry", null);
    }
}
