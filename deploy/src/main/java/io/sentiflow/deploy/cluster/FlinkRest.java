package io.sentiflow.deploy.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The few calls of Flink's REST API that the cluster tests and the pipeline benchmark make, over
 * {@code java.net.http}: upload a jar, run it, read a job's state and restarts, cancel it.
 * Not thread-safe beyond HttpClient's own.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /jars/upload} as multipart form data; returns the jar id for {@link #run}. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "sentiflow-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(UTF_8);
        // Streamed from the file: the shaded jar is hundreds of megabytes.
        JsonNode reply = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail))));
        String file = reply.path("filename").asText();
        return Path.of(file).getFileName().toString();
    }

    /** {@code POST /jars/{id}/run}; returns the job id. */
    public String run(String jarId, String entryClass, List<String> programArgs) throws IOException, InterruptedException {
        String request = JSON.writeValueAsString(Map.of("entryClass", entryClass, "programArgsList", programArgs));
        JsonNode reply = send(HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)));
        return reply.path("jobid").asText();
    }

    /** The job's state, e.g. RUNNING, RESTARTING, CANCELED, FAILED. */
    public String state(String jobId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/jobs/" + jobId)).GET()).path("state").asText();
    }

    /** Whether every task of the job runs (a job can be RUNNING while its tasks still deploy). */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode counts = send(HttpRequest.newBuilder(uri("/jobs/" + jobId)).GET()).path("status-counts");
        int running = counts.path("RUNNING").asInt();
        int total = 0;
        for (JsonNode count : counts) {
            total += count.asInt();
        }
        return running > 0 && running == total;
    }

    /** The resource ids of the TaskManagers running the job's tasks now. */
    public Set<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : send(HttpRequest.newBuilder(uri("/jobs/" + jobId)).GET()).path("vertices")) {
            JsonNode hosts = send(HttpRequest.newBuilder(
                    uri("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")).GET());
            hosts.path("taskmanagers").forEach(tm -> ids.add(tm.path("taskmanager-id").asText()));
        }
        return ids;
    }

    /** The job's {@code numRestarts} metric; 0 before it is reported. */
    public long restarts(String jobId) throws IOException, InterruptedException {
        JsonNode metrics = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/metrics?get=numRestarts")).GET());
        for (JsonNode metric : metrics) {
            return metric.path("value").asLong();
        }
        return 0;
    }

    /** The id of the checkpoint the job last restored from; -1 when it never restored. */
    public long restoredCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode checkpoints = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints")).GET());
        return checkpoints.path("latest").path("restored").path("id").asLong(-1);
    }

    /** The job's latest root exception, for failure messages; empty when there is none. */
    public String rootException(String jobId) throws IOException, InterruptedException {
        JsonNode history = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/exceptions?maxExceptions=1")).GET());
        return history.path("exceptionHistory").path("entries").path(0).path("stacktrace").asText("")
                .lines().limit(12).reduce("", (a, b) -> a + "\n" + b);
    }

    /** {@code PATCH /jobs/{id}?mode=cancel}. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(CALL_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
