-- The trace a trigger arrived in (a W3C traceparent, serialized by the engine's tracing), stored
-- with its instance so that every task, on any worker and after any restart, continues that trace.
-- Null for instances started outside a trace, and for every instance when tracing is off.
ALTER TABLE instances ADD COLUMN trace_context TEXT;
