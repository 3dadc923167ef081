package io.hvst.statemachine.decide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a flat JSON object of strings ({@code {"a":"b"}}), the shape of Harvester's pause map. The
 * domain has no JSON library; this reads only that shape and says what else it found.
 */
final class FlatJson {

  /** The pairs read, and what could not be read. */
  record Result(Map<String, String> values, List<String> errors) {}

  private final String text;
  private int at;

  private FlatJson(String text) {
    this.text = text;
  }

  static Result parse(String text) {
    if (text == null || text.isBlank()) {
      return new Result(Map.of(), List.of());
    }
    try {
      return new Result(new FlatJson(text.trim()).object(), List.of());
    } catch (IllegalArgumentException e) {
      return new Result(Map.of(), List.of("not a JSON object of strings (" + e.getMessage() + ")"));
    }
  }

  private Map<String, String> object() {
    Map<String, String> out = new LinkedHashMap<>();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      at++;
      return end(out);
    }
    while (true) {
      String key = string();
      expect(':');
      out.put(key, string());
      skipSpace();
      char c = next();
      if (c == '}') {
        return end(out);
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or } at " + (at - 1));
      }
    }
  }

  private Map<String, String> end(Map<String, String> out) {
    skipSpace();
    if (at != text.length()) {
      throw new IllegalArgumentException("text after the object at " + at);
    }
    return out;
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    for (char c = next(); c != '"'; c = next()) {
      b.append(c == '\\' ? next() : c);
    }
    return b.toString();
  }

  private void expect(char wanted) {
    skipSpace();
    if (next() != wanted) {
      throw new IllegalArgumentException("expected " + wanted + " at " + (at - 1));
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }
}
