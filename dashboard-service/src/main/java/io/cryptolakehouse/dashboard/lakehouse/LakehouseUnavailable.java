package io.cryptolakehouse.dashboard.lakehouse;

/** A table could not be read: the metastore or S3 failed or did not answer. */
public final class LakehouseUnavailable extends RuntimeException {

  LakehouseUnavailable(String table, RuntimeException cause) {
    super("cannot read " + table + ": " + cause, cause);
  }
}
