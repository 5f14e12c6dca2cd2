package dev.railway.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link RailwayTest}: resolves {@link Railway} parameters, one per test, and
 * closes it (engines, store, temporary files) after the test.
 */
final class RailwayExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RailwayExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Railway.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "railway", key -> Railway.open(kind(context), context.getDisplayName()), Railway.class);
  }

  private static RailwayTest.StoreKind kind(ExtensionContext context) {
    return context
        .getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, RailwayTest.class))
        .map(RailwayTest::store)
        .orElse(RailwayTest.StoreKind.MEMORY);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Railway railway = context.getStore(NAMESPACE).remove("railway", Railway.class);
    if (railway != null) {
      railway.close();
    }
  }
}
