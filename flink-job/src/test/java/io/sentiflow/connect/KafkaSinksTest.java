package io.sentiflow.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaSinksTest {

    private final KafkaConnection connection = KafkaConnection.of("127.0.0.1:1");

    @Test
    void refusesTransactionTimeoutAboveBrokerMaximum() {
        assertThatThrownBy(() -> KafkaSinks.exactlyOnce(connection, "sentiflow-test",
                        Duration.ofMinutes(16), new DeadLetterSerializationSchema("news.dlq", 1 << 20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most the broker's maximum");
    }

    @Test
    void refusesBlankTransactionalIdPrefix() {
        assertThatThrownBy(() -> KafkaSinks.exactlyOnce(connection, " ",
                        Duration.ofMinutes(1), new DeadLetterSerializationSchema("news.dlq", 1 << 20)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsWithinTheLimit() {
        assertThat(KafkaSinks.exactlyOnce(connection, "sentiflow-test", Duration.ofMinutes(15),
                        new DeadLetterSerializationSchema("news.dlq", 1 << 20)))
                .isNotNull();
    }

    @Test
    void refusesADeadLetterLimitWithoutRoomForTheHeaders() {
        assertThatThrownBy(() -> KafkaSinks.deadLetters(connection, "sentiflow-test", Duration.ofMinutes(1),
                        "news.dlq", 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.message.bytes");
    }
}
