package io.cryptolakehouse.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
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
        .computeIfAbsent(TempLakehouse.class, key -> TempLakehouse.start(), TempLakehouse.class)
        .stack();
  }

  /** A stack in a temporary directory, deleted when the test run ends (JUnit closes it). */
  private record TempLakehouse(EmbeddedLakehouse stack) implements AutoCloseable {

    static TempLakehouse start() {
      try {
        return new TempLakehouse(
            EmbeddedLakehouse.start(
                Files.createTempDirectory("embedded-lakehouse"), EmbeddedLakehouse.Ports.any()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      stack.close();
      try (Stream<Path> files = Files.walk(stack.dataDir())) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
