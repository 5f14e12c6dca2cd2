package dev.railway.store;

/**
 * One event to append at the current end of an instance's stream, as {@link
 * Store#appendLatest(String, String, String, String)} takes it; a batch of them goes to {@link
 * Store#appendAll(java.util.List)}.
 */
public record StreamAppend(String instanceId, String kind, String taskId, String detail) {}
