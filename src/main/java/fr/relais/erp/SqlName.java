package fr.relais.erp;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A table or column name taken from configuration: letters, digits and underscores, optionally
 * prefixed by a schema ({@code dbo.CLIENT}). Names go into SQL text, so nothing else is accepted.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@NotNull
@Pattern(regexp = SqlName.PATTERN)
@ReportAsSingleViolation
public @interface SqlName {

    /** One or two dot-separated identifiers of at most 128 characters each. */
    String PATTERN = "([A-Za-z_][A-Za-z0-9_]{0,127}\\.)?[A-Za-z_][A-Za-z0-9_]{0,127}";

    String message() default "must be a SQL name: letters, digits and underscores, optionally prefixed by a schema (e.g. dbo.CLIENT)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
