package dev.railway.store;

/**
 * How many decisions of a task went down one edge of the diagram: the task, the transition event
 * and its cause ({@code DECISION}, {@code FAULT}, {@code EXPIRY}, {@code POSSIBLE_FAILURE}).
 */
public record EdgeCount(String taskName, String eventType, String cause, long count) {}
