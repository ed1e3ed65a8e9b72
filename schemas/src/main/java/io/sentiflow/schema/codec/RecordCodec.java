package io.sentiflow.schema.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.schema.AlertVerdict;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.WindowStatistics;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one Sentiflow record type to and from the bytes of a Kafka record value.
 *
 * <p>Two wire formats share a topic, told apart by their first bytes (see {@link WireFormat}): Avro's
 * single-object encoding ({@code C3 01}, the writer schema's CRC-64-AVRO fingerprint, the binary datum), resolved
 * through a schema store that knows the current schema and the older writer schemas kept as resources under
 * {@code io/sentiflow/schema/history/}; and a plain UTF-8 JSON object with the schema's field names (an optional
 * byte order mark and leading whitespace allowed). {@link #decode(byte[])} never throws on bad input: it returns
 * {@link Decoded.Rejected} with a {@link DecodeFailure} and a message a producer can act on, and every
 * {@link Decoded.Ok} holds a record that is valid per the schema.
 *
 * <p>Thread safety: instances are immutable after construction and safe to share between threads (Avro's
 * message encoder and decoder and Jackson's mapper are thread-safe). They are also cheap to create (a few
 * schema parses), so a Flink function may simply create its own in {@code open()}. Nothing to close.
 *
 * @param <T> the generated record class
 */
public final class RecordCodec<T extends SpecificRecord> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Class<T> type;
    private final Schema schema;
    private final SchemaStore.Cache writerSchemas;
    private final BinaryMessageEncoder<T> avroEncoder;
    private final BinaryMessageDecoder<T> avroDecoder;
    private final JsonRecordReader jsonReader;
    private final JsonRecordWriter jsonWriter;

    private RecordCodec(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        this.type = type;
        this.schema = model.getSchema(type);
        this.writerSchemas = SchemaHistory.storeFor(schema, type.getClassLoader());
        this.avroEncoder = new BinaryMessageEncoder<>(model, schema);
        this.avroDecoder = new BinaryMessageDecoder<>(model, schema, writerSchemas);
        this.jsonReader = new JsonRecordReader(model);
        this.jsonWriter = new JsonRecordWriter(model);
    }

    /** Codec of {@link TextEvent}, the producers' input on news.raw. */
    public static RecordCodec<TextEvent> textEvents() {
        return of(TextEvent.class);
    }

    /** Codec of {@link ScoredText}, on news.scored. */
    public static RecordCodec<ScoredText> scoredTexts() {
        return of(ScoredText.class);
    }

    /** Codec of {@link SentimentAlert}, on alerts. */
    public static RecordCodec<SentimentAlert> sentimentAlerts() {
        return of(SentimentAlert.class);
    }

    /** Codec of {@link WindowStatistics}, on window.stats. */
    public static RecordCodec<WindowStatistics> windowStatistics() {
        return of(WindowStatistics.class);
    }

    /** Codec of {@link AlertVerdict}, on alerts.verdicts. */
    public static RecordCodec<AlertVerdict> alertVerdicts() {
        return of(AlertVerdict.class);
    }

    /** Codec of {@link ModelUpdate}, on model.updates. */
    public static RecordCodec<ModelUpdate> modelUpdates() {
        return of(ModelUpdate.class);
    }

    /** Codec of {@link LabeledText}, on feedback.labels. */
    public static RecordCodec<LabeledText> labeledTexts() {
        return of(LabeledText.class);
    }

    /** Codec of {@link LearnerCommand}, on learner.control. */
    public static RecordCodec<LearnerCommand> learnerCommands() {
        return of(LearnerCommand.class);
    }

    /**
     * Codec of any Avro-generated record class; its older writer schemas are looked up as described in the
     * class comment.
     *
     * @throws IllegalStateException if a history resource is unreadable or incompatible with the current schema
     */
    public static <T extends SpecificRecord> RecordCodec<T> of(Class<T> type) {
        return new RecordCodec<>(Objects.requireNonNull(type, "type"));
    }

    /**
     * Codec of one of the topic records, chosen by class (for code that is generic over the record type).
     *
     * @throws IllegalArgumentException if {@code type} is not a topic record
     */
    public static RecordCodec<?> forTopicRecord(Class<?> type) {
        if (type == TextEvent.class) {
            return textEvents();
        } else if (type == ScoredText.class) {
            return scoredTexts();
        } else if (type == SentimentAlert.class) {
            return sentimentAlerts();
        } else if (type == ModelUpdate.class) {
            return modelUpdates();
        } else if (type == LabeledText.class) {
            return labeledTexts();
        } else if (type == WindowStatistics.class) {
            return windowStatistics();
        } else if (type == AlertVerdict.class) {
            return alertVerdicts();
        }
        throw new IllegalArgumentException(type + " is not a topic record; expected TextEvent, ScoredText,"
                + " SentimentAlert, ModelUpdate, LabeledText, WindowStatistics or AlertVerdict");
    }

    /** The record class this codec produces. */
    public Class<T> recordClass() {
        return type;
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    /**
     * The payload of {@code record} in {@code format}.
     *
     * @throws IllegalArgumentException if the record is not valid per its schema (for example a required field is null)
     */
    public byte[] encode(T record, WireFormat format) {
        Objects.requireNonNull(record, "record");
        if (Objects.requireNonNull(format, "format") == WireFormat.JSON) {
            return toJson(record).getBytes(StandardCharsets.UTF_8);
        }
        try {
            ByteBuffer buffer = avroEncoder.encode(record);
            return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                    buffer.arrayOffset() + buffer.limit());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getName() + " as Avro", e);
        } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("cannot encode " + schema.getName() + " as Avro: " + e.getMessage(), e);
        }
    }

    /**
     * {@code record} as a plain JSON object: the schema's field names at the top level, timestamps as epoch
     * milliseconds, enums as their names, nullable fields as the value or null (not Avro's union-wrapped JSON).
     *
     * @throws IllegalArgumentException if the record is not valid per its schema
     */
    public String toJson(T record) {
        Objects.requireNonNull(record, "record");
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            jsonWriter.write(out, record, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + schema.getName() + " as JSON", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot write " + schema.getName() + " as JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /**
     * Decodes a payload in either wire format. Never throws: null, empty, truncated, garbage or invalid input
     * yields {@link Decoded.Rejected}.
     */
    public Decoded<T> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return rejected(DecodeFailure.EMPTY_PAYLOAD, "payload is empty; " + Payloads.EXPECTED);
        }
        boolean avro = Payloads.isAvro(bytes);
        try {
            if (avro) {
                return decodeAvro(bytes);
            }
            int significant = Payloads.firstSignificant(bytes);
            if (significant == bytes.length) {
                return rejected(DecodeFailure.EMPTY_PAYLOAD, "payload holds only whitespace; " + Payloads.EXPECTED);
            }
            if (bytes[significant] != '{') {
                return rejected(DecodeFailure.UNKNOWN_FORMAT, Payloads.unknownFormat(bytes, significant));
            }
            return decodeJson(bytes, significant);
        } catch (FieldException e) {
            return rejected(e.failure(), e.getMessage());
        } catch (RuntimeException e) {
            // Last line of defence: a payload that passed our checks but still trips the library is bad input too.
            return rejected(avro ? DecodeFailure.MALFORMED_AVRO : DecodeFailure.MALFORMED_JSON,
                    "cannot decode " + schema.getName() + ": " + e);
        }
    }

    private Decoded<T> decodeAvro(byte[] bytes) throws FieldException {
        if (bytes.length < Payloads.AVRO_HEADER_LENGTH) {
            return rejected(DecodeFailure.MALFORMED_AVRO, "Avro single-object header is truncated: it needs "
                    + Payloads.AVRO_HEADER_LENGTH + " bytes (C3 01 + 8-byte schema fingerprint), got " + bytes.length);
        }
        long fingerprint = Payloads.fingerprint(bytes);
        Schema writer = writerSchemas.findByFingerprint(fingerprint);
        if (writer == null) {
            return rejected(DecodeFailure.UNKNOWN_SCHEMA_FINGERPRINT, "unknown writer schema fingerprint "
                    + Payloads.hex(fingerprint) + " for " + schema.getName() + "; this reader knows the current schema "
                    + "and its history (was it written for another topic, or with a schema that is not deployed yet?)");
        }
        AvroPayloadChecker.check(writer, bytes, Payloads.AVRO_HEADER_LENGTH);
        try {
            return new Decoded.Ok<>(avroDecoder.decode(bytes), WireFormat.AVRO);
        } catch (IOException | AvroRuntimeException e) {
            return rejected(DecodeFailure.MALFORMED_AVRO, "cannot decode " + schema.getName() + " from Avro: "
                    + e.getMessage());
        }
    }

    private Decoded<T> decodeJson(byte[] bytes, int start) throws FieldException {
        String text = strictUtf8(bytes, start);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return rejected(DecodeFailure.MALFORMED_JSON, "payload is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        @SuppressWarnings("unchecked") // the reader builds the data model's class for the schema, which is T
        T record = (T) jsonReader.read(node, schema);
        return new Decoded.Ok<>(record, WireFormat.JSON);
    }

    private static String strictUtf8(byte[] bytes, int start) throws FieldException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        if (utf8.decode(in, out, true).isError() || utf8.flush(out).isError()) {
            throw new FieldException(DecodeFailure.INVALID_UTF8, "JSON payload is not valid UTF-8: byte "
                    + String.format("0x%02X", bytes[in.position()] & 0xFF) + " at offset " + in.position()
                    + " does not continue a valid sequence");
        }
        return out.flip().toString();
    }

    private static <T> Decoded<T> rejected(DecodeFailure failure, String message) {
        return new Decoded.Rejected<>(failure, message);
    }
}
