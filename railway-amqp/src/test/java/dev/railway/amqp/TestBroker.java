package dev.railway.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ broker the tests run against: {@value #ENV}, or amqp://guest:guest@127.0.0.1:5672.
 * When the variable is set (CI sets it, see {@code .ci/run}) a missing broker fails the tests; when
 * it is not set and no broker answers, they are skipped, loudly.
 */
final class TestBroker {
  static final String ENV = "RAILWAY_TEST_AMQP_URI";
  static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

  private TestBroker() {}

  static String uri() {
    String configured = System.getenv(ENV);
    String uri = configured == null || configured.isBlank() ? DEFAULT_URI : configured;
    if (configured == null && !reachable(uri)) {
      String message =
          "RabbitMQ tests SKIPPED: no broker at "
              + DEFAULT_URI
              + "; start one, or set "
              + ENV
              + " (CI sets it, and then a missing broker fails)";
      System.err.println("WARNING: " + message);
      Assumptions.abort(message);
    }
    return uri;
  }

  private static boolean reachable(String uri) {
    URI u = URI.create(uri);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 5672 : u.getPort()), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static ConnectionFactory factory() {
    ConnectionFactory f = new ConnectionFactory();
    try {
      f.setUri(uri());
    } catch (Exception e) {
      throw new IllegalStateException("bad " + ENV + ": " + e.getMessage(), e);
    }
    return f;
  }

  /** A name no other test (or test run on this machine) uses. */
  static String unique(String purpose) {
    return "rwtest-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Connection connect(String name) throws Exception {
    return factory().newConnection(name);
  }

  /** Deletes the queues and exchanges a binding of {@code queue} declared. */
  static void deleteQueueTopology(Channel channel, String queue) throws IOException {
    channel.queueDelete(queue);
    channel.queueDelete(AmqpTopology.deadLetterQueue(queue));
    channel.exchangeDelete(AmqpTopology.deadLetterExchange(queue));
  }

  /** Takes every message waiting in {@code queue} (acknowledging them). */
  static List<GetResponse> drain(Channel channel, String queue) throws IOException {
    List<GetResponse> all = new ArrayList<>();
    for (GetResponse r = channel.basicGet(queue, true);
        r != null;
        r = channel.basicGet(queue, true)) {
      all.add(r);
    }
    return all;
  }

  /**
   * Closes, from the broker's side ({@code rabbitmqctl close_connection}), every connection whose
   * client-provided name is {@code connectionName}, as an operator or a broker failover would.
   *
   * @return how many were closed
   */
  static int closeConnectionsNamed(String connectionName) throws Exception {
    // Tab-separated: the pid in the form close_connection takes, then the client properties.
    String listing = run("rabbitmqctl", "-s", "list_connections", "pid", "client_properties");
    int closed = 0;
    for (String line : listing.split("\n")) {
      if (line.contains("\"" + connectionName + "\"")
          || line.contains(">>" + connectionName + "<<")) {
        run(
            "rabbitmqctl",
            "-q",
            "close_connection",
            line.split("\t")[0].trim(),
            "closed by a test");
        closed++;
      }
    }
    return closed;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
