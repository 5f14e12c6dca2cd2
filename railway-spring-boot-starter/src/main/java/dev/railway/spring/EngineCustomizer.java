package dev.railway.spring;

import dev.railway.engine.Engine;

/**
 * Changes the engine's configuration before it is built, for what {@code railway.*} properties do
 * not cover (batch sizes, outcome retry, a tracer). Beans of this type are applied in order.
 */
@FunctionalInterface
public interface EngineCustomizer {
  void customize(Engine.Builder builder);
}
