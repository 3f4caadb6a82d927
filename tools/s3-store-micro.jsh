// Per-request cost of the two S3Proxy blob stores the embedded S3 server could sit on, without
// HTTP in between: 3 000 puts of 8 KB objects spread over 5 tables x 20 partitions, then as many
// metadata reads (HEAD) and reads (GET), then 100 prefix listings; two rounds, alternating stores
// (the first round pays the JIT). Prints microseconds per request. docs/benchmarks.md cites it.
//
//   ./mvnw -q -o -pl embedded-stack dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
//   jshell --class-path "$(cat /tmp/cp.txt)" tools/s3-store-micro.jsh
//
// Writes under /tmp/s3-store-micro-* and deletes that at the end.
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.*;
import org.jclouds.blobstore.options.ListContainerOptions;
BlobStoreContext ctx(String provider, String dir) throws Exception {
  java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
  var props = new java.util.Properties();
  props.setProperty("jclouds.filesystem.basedir", dir);
  var b = ContextBuilder.newBuilder(provider).overrides(props);
  if (provider.endsWith("nio2")) b = b.credentials("local", "local");
  return b.build(BlobStoreContext.class);
}
byte[] data = new byte[8192];
long[] run(String provider, String dir, int n) throws Exception {
  var c = ctx(provider, dir); var bs = c.getBlobStore();
  bs.createContainerInLocation(null, "b");
  long t0 = System.nanoTime();
  for (int i = 0; i < n; i++) bs.putBlob("b", bs.blobBuilder("wh/t" + (i % 5) + "/data/p" + (i % 20) + "/f" + i + ".parquet").payload(data).build());
  long t1 = System.nanoTime();
  for (int i = 0; i < n; i++) bs.blobMetadata("b", "wh/t" + (i % 5) + "/data/p" + (i % 20) + "/f" + i + ".parquet");
  long t2 = System.nanoTime();
  for (int i = 0; i < n; i++) try (var in = bs.getBlob("b", "wh/t" + (i % 5) + "/data/p" + (i % 20) + "/f" + i + ".parquet").getPayload().openStream()) { in.readAllBytes(); }
  long t3 = System.nanoTime();
  for (int i = 0; i < 100; i++) bs.list("b", ListContainerOptions.Builder.prefix("wh/t" + (i % 5) + "/data/p" + (i % 20) + "/f" + i).maxResults(2));
  long t4 = System.nanoTime();
  c.close();
  return new long[] {(t1-t0)/n/1000, (t2-t1)/n/1000, (t3-t2)/n/1000, (t4-t3)/100/1000};
}
for (int round = 0; round < 2; round++) {
  for (String p : new String[] {"filesystem", "filesystem-nio2"}) {
    String dir = "/tmp/s3-store-micro-" + p + round;
    var r = run(p, dir, 3000);
    System.out.println(p + " round " + round + " us per put/head/get/list: " + java.util.Arrays.toString(r));
  }
}
for (String p : new String[] {"filesystem", "filesystem-nio2"}) {
  for (int round = 0; round < 2; round++) {
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("/tmp/s3-store-micro-" + p + round))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
/exit
