package io.hvst.controller.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The journal's ConfigMap encoding: key {@code upgrade} holds the upgrade entry, and {@code
 * node.<name>} one entry per node, each as JSON. Decoding checks everything a hand edit could break
 * and says what, in words an operator can act on.
 */
public final class JournalCodec {

  static final String UPGRADE_KEY = "upgrade";
  static final String NODE_PREFIX = "node.";

  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new CompactMigrations())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY));

  public Map<String, String> encode(Journal journal) {
    Map<String, String> data = new TreeMap<>();
    data.put(UPGRADE_KEY, write(journal.upgrade()));
    journal.nodeRecords().forEach(n -> data.put(NODE_PREFIX + n.name(), write(n)));
    return data;
  }

  /** Decodes, or throws {@link JournalUnreadableException} naming what is wrong. */
  public Journal decode(Map<String, String> data) {
    Map<String, String> entries = data == null ? Map.of() : data;
    String upgradeJson = entries.get(UPGRADE_KEY);
    if (upgradeJson == null) {
      throw new JournalUnreadableException("the key \"upgrade\" is missing");
    }
    UpgradeRecord upgrade = read(upgradeJson, UpgradeRecord.class, UPGRADE_KEY);
    if (upgrade.schemaVersion() != UpgradeRecord.SCHEMA_VERSION) {
      throw new JournalUnreadableException(
          "schemaVersion "
              + upgrade.schemaVersion()
              + " is not supported (this controller writes "
              + UpgradeRecord.SCHEMA_VERSION
              + ")");
    }
    Map<String, NodeRecord> nodes = new TreeMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (!e.getKey().startsWith(NODE_PREFIX)) {
        continue;
      }
      String name = e.getKey().substring(NODE_PREFIX.length());
      NodeRecord rec = read(e.getValue(), NodeRecord.class, e.getKey());
      if (!rec.name().equals(name)) {
        throw new JournalUnreadableException(
            "key \"" + e.getKey() + "\" holds the entry of node \"" + rec.name() + "\"");
      }
      nodes.put(name, rec);
    }
    checkOrder(upgrade, nodes);
    return new Journal(upgrade, new TreeMap<>(nodes));
  }

  private static void checkOrder(UpgradeRecord upgrade, Map<String, NodeRecord> nodes) {
    Set<String> ordered = new HashSet<>(upgrade.order());
    if (ordered.size() != upgrade.order().size()) {
      throw new JournalUnreadableException("the node order lists a node twice");
    }
    if (!ordered.equals(nodes.keySet())) {
      Set<String> missing = new HashSet<>(ordered);
      missing.removeAll(nodes.keySet());
      Set<String> extra = new HashSet<>(nodes.keySet());
      extra.removeAll(ordered);
      throw new JournalUnreadableException(
          "the node entries do not match the node order (missing "
              + missing
              + ", not in order "
              + extra
              + ")");
    }
  }

  private String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the journal", e);
    }
  }

  private <T> T read(String json, Class<T> type, String key) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new JournalUnreadableException(
          "key \"" + key + "\" is not valid: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
