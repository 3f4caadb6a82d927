package io.cryptolakehouse.local;

/** The text of {@code ./run-local.sh --help}. */
final class Help {

  static final String TEXT =
      """
      ./run-local.sh [options]            run the whole pipeline locally (JDK 17 only)
      ./run-local.sh sql "SELECT ..."     Spark SQL against the local lakehouse
      ./run-local.sh query <name>         one of the business questions in queries/ (q1 .. q5)
      ./run-local.sh status               the status view once
      ./run-local.sh maintenance          compact, expire and clean every table once
      ./run-local.sh backfill [--days N] [--coins a,b] [--gaps]
                                          load history (CoinGecko market_chart/range) through
                                          every layer; --gaps fetches only the hours Silver lacks

      Pipeline options:
        --source coingecko|simulated|replay:FILE
                                 where prices come from (default coingecko; falls back to
                                 simulated, saying so, when CoinGecko cannot be reached)
        --coingecko-url URL      API base URL (default: COINGECKO_API_URL, else the plan's host)
        --interval SECONDS       poll interval (default 30 for CoinGecko, 5 otherwise)
        --duration SECONDS       stop cleanly after that long and exit 0
        --reset                  wipe the data dir first
        --refresh SECONDS        status view refresh (default 5)
        --kafka-port N --s3-port N --metastore-port N --producer-port N
        --dashboard-port N
                                 (defaults 9092, 9900, 9083, 8081, 8082; backfill too)
        --maintenance-interval SECONDS
                                 table maintenance while running (default 1800; 0 = off)
      Maintenance options (the pipeline's scheduled runs and the maintenance command):
        --snapshot-retention-hours H   time travel reach; older snapshots expire (default 72)
        --max-snapshots N              snapshots kept per table at most, however young
                                       (default 1000: tables committed every few seconds)
        --bronze-retention-days D      raw records kept in Bronze (default 30; 0 = forever)
      Backfill options (beside a running pipeline, or starting the layers itself):
        --days N                 how far back (default 7; public/Demo plans reach 365 days)
        --from DATE --to DATE    an explicit range instead (dates or instants, UTC; to
                                 defaults to the start of the current hour)
        --coins ID,ID            default: the polled coins (CRYPTO_IDS)
        --gaps                   repair: only coin-hours with no observation in the last N days
        --source coingecko|simulated   simulated generates history offline (tagged simulated)
      Every command takes only the options of its section, and the common ones:
        --data-dir DIR           default ./.lakehouse (logs in DIR/logs)
        --format table|csv|jsonl output of sql, query, status, maintenance (live view: jsonl)
      Query options:
        --coin ID                default bitcoin
        --as-of INSTANT          default now, e.g. 2026-01-31T12:00:00Z
        --simulated true|false   default: true when the last run's source was simulated

      Producer settings (COINGECKO_API_KEY, COINGECKO_API_PLAN, CRYPTO_IDS, ...) are read from the
      environment, as in Docker Compose; see .env.example.
      """;

  private Help() {}
}
