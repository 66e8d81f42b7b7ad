package io.lawmonitor.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A custom resource checked against its definition's OpenAPI v3 schema as the API server checks it
 * ({@code kubectl apply --validate=strict}): types, required fields, enums, patterns, bounds, and
 * no field the schema does not know unless it keeps unknown fields
 * ({@code x-kubernetes-preserve-unknown-fields}); {@code x-kubernetes-int-or-string}, and
 * {@code allOf}/{@code anyOf}/{@code oneOf} as the validation-only constraints structural schemas
 * allow. {@code metadata} is the API server's own (ObjectMeta) and is left to it.
 */
final class CrdSchema {
  private static final java.util.Set<String> ROOT = java.util.Set.of("apiVersion", "kind", "metadata");

  private CrdSchema() {}

  /** Every way {@code value} breaks {@code schema}, each with its path; empty when it holds. */
  static List<String> violations(JsonNode schema, JsonNode value) {
    List<String> out = new ArrayList<>();
    check(schema, value, "", out);
    return out;
  }

  private static void check(JsonNode s, JsonNode v, String path, List<String> out) {
    if (v == null || v.isNull()) {
      if (!s.path("nullable").asBoolean(false)) {
        out.add(path + ": null");
      }
      return;
    }
    boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
    String type = s.path("type").asText("");
    if (intOrString) {
      if (!v.isIntegralNumber() && !v.isTextual()) {
        out.add(path + ": an integer or a string, not " + v.getNodeType());
      }
    } else if (!type.isEmpty() && !typeOk(type, v)) {
      out.add(path + ": " + (type.matches("[aeiou].*") ? "an " : "a ") + type + ", not " + v.getNodeType() + " (" + v + ")");
      return;
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.get("enum")) {
        found |= e.equals(v) || (e.isTextual() && v.isTextual() && e.asText().equals(v.asText()));
      }
      if (!found) {
        out.add(path + ": " + v + " is none of " + s.get("enum"));
      }
    }
    if (v.isTextual() && s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(v.asText()).find()) {
      out.add(path + ": " + v + " does not match " + s.get("pattern").asText());
    }
    if (v.isNumber()) {
      if (s.has("minimum") && v.asDouble() < s.get("minimum").asDouble()) {
        out.add(path + ": " + v + " below " + s.get("minimum"));
      }
      if (s.has("maximum") && v.asDouble() > s.get("maximum").asDouble()) {
        out.add(path + ": " + v + " above " + s.get("maximum"));
      }
    }
    if (v.isObject() && !"metadata".equals(path.substring(path.lastIndexOf('.') + 1))) {
      object(s, v, path, out);
    }
    if (v.isArray() && s.has("items")) {
      int i = 0;
      for (JsonNode item : v) {
        check(s.get("items"), item, path + "[" + i++ + "]", out);
      }
    }
    for (JsonNode sub : s.path("allOf")) {
      check(sub, v, path, out);
    }
    if (s.has("anyOf") && passing(s.get("anyOf"), v, path) == 0) {
      out.add(path + ": none of anyOf holds");
    }
    if (s.has("oneOf") && passing(s.get("oneOf"), v, path) != 1) {
      out.add(path + ": not exactly one of oneOf holds");
    }
  }

  private static int passing(JsonNode alternatives, JsonNode v, String path) {
    int n = 0;
    for (JsonNode sub : alternatives) {
      if (violations(sub, v).isEmpty()) {
        n++;
      }
    }
    return n;
  }

  private static void object(JsonNode s, JsonNode v, String path, List<String> out) {
    for (JsonNode r : s.path("required")) {
      if (!v.has(r.asText())) {
        out.add(path + ": " + r.asText() + " is required");
      }
    }
    JsonNode props = s.path("properties");
    JsonNode additional = s.get("additionalProperties");
    boolean keepsUnknown = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      if (path.isEmpty() && ROOT.contains(f.getKey()) && !props.has(f.getKey())) {
        continue; // every object of the API has them, its definition need not say so
      }
      if (props.has(f.getKey())) {
        check(props.get(f.getKey()), f.getValue(), at, out);
      } else if (additional != null && additional.isObject()) {
        check(additional, f.getValue(), at, out);
      } else if (!keepsUnknown && !(additional != null && additional.asBoolean(false))
          && (props.size() > 0 || additional != null)) {
        out.add(at + ": a field the schema does not know");
      }
    }
  }

  private static boolean typeOk(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      default -> true;
    };
  }
}
