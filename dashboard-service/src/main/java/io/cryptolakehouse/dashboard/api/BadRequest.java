package io.cryptolakehouse.dashboard.api;

/** A request parameter the API cannot use; its message names the parameter and what is allowed. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message);
  }
}
