package io.hvst.simulator.kube;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null-safe reads over the maps and lists of a generic resource; a missing field reads empty. */
public record Json(Map<?, ?> map) {

  public static final Json EMPTY = new Json(Map.of());

  public static Json of(Object value) {
    return value instanceof Map<?, ?> m ? new Json(m) : EMPTY;
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  public boolean has(String key) {
    return map.containsKey(key);
  }

  public Json at(String key) {
    return of(map.get(key));
  }

  /** Walks a path of keys. */
  public Json at(String... keys) {
    Json json = this;
    for (String key : keys) {
      json = json.at(key);
    }
    return json;
  }

  public String text(String key) {
    Object v = map.get(key);
    return v == null ? "" : v.toString();
  }

  public boolean flag(String key) {
    return Boolean.TRUE.equals(map.get(key)) || "true".equals(map.get(key));
  }

  public List<Json> list(String key) {
    return map.get(key) instanceof List<?> l ? l.stream().map(Json::of).toList() : List.of();
  }

  public List<String> texts(String key) {
    return map.get(key) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  public Map<String, String> strings() {
    Map<String, String> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }
}
