package io.cryptolakehouse.model;

import java.util.Objects;

/**
 * A table's namespace and name, independent of the Spark catalog it is registered in (the Compose
 * stack uses {@code spark_catalog}, the embedded runner a named catalog).
 */
public record TableId(String namespace, String name) {

  public TableId {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** {@code namespace.name}, as used in SQL against the session's current catalog. */
  @Override
  public String toString() {
    return namespace + "." + name;
  }

  /** {@code catalog.namespace.name}; an empty catalog yields the two-part name. */
  public String qualifiedIn(String catalog) {
    return catalog == null || catalog.isBlank() ? toString() : catalog + "." + this;
  }
}
