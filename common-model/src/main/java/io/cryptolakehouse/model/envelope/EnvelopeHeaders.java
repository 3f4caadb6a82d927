package io.cryptolakehouse.model.envelope;

/**
 * Kafka header names set on every envelope record, so tools (Kafka UI, consumers) can filter
 * without parsing the value.
 */
public final class EnvelopeHeaders {

  public static final String ENVELOPE_VERSION = "envelope-version";
  public static final String SOURCE = "source";
  public static final String ENDPOINT = "endpoint";
  public static final String HTTP_STATUS = "http-status";
  public static final String CONTENT_TYPE = "content-type";

  private EnvelopeHeaders() {}
}
