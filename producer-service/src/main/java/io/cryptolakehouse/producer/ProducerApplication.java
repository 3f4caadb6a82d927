package io.cryptolakehouse.producer;

import io.cryptolakehouse.producer.backfill.BackfillRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Polls CoinGecko (or an offline source) and publishes every response to Kafka; with the {@code
 * backfill} profile, loads history instead and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProducerApplication {

  public static void main(String[] args) {
    ConfigurableApplicationContext context = SpringApplication.run(ProducerApplication.class, args);
    if (context.getBeanNamesForType(BackfillRunner.class).length > 0) {
      // A backfill is done once its runner returns: exit with its code.
      System.exit(SpringApplication.exit(context));
    }
  }
}
