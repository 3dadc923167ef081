package io.hvst.controller.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import io.hvst.statemachine.journal.MigrationRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Succeeded migrations are most of a large journal (one per VM), so each is written as one line a
 * person can read, {@code "default/vm-1 -> node-3 at 2026-11-23T10:00:00Z took PT3.2S"}, about half
 * the bytes of its JSON object. That keeps a 200-node, 6,000-VM journal under the 1 MiB a ConfigMap
 * holds. Every other migration stays a JSON object, and both forms are read.
 */
final class CompactMigrations extends SimpleModule {

  private static final long serialVersionUID = 1L;
  private static final Pattern LINE =
      Pattern.compile("(\\S+) -> (\\S+) at (\\S+) took (\\S+?)(?: \\(attempt (\\d+)\\))?");

  CompactMigrations() {
    super("compact-migrations");
    setSerializerModifier(new Writer());
    setDeserializerModifier(new Reader());
  }

  static boolean compactable(MigrationRecord m) {
    return MigrationRecord.SUCCEEDED.equals(m.result())
        && m.migration().isEmpty()
        && m.source().isEmpty()
        && m.message().isEmpty()
        && m.startedAt() != null
        && m.finishedAt() != null
        && !m.vm().contains(" ")
        && !m.target().isEmpty()
        && !m.target().contains(" ");
  }

  static String line(MigrationRecord m) {
    String took = Duration.between(m.startedAt(), m.finishedAt()).toString();
    String attempt = m.attempt() == 1 ? "" : " (attempt " + m.attempt() + ")";
    return m.vm() + " -> " + m.target() + " at " + m.startedAt() + " took " + took + attempt;
  }

  static MigrationRecord parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "migration \"" + line + "\" is not of the form \"<vm> -> <node> at <time> took <d>\"");
    }
    try {
      Instant started = Instant.parse(m.group(3));
      Instant finished = started.plus(Duration.parse(m.group(4)));
      int attempt = m.group(5) == null ? 1 : Integer.parseInt(m.group(5));
      return new MigrationRecord(
          m.group(1),
          "",
          "",
          m.group(2),
          attempt,
          started,
          finished,
          MigrationRecord.SUCCEEDED,
          "");
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("migration \"" + line + "\": " + e.getMessage(), e);
    }
  }

  private static final class Writer extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    @SuppressWarnings("unchecked")
    public JsonSerializer<?> modifySerializer(
        SerializationConfig config, BeanDescription desc, JsonSerializer<?> serializer) {
      if (desc.getBeanClass() != MigrationRecord.class) {
        return serializer;
      }
      return new LineOrObject((JsonSerializer<Object>) serializer);
    }
  }

  private static final class LineOrObject extends JsonSerializer<MigrationRecord>
      implements ResolvableSerializer {
    private final JsonSerializer<Object> object;

    LineOrObject(JsonSerializer<Object> object) {
      this.object = object;
    }

    @Override
    public void resolve(SerializerProvider provider) throws JsonMappingException {
      if (object instanceof ResolvableSerializer resolvable) {
        resolvable.resolve(provider);
      }
    }

    @Override
    public void serialize(MigrationRecord m, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (compactable(m)) {
        gen.writeString(line(m));
      } else {
        object.serialize(m, gen, provider);
      }
    }
  }

  private static final class Reader extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deserializer) {
      if (desc.getBeanClass() != MigrationRecord.class) {
        return deserializer;
      }
      return new LineOrObjectReader(deserializer);
    }
  }

  private static final class LineOrObjectReader extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    LineOrObjectReader(JsonDeserializer<?> object) {
      super(object);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new LineOrObjectReader(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return parse(p.getText());
      }
      return super.deserialize(p, ctxt);
    }
  }
}
