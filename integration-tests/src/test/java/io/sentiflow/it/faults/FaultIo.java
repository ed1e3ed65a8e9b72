package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test input and committed output of the fault tests against the shared broker. */
final class FaultIo {

    /** Raw and dead-letter topics of the fault tests take records this large (a 5 MiB text must fit). */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<String> HEADLINES = List.of(
            "$AAPL shares rise after earnings beat expectations",
            "Fed signals rates will stay higher for longer",
            "Oil slides as inventories build for a third week",
            "Bank stocks fall on credit worries",
            "Gold steady ahead of the jobs report");

    private final KafkaBrokerExtension kafka;

    FaultIo(KafkaBrokerExtension kafka) {
        this.kafka = kafka;
    }

    /** A valid event {@code seq} with id {@code id}. */
    static TextEvent event(String id, int seq) {
        return TextEvent.newBuilder()
                .setId(id)
                .setSource("faults-it")
                .setText(HEADLINES.get(seq % HEADLINES.size()))
                .setPublishedAt(START.plusSeconds(seq))
                .build();
    }

    static byte[] avro(TextEvent event) {
        return RecordCodec.textEvents().encode(event, WireFormat.AVRO);
    }

    /** Sends the records in order and waits until the broker acknowledged every one. */
    List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(4L * MAX_MESSAGE_BYTES));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                acknowledged.add(future.get());
            }
            return acknowledged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending test records failed", e.getCause());
        }
    }

    /** Every committed record of {@code topic} up to each partition's last stable offset as it stands now. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Properties props = kafka.consumerProperties();
        props.put("max.partition.fetch.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static List<ScoredText> decodeScored(List<ConsumerRecord<byte[], byte[]>> records) {
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        return records.stream().map(r -> ((Decoded.Ok<ScoredText>) codec.decode(r.value())).value()).toList();
    }

    static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        return headers;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
