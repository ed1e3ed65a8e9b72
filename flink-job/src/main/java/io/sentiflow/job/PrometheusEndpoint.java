package io.sentiflow.job;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Flink's Prometheus reporter for a local run ({@code score}, {@code learner}, {@code demo}): the
 * same reporter the cluster deployment runs ({@code deploy/k8s/scoring-job.yaml}), on a port of this
 * machine, so local metrics can be scraped and the Grafana dashboards of {@code deploy/grafana} work
 * without a cluster. Immutable.
 *
 * @param port the port the reporter's HTTP server binds on every interface
 */
public record PrometheusEndpoint(int port) {

    static final ConfigOption<String> FACTORY = ConfigOptions.key("metrics.reporter.prom.factory.class")
            .stringType().noDefaultValue();
    static final ConfigOption<String> PORT = ConfigOptions.key("metrics.reporter.prom.port")
            .stringType().noDefaultValue();
    static final String FACTORY_CLASS = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    public PrometheusEndpoint {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Prometheus port must be between 1 and 65535, was " + port);
        }
    }

    /**
     * The endpoint on {@code requested}, or on a free port when it is 0.
     *
     * @param flag the option that asked for the port, named when it is in use
     * @throws IllegalArgumentException if the port is in use: the reporter would fail to start and the
     *     job run without metrics, while this run printed an address that answers nothing
     */
    public static PrometheusEndpoint onPort(int requested, String flag) {
        try (ServerSocket socket = new ServerSocket(requested)) {
            return new PrometheusEndpoint(socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalArgumentException("port " + requested + " for Prometheus metrics is in use (another"
                    + " local run?); stop it or pass " + flag + " 0 for a free port");
        }
    }

    /** The endpoint a configuration sets up, if it runs this reporter. */
    public static Optional<PrometheusEndpoint> of(ReadableConfig conf) {
        return conf.getOptional(FACTORY).filter(FACTORY_CLASS::equals)
                .flatMap(factory -> conf.getOptional(PORT))
                .map(port -> new PrometheusEndpoint(Integer.parseInt(port.strip())));
    }

    /** Adds the reporter to the Flink configuration of a local cluster. */
    public Configuration addTo(Configuration conf) {
        conf.set(FACTORY, FACTORY_CLASS);
        conf.set(PORT, Integer.toString(port));
        return conf;
    }

    /** Where Prometheus (or a person with curl) reads the metrics. */
    public String address() {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    /** Whether the reporter answers a scrape within {@code timeout}: it starts with the local cluster. */
    public boolean answers(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(address())).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
