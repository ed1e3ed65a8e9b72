package io.sentiflow.alerts;

import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.codec.RecordCodec;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Sends each alert as JSON (the schema's field names) to a webhook through a {@link WebhookClient}
 * per subtask, never blocking the job. Best effort, unlike the {@code alerts} topic: a full queue
 * drops alerts (gauge {@value #DROPPED}), and a recovery may send an alert again, so receivers
 * dedupe by {@code alertId}. Gauges {@value #DELIVERED}, {@value #FAILED}, {@value #DROPPED} are
 * under group {@code sentiflow}.
 */
public final class WebhookSink implements Sink<SentimentAlert> {

    private static final long serialVersionUID = 1L;
    public static final String DELIVERED = "webhookDelivered";
    public static final String FAILED = "webhookFailed";
    public static final String DROPPED = "webhookDropped";

    private final WebhookConfig config;

    public WebhookSink(WebhookConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter<SentimentAlert> createWriter(WriterInitContext context) {
        WebhookClient client = new WebhookClient(config);
        MetricGroup group = context.metricGroup().addGroup(AlertMetrics.GROUP);
        group.gauge(DELIVERED, (Gauge<Long>) client::delivered);
        group.gauge(FAILED, (Gauge<Long>) client::failed);
        group.gauge(DROPPED, (Gauge<Long>) client::dropped);
        return new Writer(client);
    }

    /** Offers each alert to the client; owns and closes the client. */
    private static final class Writer implements SinkWriter<SentimentAlert> {
        private final WebhookClient client;
        private final RecordCodec<SentimentAlert> codec = RecordCodec.sentimentAlerts();

        Writer(WebhookClient client) {
            this.client = client;
        }

        @Override
        public void write(SentimentAlert alert, Context context) {
            client.offer(codec.toJson(alert));
        }

        @Override
        public void flush(boolean endOfInput) {
            // Best effort by design: a checkpoint never waits for the webhook.
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
