package io.lawmonitor.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Kafka client properties as the monitor shows them: which values are secrets, and the settings with those hidden. */
public final class ClientProperties {
  private ClientProperties() {}

  /** The settings of Kafka's admin, consumer and producer clients. */
  static final List<ConfigDef> DEFS =
      List.of(AdminClientConfig.configDef(), ConsumerConfig.configDef(), ProducerConfig.configDef());

  /** Whether a setting's value is a secret: a password-typed Kafka setting, or one named like one. */
  public static boolean secret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
        || k.contains("credential") || k.endsWith(".key") || k.contains("keystore.key")) {
      return true;
    }
    for (ConfigDef d : DEFS) {
      ConfigDef.ConfigKey ck = d.configKeys().get(key);
      if (ck != null && ck.type == ConfigDef.Type.PASSWORD) {
        return true;
      }
    }
    return false;
  }

  /** The settings with secret values hidden, for a message or a toString. */
  public static String describe(Map<String, String> props) {
    List<String> parts = new ArrayList<>();
    for (String key : new TreeSet<>(props.keySet())) {
      parts.add(key + "=" + (secret(key) ? "[hidden]" : props.get(key)));
    }
    return "{" + String.join(", ", parts) + "}";
  }

}
