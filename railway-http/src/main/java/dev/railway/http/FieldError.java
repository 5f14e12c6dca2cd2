package dev.railway.http;

/**
 * One problem with one field of a command.
 *
 * @param field the field's path ({@code choice}, {@code lines[0].quantity}), or {@code $} for the
 *     whole body
 */
public record FieldError(String field, String problem) {}
