package io.sentiflow.it.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Real headlines in and scored ids out, on fresh topics of the shared test broker. */
final class ClusterTexts {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private final KafkaBrokerExtension kafka;
    private final List<String> headlines;

    ClusterTexts(KafkaBrokerExtension kafka) {
        this.kafka = kafka;
        this.headlines = headlines();
    }

    /** One job's topics; no two jobs share an output topic (a cancelled job's open transaction holds readers back). */
    record Topics(String raw, String scored, String dlq, String updates, String alerts) {

        Topics withFreshOutputs(ClusterTexts texts, String test) {
            Topics fresh = texts.topics(test);
            return new Topics(raw, fresh.scored(), fresh.dlq(), fresh.updates(), fresh.alerts());
        }
    }

    Topics topics(String test) {
        return new Topics(
                kafka.createUniqueTopic(test + "-raw", 4),
                kafka.createUniqueTopic(test + "-scored", 2),
                kafka.createUniqueTopic(test + "-dlq", 1),
                kafka.createUniqueTopic(test + "-updates", 1),
                kafka.createUniqueTopic(test + "-alerts", 1));
    }

    /** Sends {@code count} text events numbered from {@code first}, acknowledged by the broker; returns their ids. */
    List<String> send(String topic, int first, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int seq = first; seq < first + count; seq++) {
                TextEvent event = TextEvent.newBuilder().setId("text-" + seq).setSource("cluster-it")
                        .setText(headlines.get(seq % headlines.size())).setPublishedAt(START.plusSeconds(seq)).build();
                ids.add(event.getId());
                sent.add(producer.send(new ProducerRecord<>(topic, event.getId().getBytes(UTF_8),
                        RecordCodec.textEvents().encode(event, WireFormat.AVRO))));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending test records failed", e.getCause());
        }
        return ids;
    }

    /** The ids of every committed scored text: read under read_committed up to each partition's last stable offset. */
    List<String> committedIds(String topic) {
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    Decoded<ScoredText> decoded = codec.decode(record.value());
                    ids.add(decoded instanceof Decoded.Ok<ScoredText> ok ? ok.value().getId() : "undecodable");
                });
            }
        }
        return ids;
    }

    private static List<String> headlines() {
        Path csv = Path.of(System.getProperty("sentiflow.data.dir", "../shared/data"))
                .resolve("twitter_financial_news_sentiment/sent_valid.csv");
        try (Reader in = Files.newBufferedReader(csv, UTF_8)) {
            List<String> texts = new ArrayList<>();
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (!row.get("text").isBlank()) {
                    texts.add(row.get("text"));
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
