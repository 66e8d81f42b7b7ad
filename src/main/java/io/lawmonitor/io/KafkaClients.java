package io.lawmonitor.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The one place that knows how the monitor's Kafka clients connect: every source, sink, scan and
 * producer starts from {@link #base}, so the cluster's security settings ({@code kafka.properties}:
 * SASL, TLS) reach all of them. Values of secret settings are never put in a message.
 */
public final class KafkaClients {
  private KafkaClients() {}

  /** Settings the monitor makes itself, with what to set instead. */
  private static final Map<String, String> OWNED = Map.ofEntries(
      Map.entry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "kafka.bootstrapServers or --bootstrap-servers"),
      Map.entry(ConsumerConfig.GROUP_ID_CONFIG, "kafka.groupId"),
      Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafka.transactionalIdPrefix"),
      Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "kafka.transactionTimeout"),
      Map.entry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "kafka.maxPartitionFetchBytes"),
      Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "nothing: the monitor reads read_committed"),
      Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "nothing: offsets are committed with checkpoints"),
      Map.entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "nothing: records are read as bytes"),
      Map.entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "nothing: records are read as bytes"),
      Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "nothing: records are written as bytes"),
      Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "nothing: records are written as bytes"));

  private static final List<ConfigDef> DEFS = ClientProperties.DEFS;

  /** Bootstrap servers and the configured client properties: what every client of the monitor starts from. */
  public static Properties base(KafkaSettings k) {
    Properties p = new Properties();
    p.putAll(k.properties());
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    return p;
  }

  /**
   * Checks the client properties before anything connects: each key a Kafka client setting the
   * monitor does not make itself, each value of its type, SASL with its mechanism and login, trust
   * and key stores readable.
   *
   * @throws IllegalArgumentException naming the setting (never a secret's value)
   */
  public static void validate(Map<String, String> props, String where) {
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      String at = where + "." + key;
      if (OWNED.containsKey(key)) {
        throw new IllegalArgumentException(at + ": set by the monitor; set " + OWNED.get(key) + " instead");
      }
      ConfigDef.ConfigKey def = null;
      for (ConfigDef d : DEFS) {
        def = def != null ? def : d.configKeys().get(key);
      }
      if (def == null) {
        throw new IllegalArgumentException(at + ": not a Kafka client setting (e.g. security.protocol, sasl.mechanism,"
            + " sasl.jaas.config, ssl.truststore.location)");
      }
      try {
        ConfigDef.parseType(key, e.getValue(), def.type);
      } catch (ConfigException bad) {
        throw new IllegalArgumentException(at + ": not a valid " + def.type.name().toLowerCase(Locale.ROOT)
            + (ClientProperties.secret(key) ? "" : " ('" + e.getValue() + "')"));
      }
    }
    String protocol = props.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    if (!SecurityProtocol.names().contains(protocol)) {
      throw new IllegalArgumentException(where + ".security.protocol: '" + protocol + "' is not one of "
          + String.join(", ", SecurityProtocol.names()));
    }
    if (protocol.startsWith("SASL_")) {
      String mechanism = props.get(SaslConfigs.SASL_MECHANISM);
      if (mechanism == null) {
        throw new IllegalArgumentException(where + ": security.protocol " + protocol
            + " needs sasl.mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or GSSAPI)");
      }
      if (!mechanism.equals("GSSAPI") && !props.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
        throw new IllegalArgumentException(where + ": sasl.mechanism " + mechanism
            + " needs sasl.jaas.config (the login line, with the password from an environment variable)");
      }
    }
    for (String store : List.of("ssl.truststore.location", "ssl.keystore.location")) {
      String file = props.get(store);
      if (file != null && !Files.isReadable(Path.of(file))) {
        throw new IllegalArgumentException(where + "." + store + ": cannot read " + file);
      }
    }
  }

  /** Kafka could not be used as configured; the message is one line for a person, without secrets. */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /**
   * Connects once before anything starts and reads the topics' metadata, so that a wrong address,
   * password or trust store is one clear line at start-up rather than a job that retries forever.
   *
   * @return the topics the cluster does not have (yet)
   * @throws Unavailable saying what went wrong
   */
  public static Set<String> check(KafkaSettings k, List<String> topics, Duration timeout) {
    Properties p = base(k);
    int ms = (int) timeout.toMillis();
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
    String where = "Kafka at " + k.bootstrapServers();
    String protocol = k.properties().getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    // the client logs each failed attempt on its own; the one line below says it all
    Level before = LogManager.getLogger("org.apache.kafka").getLevel();
    Configurator.setLevel("org.apache.kafka", Level.OFF);
    Admin admin = null;
    try {
      admin = Admin.create(p);
      Set<String> missing = new TreeSet<>();
      for (var e : admin.describeTopics(topics).topicNameValues().entrySet()) {
        try {
          e.getValue().get(ms, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
          if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
            missing.add(e.getKey());
          } else {
            throw ex;
          }
        }
      }
      return missing;
    } catch (ExecutionException e) {
      throw new Unavailable(explain(e.getCause(), where, protocol, k));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new Unavailable("no answer from " + where + " within " + timeout.toSeconds() + " s (security.protocol "
          + protocol + "): is the address right, and does that listener speak " + protocol + "?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while connecting to " + where);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new Unavailable(explain(e, where, protocol, k));
    } finally {
      if (admin != null) {
        admin.close(Duration.ofSeconds(1));
      }
      Configurator.setLevel("org.apache.kafka", before);
    }
  }

  private static String explain(Throwable e, String where, String protocol, KafkaSettings k) {
    if (e instanceof SslAuthenticationException) {
      String root = rootMessage(e);
      String why = root.contains("PKIX") || root.contains("certification path")
          ? "the broker's certificate is not trusted (kafka.properties ssl.truststore.location must hold the CA that signed it)"
          : root.contains("subject alternative") || root.contains("No name matching")
              ? "the broker's certificate does not name the host connected to (" + root + ")" : root;
      return "TLS handshake with " + where + " failed: " + why;
    }
    if (e instanceof SaslAuthenticationException || e instanceof AuthenticationException) {
      return where + " refused the credentials (" + protocol + " " + k.properties().getOrDefault(SaslConfigs.SASL_MECHANISM, "")
          + "): " + firstLine(e.getMessage());
    }
    if (e instanceof AuthorizationException) {
      return where + " does not allow this user to read the input topics: " + firstLine(e.getMessage());
    }
    if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
      return "no answer from " + where + " (security.protocol " + protocol + "): is the address right, and does that"
          + " listener speak " + protocol + "?";
    }
    return where + ": " + e.getClass().getSimpleName() + ": " + firstLine(rootMessage(e));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
