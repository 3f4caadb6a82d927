package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.lakehouse.LakehouseUnavailable;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Errors as JSON with a message a user can act on; never a stack trace. */
@RestControllerAdvice
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<Map<String, String>> badRequest(BadRequest e) {
    return body(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<Map<String, String>> badInput(ServerWebInputException e) {
    return body(HttpStatus.BAD_REQUEST, e.getReason() == null ? "bad request" : e.getReason());
  }

  /** The framework's own answers (404 for an unknown path, 405, ...) keep their status. */
  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, String>> framework(ResponseStatusException e) {
    HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
    return body(
        status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status,
        e.getReason() == null ? e.getStatusCode().toString() : e.getReason());
  }

  /** The lakehouse could not answer (metastore or S3 down): say so, log the cause once. */
  @ExceptionHandler(LakehouseUnavailable.class)
  ResponseEntity<Map<String, String>> unavailable(LakehouseUnavailable e) {
    log.warn("A lakehouse read failed: {}", e.getMessage());
    return body(
        HttpStatus.SERVICE_UNAVAILABLE,
        "the lakehouse could not be read ("
            + e.getCause().getClass().getSimpleName()
            + "); retry shortly");
  }

  /** A read still running after the API's time limit (a metastore that accepts but hangs). */
  @ExceptionHandler(TimeoutException.class)
  ResponseEntity<Map<String, String>> tooSlow(TimeoutException e) {
    log.warn("A lakehouse read timed out: {}", e.getMessage());
    return body(
        HttpStatus.SERVICE_UNAVAILABLE, "the lakehouse did not answer in time; retry shortly");
  }

  /** Anything else is our bug: logged whole, answered without its details. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, String>> bug(RuntimeException e) {
    log.error("Request failed", e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the service log");
  }

  private static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
    return ResponseEntity.status(status)
        .body(Map.of("status", Integer.toString(status.value()), "error", message));
  }
}
