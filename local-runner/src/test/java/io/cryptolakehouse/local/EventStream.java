package io.cryptolakehouse.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The dashboard's {@code /api/stream} held open: every line received so far (Server-Sent Events
 * arrive as {@code event:…} and {@code data:…} lines), until closed.
 */
final class EventStream implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> stream;

  EventStream(HttpClient http, String baseUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/stream"))
            .header("Accept", "text/event-stream")
            .build();
    stream =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenAccept(r -> r.body().forEach(lines::add));
  }

  /** The lines so far; grows while the stream is open. */
  List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    stream.cancel(true);
  }
}
