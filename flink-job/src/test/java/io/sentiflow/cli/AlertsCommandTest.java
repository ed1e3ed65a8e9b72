package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code sentiflow alerts} against a real broker. */
class AlertsCommandTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void printsEveryAlertReadablyAndReportsWhatDoesNotDecode() throws Exception {
        String topic = KAFKA.createUniqueTopic("alerts", 1);
        RecordCodec<SentimentAlert> codec = RecordCodec.sentimentAlerts();
        send(topic, codec.encode(AlertFormatterTest.alert(AlertState.FIRING), WireFormat.AVRO),
                "not an alert".getBytes(StandardCharsets.UTF_8),
                codec.encode(AlertFormatterTest.alert(AlertState.RESOLVED), WireFormat.AVRO));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new AlertsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", topic, "--from-beginning",
                        "--idle-timeout", "2s");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("FIRING   CRITICAL  entity TSLA", "RESOLVED CRITICAL  entity TSLA",
                "negative 95% vs a normal 17% (z 6.2)");
        assertThat(err.toString()).contains(topic + "-0@1 could not be decoded", "(1 could not be decoded)");
    }

    @Test
    void printsJsonLinesWithTheSchemasFieldNames() throws Exception {
        String topic = KAFKA.createUniqueTopic("alerts", 1);
        send(topic, RecordCodec.sentimentAlerts().encode(AlertFormatterTest.alert(AlertState.FIRING), WireFormat.AVRO));
        StringWriter out = new StringWriter();

        new CommandLine(new AlertsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", topic, "--from-beginning",
                        "--max", "1", "--json");

        assertThat(out.toString().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{").contains("\"alertId\":\"abac54c6-99aa-31cf-91d7-bdaceff893ad\"", "\"state\":\"FIRING\""));
    }

    private static void send(String topic, byte[]... values) throws Exception {
        Properties props = KAFKA.connection().toProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }
}
