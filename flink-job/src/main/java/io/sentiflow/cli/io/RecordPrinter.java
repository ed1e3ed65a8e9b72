package io.sentiflow.cli.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a consumed record into one printable line: the decoded record as JSON (with {@code --json}
 * nothing else, so the output is JSON lines), or with its partition, offset, key and wire format in
 * front. Dead letters show their headers and the raw payload as escaped text. Not thread-safe.
 */
public final class RecordPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A printed record; {@code decoded} is false when the payload could not be decoded. */
    public record Line(String text, boolean decoded) {}

    private final RecordType type;
    private final RecordCodec<?> codec;
    private final boolean jsonOnly;

    public RecordPrinter(RecordType type, boolean jsonOnly) {
        this.type = type;
        this.codec = type.codec().orElse(null);
        this.jsonOnly = jsonOnly;
    }

    public Line print(ConsumerRecord<byte[], byte[]> record) {
        if (type == RecordType.DEAD_LETTER) {
            return new Line(deadLetter(record), true);
        }
        return decode(codec, record);
    }

    private <T extends SpecificRecord> Line decode(RecordCodec<T> recordCodec, ConsumerRecord<byte[], byte[]> record) {
        Decoded<T> decoded = recordCodec.decode(record.value());
        if (decoded instanceof Decoded.Ok<T> ok) {
            String json = recordCodec.toJson(ok.value());
            return new Line(jsonOnly ? json : prefix(record) + ok.format().name().toLowerCase(Locale.ROOT) + " " + json, true);
        }
        Decoded.Rejected<T> rejected = (Decoded.Rejected<T>) decoded;
        return new Line(prefix(record) + "cannot decode as " + type + ": " + rejected.failure() + ": "
                + rejected.message() + " payload=\"" + escape(record.value()) + "\"", false);
    }

    private String deadLetter(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            headers.put(header.key(), escape(header.value()));
        }
        if (!jsonOnly) {
            return prefix(record) + "headers=" + headers + " payload=\"" + escape(record.value()) + "\"";
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("key", record.key() == null ? null : escape(record.key()));
        line.set("headers", headers);
        line.put("payload", escape(record.value()));
        return line.toString();
    }

    private static String prefix(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + " " + record.partition() + ":" + record.offset()
                + " key=" + (record.key() == null ? "null" : escape(record.key())) + " ";
    }

    /**
     * Bytes as readable text: valid UTF-8 stays text with control characters escaped ({@code \n},
     * {@code \u0000}); anything else shows its non-ASCII bytes as {@code \xNN}.
     */
    public static String escape(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            StringBuilder out = new StringBuilder(text.length());
            text.chars().forEach(c -> out.append(escapeChar((char) c)));
            return out.toString();
        } catch (CharacterCodingException notUtf8) {
            StringBuilder out = new StringBuilder(bytes.length * 2);
            for (byte b : bytes) {
                int value = b & 0xFF;
                out.append(value >= 0x20 && value < 0x7F && value != '\\' && value != '"'
                        ? String.valueOf((char) value)
                        : String.format("\\x%02X", value));
            }
            return out.toString();
        }
    }

    private static String escapeChar(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            default -> Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c);
        };
    }
}
