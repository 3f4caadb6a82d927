package io.cryptolakehouse.dashboard.live;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** {@code GET /api/stream}: Server-Sent Events {@code alert} and {@code price}. */
@RestController
class StreamController {

  private final LiveFeed feed;

  StreamController(LiveFeed feed) {
    this.feed = feed;
  }

  @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<Object>> stream() {
    return feed.events();
  }
}
