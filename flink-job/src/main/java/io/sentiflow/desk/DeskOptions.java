package io.sentiflow.desk;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Configuration keys of the risk desk, {@code sentiflow.desk.*}. The desk reads the scoring job's
 * topics under the job's own keys ({@code sentiflow.job.*-topic}), sends labels to the learner's
 * {@code sentiflow.learner.feedback-topic} and reads versions from {@code sentiflow.model.store}, so
 * one configuration serves the job, the learner and the desk. Read them with {@link DeskConfig}.
 */
public final class DeskOptions {

    public static final ConfigOption<String> HOST =
            ConfigOptions.key("sentiflow.desk.host")
                    .stringType()
                    .defaultValue("127.0.0.1")
                    .withDescription("Address the desk's web server binds; 0.0.0.0 lets other machines in"
                            + " (it has no login: keep it on a trusted network).");

    public static final ConfigOption<Integer> PORT =
            ConfigOptions.key("sentiflow.desk.port")
                    .intType()
                    .defaultValue(8090)
                    .withDescription("Port of the desk's web server; 0 picks a free one.");

    public static final ConfigOption<Duration> HISTORY =
            ConfigOptions.key("sentiflow.desk.history")
                    .durationType()
                    .defaultValue(Duration.ofHours(6))
                    .withDescription("How far back (by write time) the desk reads alerts, window statistics and"
                            + " verdicts when it starts, and how long it keeps a key's windows.");

    public static final ConfigOption<Duration> TEXTS_LOOKBACK =
            ConfigOptions.key("sentiflow.desk.texts-lookback")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription("How far back (by write time) the desk reads news.scored and news.dlq when it"
                            + " starts: the evidence of older alerts shows as the alert carries it.");

    public static final ConfigOption<Integer> MAX_TEXTS =
            ConfigOptions.key("sentiflow.desk.max-texts")
                    .intType()
                    .defaultValue(20_000)
                    .withDescription("Scored texts kept in memory for evidence and relabelling; older ones are"
                            + " dropped, except the evidence of alerts.");

    public static final ConfigOption<String> VERDICTS_TOPIC =
            ConfigOptions.key("sentiflow.desk.verdicts-topic")
                    .stringType()
                    .defaultValue("alerts.verdicts")
                    .withDescription("Compacted topic of the analysts' AlertVerdicts (useful or noise).");

    private DeskOptions() {}
}
