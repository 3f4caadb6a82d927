package io.cryptolakehouse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: {@code @ExtendWith(EmbeddedLakehouseExtension.class)} and take an {@link
 * EmbeddedLakehouse} parameter. One stack serves every test class of the JVM (the metastore cannot
 * be restarted in-process anyway); it is stopped when the test run ends.
 */
public final class EmbeddedLakehouseExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedLakehouseExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedLakehouse.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(EmbeddedLakehouse.class, key -> startInTempDir(), EmbeddedLakehouse.class);
  }

  private static EmbeddedLakehouse startInTempDir() {
    try {
      return EmbeddedLakehouse.start(
          Files.createTempDirectory("embedded-lakehouse"), EmbeddedLakehouse.Ports.any());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
