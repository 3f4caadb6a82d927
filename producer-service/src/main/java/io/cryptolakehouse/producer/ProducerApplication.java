package io.cryptolakehouse.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Polls CoinGecko (or an offline source) and publishes every response to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProducerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ProducerApplication.class, args);
  }
}
