package io.lawmonitor.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The settings files (monitor.yaml, the alert rules) bound to records by Jackson: an unknown key
 * is an error, a value must have its field's type (no "5" for a number, no 2.5 for a whole one),
 * durations are read as people write them ({@link Durations}), and an error names the key.
 */
public final class YamlBinding {
  private YamlBinding() {}

  public static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .addModule(new SimpleModule("durations").addDeserializer(Duration.class, new DurationReader()))
      // a number or true/false where text is expected (an id, a header value) is read as its text
      .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
          .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert))
      .build();

  /** 30s, 5m, 2h, 7d, or ISO-8601; never negative. */
  static final class DurationReader extends StdScalarDeserializer<Duration> {
    private static final long serialVersionUID = 1L;

    DurationReader() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      if (text == null) {
        throw InvalidFormatException.from(p, "'" + p.getText() + "' is not a duration (e.g. 30s, 5m, 2h, 7d)",
            p.getText(), Duration.class);
      }
      try {
        Duration d = Durations.parse(text);
        if (!d.isNegative()) {
          return d;
        }
      } catch (IllegalArgumentException e) {
        // said below
      }
      throw InvalidFormatException.from(p, "'" + text + "' is not a duration (e.g. 30s, 5m, 2h, 7d)", text,
          Duration.class);
    }
  }

  /**
   * One line for a file that did not bind: where, the key's path, and what is wrong.
   *
   * @param noun what the file calls its keys in messages ("key", "field")
   */
  public static String explain(IOException e, String where, String noun) {
    Throwable syntax = e instanceof JsonMappingException && e.getCause() instanceof StreamReadException ? e.getCause() : e;
    if (!(syntax instanceof JsonMappingException m)) {
      String first = syntax instanceof JsonProcessingException j ? j.getOriginalMessage() : syntax.getMessage();
      String line = syntax instanceof JsonProcessingException j && j.getLocation() != null
          && j.getLocation().getLineNr() > 0 ? " (line " + j.getLocation().getLineNr() + ")" : "";
      return where + ": not YAML: " + (first == null ? "" : first.lines().findFirst().orElse("")) + line;
    }
    String path = path(m.getPath());
    return m instanceof UnrecognizedPropertyException
        ? where + ": unknown " + noun + " '" + path + "'" + reason(m, noun).substring(("unknown " + noun).length())
        : where + ": " + path + ": " + reason(m, noun);
  }

  /** What is wrong at the place a binding error names, e.g. "a whole number", "unknown field (known: a, b)". */
  public static String reason(JsonMappingException m, String noun) {
    if (m instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds() == null ? ""
          : " (known here: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
              .collect(Collectors.joining(", ")) + ")";
      return "unknown " + noun + known;
    }
    if (m instanceof InvalidFormatException f && f.getTargetType() == Duration.class) {
      return f.getOriginalMessage();
    }
    if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
      return expected(mi.getTargetType());
    }
    return m.getOriginalMessage().lines().findFirst().orElse("");
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a map of keys to values";
    }
    return "not a " + type.getSimpleName();
  }

  /** a.b.c, list positions as [n] (from 1). */
  public static String path(java.util.List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex() + 1).append(']');
      }
    }
    return b.toString();
  }
}
