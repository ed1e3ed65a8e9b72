package io.sentiflow.alerts;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Keys of the optional alert webhook, under {@code sentiflow.alerts.webhook.*}. The webhook is off
 * unless {@link #URL} is set. Read them through {@link WebhookConfig#fromConfiguration}.
 */
public final class WebhookOptions {

    private static final String PREFIX = "sentiflow.alerts.webhook.";

    public static final ConfigOption<String> URL = ConfigOptions.key(PREFIX + "url").stringType().noDefaultValue()
            .withDescription("http(s) URL that receives each alert as a JSON POST (chat, paging tools); "
                    + "unset: no webhook.");

    public static final ConfigOption<Integer> QUEUE_CAPACITY =
            ConfigOptions.key(PREFIX + "queue-capacity").intType().defaultValue(1000)
                    .withDescription("Alerts waiting for delivery per subtask; when full, new alerts are "
                            + "dropped and counted (webhookDropped) rather than slowing the job.");

    public static final ConfigOption<Integer> MAX_ATTEMPTS =
            ConfigOptions.key(PREFIX + "max-attempts").intType().defaultValue(5)
                    .withDescription("Tries per alert, counting the first; connection errors, 429 and 5xx "
                            + "are retried, other answers are not.");

    public static final ConfigOption<Duration> INITIAL_BACKOFF =
            ConfigOptions.key(PREFIX + "initial-backoff").durationType().defaultValue(Duration.ofMillis(500))
                    .withDescription("Wait before the first retry; doubles with each further retry.");

    public static final ConfigOption<Duration> MAX_BACKOFF =
            ConfigOptions.key(PREFIX + "max-backoff").durationType().defaultValue(Duration.ofSeconds(30))
                    .withDescription("Longest wait between two tries.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key(PREFIX + "request-timeout").durationType().defaultValue(Duration.ofSeconds(5))
                    .withDescription("How long one POST may take.");

    public static final ConfigOption<Duration> DRAIN_TIMEOUT =
            ConfigOptions.key(PREFIX + "drain-timeout").durationType().defaultValue(Duration.ofSeconds(10))
                    .withDescription("On close (end of a bounded run, cancel), how long queued alerts may "
                            + "still be delivered.");

    private WebhookOptions() {}
}
