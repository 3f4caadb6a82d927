import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.rest.AuthorizationException;

/**
 * The stand-in's server: S3Proxy on jclouds' in-memory store, plus the part of MinIO's identity
 * model the compose file uses. The root user may do anything; users added with {@code mc admin
 * user add} may do what their attached policy allows, judged as MinIO would for the two shapes we
 * use: the buckets the policy's resources name, and whether its actions include any write. A user
 * with no policy, or asking for another bucket, gets S3's AccessDenied (403).
 *
 * <p>MinIO's admin API is signed and encrypted; the stand-in's {@code mc} reaches this one on a
 * second, unpublished port with the root credentials as HTTP basic auth instead.
 */
public final class StandInMinio {

  private static final Pattern BUCKET = Pattern.compile("arn:aws:s3:::([^/\"*]+)");
  private static final Pattern WRITE_ACTION =
      Pattern.compile("\"s3:(\\*|Put|Delete|Abort|Create|Restore)");
  private static final Pattern MUTATION =
      Pattern.compile("^(put|remove|delete|create|clear|initiate|upload|complete|abort|copy|set)");

  private record Policy(Set<String> buckets, boolean writes) {}

  private record User(String secret, String policy) {}

  private static final Map<String, Policy> POLICIES = new ConcurrentHashMap<>();
  private static final Map<String, User> USERS = new ConcurrentHashMap<>();

  private StandInMinio() {}

  public static void main(String[] args) throws Exception {
    String root = System.getenv().getOrDefault("MINIO_ROOT_USER", "minioadmin");
    String rootSecret = System.getenv().getOrDefault("MINIO_ROOT_PASSWORD", "minioadmin");
    BlobStore store =
        ContextBuilder.newBuilder("transient")
            .credentials(root, rootSecret)
            .build(BlobStoreContext.class)
            .getBlobStore();
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://0.0.0.0:" + args[0]))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, root, rootSecret)
            .build();
    proxy.setBlobStoreLocator(
        (identity, bucket, blob) -> {
          if (root.equals(identity)) {
            return Map.entry(rootSecret, store);
          }
          User user = USERS.get(identity);
          return user == null
              ? null
              : Map.entry(user.secret(), scoped(store, POLICIES.get(user.policy()), bucket));
        });
    proxy.start();
    serveAdmin(Integer.parseInt(args[1]), "Basic " + base64(root + ":" + rootSecret));
  }

  /** The store as a user with this policy sees it when addressing this bucket. */
  private static BlobStore scoped(BlobStore store, Policy policy, String bucket) {
    boolean reads = policy != null && bucket != null && policy.buckets().contains(bucket);
    boolean writes = reads && policy.writes();
    return (BlobStore)
        Proxy.newProxyInstance(
            BlobStore.class.getClassLoader(),
            new Class<?>[] {BlobStore.class},
            (self, method, methodArgs) -> {
              String name = method.getName();
              boolean plumbing =
                  method.getDeclaringClass() == Object.class || name.equals("getContext");
              if (!plumbing && !(MUTATION.matcher(name).find() ? writes : reads)) {
                throw new AuthorizationException("Access Denied.");
              }
              try {
                return method.invoke(store, methodArgs);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static void serveAdmin(int port, String authorization) throws IOException {
    HttpServer admin = HttpServer.create(new InetSocketAddress(port), 0);
    admin.createContext(
        "/",
        exchange -> {
          int status = 200;
          String text;
          try {
            if (authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              String[] path = exchange.getRequestURI().getPath().split("/", 4);
              byte[] body = exchange.getRequestBody().readAllBytes();
              text =
                  handle(
                      path[1],
                      path.length > 2 ? path[2] : "",
                      new String(body, StandardCharsets.UTF_8));
            } else {
              status = 403;
              text = "Access Denied.";
            }
          } catch (IllegalStateException e) {
            status = 409;
            text = e.getMessage();
          } catch (RuntimeException e) {
            status = 400;
            text = String.valueOf(e.getMessage());
          }
          try (exchange) {
            reply(exchange, status, text);
          }
        });
    admin.start();
  }

  /**
   * One admin call: {@code policy/NAME} (body: the policy's JSON), {@code user/KEY} (body: the
   * secret), {@code attach/POLICY} (body: the user's key).
   */
  private static String handle(String verb, String name, String body) {
    switch (verb) {
      case "policy" -> {
        Matcher buckets = BUCKET.matcher(body);
        POLICIES.put(
            name,
            new Policy(
                buckets.results().map(m -> m.group(1)).collect(Collectors.toSet()),
                WRITE_ACTION.matcher(body).find()));
        return "Created policy `" + name + "` successfully.";
      }
      case "user" -> {
        if (body.length() < 8) {
          throw new IllegalArgumentException("The secret key should be at least 8 characters.");
        }
        USERS.compute(name, (key, old) -> new User(body, old == null ? null : old.policy()));
        return "Added user `" + name + "` successfully.";
      }
      case "attach" -> {
        if (!POLICIES.containsKey(name)) {
          throw new IllegalArgumentException("The canned policy does not exist: " + name);
        }
        User user = USERS.get(body);
        if (user == null) {
          throw new IllegalArgumentException("The specified user does not exist: " + body);
        }
        if (name.equals(user.policy())) {
          throw new IllegalStateException(
              "Unable to make user/group policy association. The specified policy change is"
                  + " already in effect. (Specified policy update has no net effect).");
        }
        USERS.put(body, new User(user.secret(), name));
        return "Attached Policies: [" + name + "]\nTo User: " + body;
      }
      default -> throw new IllegalArgumentException("unknown admin call " + verb);
    }
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
