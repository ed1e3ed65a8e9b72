package io.sentiflow.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.connect.KafkaConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desk with no Kafka to read: it serves its page and uPlot from the jar, says Kafka is unreachable,
 * refuses malformed requests and sends nothing.
 */
@Timeout(120)
class DeskWithoutKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Desk desk;

    @BeforeAll
    static void startWithoutKafka() throws IOException {
        Configuration conf = new Configuration();
        conf.set(DeskOptions.PORT, 0);
        desk = Desk.start(KafkaConnection.of("127.0.0.1:" + closedPort()), DeskConfig.fromConfiguration(conf));
    }

    @AfterAll
    static void stop() {
        desk.close();
    }

    @Test
    void servesItsPageAndUplotFromTheJar() throws Exception {
        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sentiflow desk").doesNotContain("{{uplot}}").doesNotContain("https://");
        String uplot = page.body().replaceAll("(?s).*src=\"(/webjars/uplot/[^\"]+)\".*", "$1");

        assertThat(get(uplot.substring(1)).statusCode()).isEqualTo(200);
        assertThat(get("desk.js").body()).contains("EventSource");
    }

    @Test
    void saysKafkaIsUnreachableWithinSeconds() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode kafka = overview().path("kafka");
        while (kafka.path("since").asLong() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            kafka = overview().path("kafka");
        }
        assertThat(kafka.path("up").asBoolean()).isFalse();
        assertThat(kafka.path("problem").asText()).contains("no answer from Kafka");
        assertThat(overview().path("model").path("serving").isNull()).isTrue();
    }

    @Test
    void refusesALabelThatIsNotJsonOrNamesNoTextAndSendsNothing() throws Exception {
        HttpResponse<String> plain = post("api/labels", "text/plain", "{\"textId\":\"x\"}");
        assertThat(plain.statusCode()).isEqualTo(415);

        HttpResponse<String> unknown = post("api/labels", "application/json",
                "{\"textId\":\"nowhere\",\"task\":\"SENTIMENT\",\"label\":\"Bearish\",\"annotator\":\"ana\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(unknown.body()).path("outcome").asText()).isEqualTo("refused");
        assertThat(JSON.readTree(unknown.body()).path("message").asText()).contains("not on the desk");

        HttpResponse<String> broken = post("api/verdicts", "application/json", "{\"alertId\":");
        assertThat(broken.statusCode()).isEqualTo(400);
    }

    private static JsonNode overview() throws Exception {
        return JSON.readTree(get("api/overview").body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(desk.address() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(desk.address() + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
