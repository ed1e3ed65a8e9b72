package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The bad and awkward {@code news.raw} payloads of the poison-record test, one row per kind: the
 * bytes and what the job must do with them, either score them (as event {@code poison-<kind>}) or
 * dead-letter them with the given error class.
 */
final class PoisonCorpus {

    static final String SCORED = "SCORED";
    static final long PUBLISHED_AT = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
    static final int FIVE_MIB = 5 * 1024 * 1024;

    /** One kind of input: its name, its bytes and the expected outcome ({@link #SCORED} or an error class). */
    record Poison(String kind, byte[] value, String expected) {

        String id() {
            return "poison-" + kind;
        }

        @Override
        public String toString() {
            return kind + " -> " + expected;
        }
    }

    private PoisonCorpus() {}

    static List<Poison> all() {
        return List.of(
                // Not a record at all
                dlq("null-value", null, "EMPTY_PAYLOAD"),
                dlq("zero-bytes", new byte[0], "EMPTY_PAYLOAD"),
                dlq("whitespace-payload", " \t\r\n ".getBytes(UTF_8), "EMPTY_PAYLOAD"),
                dlq("plain-text-payload", "AAPL up 3%".getBytes(UTF_8), "UNKNOWN_FORMAT"),
                dlq("null-bytes-payload", new byte[] {0, 0, 0, 0}, "UNKNOWN_FORMAT"),
                dlq("json-array", "[{\"id\":\"x\"}]".getBytes(UTF_8), "UNKNOWN_FORMAT"),
                // Broken Avro
                dlq("truncated-avro", Arrays.copyOf(avro("truncated", "cut short"), 20), "MALFORMED_AVRO"),
                dlq("avro-header-only", Arrays.copyOf(avro("header", "x"), 10), "MALFORMED_AVRO"),
                dlq("avro-trailing-bytes", concat(avro("trailing", "extra"), new byte[] {1, 2, 3}), "MALFORMED_AVRO"),
                dlq("wrong-fingerprint", wrongFingerprint(), "UNKNOWN_SCHEMA_FINGERPRINT"),
                dlq("other-record-type", otherRecordType(), "UNKNOWN_SCHEMA_FINGERPRINT"),
                dlq("avro-invalid-utf8", invalidUtf8Avro(), "INVALID_UTF8"),
                // Broken JSON
                dlq("json-syntax", "{\"id\": \"j\", \"text\": ".getBytes(UTF_8), "MALFORMED_JSON"),
                dlq("json-duplicate-key", json("\"id\":\"a\",\"id\":\"b\",\"source\":\"s\",\"text\":\"t\""), "MALFORMED_JSON"),
                dlq("json-trailing-content", concat(json(fields("json-trailing", "\"ok\"")), " x".getBytes(UTF_8)),
                        "MALFORMED_JSON"),
                dlq("json-missing-text", json("\"id\":\"m\",\"source\":\"s\",\"publishedAt\":" + PUBLISHED_AT),
                        "MISSING_FIELD"),
                dlq("json-missing-id", json("\"source\":\"s\",\"text\":\"t\",\"publishedAt\":" + PUBLISHED_AT),
                        "MISSING_FIELD"),
                dlq("json-text-number", json(fields("json-text-number", "42")), "WRONG_FIELD_TYPE"),
                dlq("json-text-null", json(fields("json-text-null", "null")), "WRONG_FIELD_TYPE"),
                dlq("json-published-at-word", json("\"id\":\"w\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":\"yesterday\""),
                        "WRONG_FIELD_TYPE"),
                dlq("json-entities-string", json(fields("json-entities", "\"t\"") + ",\"entities\":\"AAPL\""),
                        "WRONG_FIELD_TYPE"),
                dlq("json-invalid-utf8", concat(concat("{\"id\":\"u\",\"source\":\"s\",\"text\":\"".getBytes(UTF_8),
                        new byte[] {(byte) 0xC3, (byte) 0x28}), ("\",\"publishedAt\":" + PUBLISHED_AT + "}").getBytes(UTF_8)),
                        "INVALID_UTF8"),
                // Decodable but nothing to score, or too large
                dlq("empty-text", avro("empty-text", ""), "EMPTY_TEXT"),
                dlq("whitespace-text", avro("whitespace-text", " \t\n\r\u2003 "), "EMPTY_TEXT"),
                dlq("json-empty-text", json(fields("json-empty-text", "\"\"")), "EMPTY_TEXT"),
                dlq("five-mib-text", avro("five-mib-text", "market ".repeat(FIVE_MIB / 7 + 1)), "RECORD_TOO_LARGE"),
                // Broken clocks: they would hold event time ahead, or are garbage
                dlq("published-2099", json("\"id\":\"f\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":\"2099-01-01T00:00:00Z\""),
                        "IMPLAUSIBLE_TIMESTAMP"),
                dlq("published-epoch-zero", json("\"id\":\"z\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":0"),
                        "IMPLAUSIBLE_TIMESTAMP"),
                // Awkward but valid texts: scored
                scored("json-valid", json(fields("poison-json-valid", "\"Tesla deliveries beat estimates\""))),
                scored("json-iso-time", json("\"id\":\"poison-json-iso-time\",\"source\":\"s\",\"text\":\"Yields climb\","
                        + "\"publishedAt\":\"2026-01-05T09:00:00+01:00\"")),
                scored("emoji", avroScored("emoji", "🚀🚀 $GME to the moon 🌕📈💎🙌")),
                scored("emoji-only", avroScored("emoji-only", "📉😱")),
                scored("chinese", avroScored("chinese", "苹果公司股价在财报发布后上涨了百分之五")),
                scored("arabic-rtl", avroScored("arabic-rtl", "ارتفعت أسهم البنوك بعد قرار الفائدة")),
                scored("rtl-override", avroScored("rtl-override", "Stocks \u202Eslaf\u202C today \u200F\u200E")),
                scored("zero-width", avroScored("zero-width", "Ap\u200Bple sha\u200Cres ri\u200Dse\uFEFF")),
                scored("control-chars", avroScored("control-chars", "Oil\u0001 falls\u0007\u001B[31m sharply\u007F")),
                scored("null-chars", avroScored("null-chars", "Gold\u0000 rises\u0000\u0000")),
                scored("html", avroScored("html", "<p><b>Breaking:</b> Fed <a href='x'>hikes</a> &amp; markets fall</p>")),
                scored("script", avroScored("script", "<script>alert('x');fetch('//evil')</script> bank stocks rally")),
                scored("sql", avroScored("sql", "'; DROP TABLE news; -- stocks rise")),
                scored("very-long-token", avroScored("very-long-token", "A".repeat(100_000))),
                scored("long-text", avroScored("long-text", "Shares rise on strong demand. ".repeat(10_000))),
                scored("combining-marks", avroScored("combining-marks", "Z\u0351\u036B\u0343a\u0344\u0361lgo s\u0308tocks")),
                scored("astral-symbols", avroScored("astral-symbols", "𝔖𝔱𝔬𝔠𝔨𝔰 𝕦𝕡 \uD83C\uDDFA\uD83C\uDDF8")),
                scored("single-char", avroScored("single-char", "a")),
                dlq("zero-width-only", avroScored("zero-width-only", "\u200B\u200B"), "EMPTY_TEXT"),
                dlq("no-break-space-only", avroScored("no-break-space-only", "\u00A0\u00A0"), "EMPTY_TEXT"),
                scored("newlines", avroScored("newlines", "Line one\n\n\nline two\r\n\tindented")));
    }

    private static Poison dlq(String kind, byte[] value, String errorClass) {
        return new Poison(kind, value, errorClass);
    }

    private static Poison scored(String kind, byte[] value) {
        return new Poison(kind, value, SCORED);
    }

    private static byte[] avroScored(String kind, String text) {
        return avro("poison-" + kind, text);
    }

    private static byte[] avro(String id, String text) {
        TextEvent event = TextEvent.newBuilder().setId(id).setSource("poison").setText(text)
                .setPublishedAt(Instant.ofEpochMilli(PUBLISHED_AT)).build();
        return RecordCodec.textEvents().encode(event, WireFormat.AVRO);
    }

    /** JSON fields of an event whose text is {@code textJson} (already JSON). */
    private static String fields(String id, String textJson) {
        return "\"id\":\"" + id + "\",\"source\":\"s\",\"text\":"
                + textJson + ",\"publishedAt\":" + PUBLISHED_AT;
    }

    private static byte[] json(String fields) {
        return ("{" + fields + "}").getBytes(UTF_8);
    }

    private static byte[] wrongFingerprint() {
        byte[] bytes = avro("fingerprint", "valid text, unknown schema");
        bytes[5] ^= 0x5A; // inside the 8-byte fingerprint after the C3 01 marker
        return bytes;
    }

    /** A valid Avro record of another contract (a model update): known fingerprint, wrong type for this topic. */
    private static byte[] otherRecordType() {
        ModelUpdate update = ModelUpdate.newBuilder().setVersion("v").setUri("file:/x").setManifestSha256("0".repeat(64))
                .setCreatedAt(Instant.ofEpochMilli(PUBLISHED_AT)).setMetrics(Map.of()).setReason("poison").build();
        return RecordCodec.modelUpdates().encode(update, WireFormat.AVRO);
    }

    private static byte[] invalidUtf8Avro() {
        byte[] bytes = avro("invalid-utf8", "ZZZZ");
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == 'Z' && bytes[i + 1] == 'Z' && bytes[i + 2] == 'Z' && bytes[i + 3] == 'Z') {
                bytes[i] = (byte) 0xFF;
                bytes[i + 1] = (byte) 0xFE;
                return bytes;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
