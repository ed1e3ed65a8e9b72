package io.sentiflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

    @Test
    void readsDoubleDashPairsEqualsFormsAndFlags() {
        Configuration conf = JobArguments.parse(
                "--sentiflow.job.parallelism", "2",
                "--sentiflow.job.raw-topic=in",
                "sentiflow.model.store=/models",
                "--sentiflow.job.bounded");

        assertThat(conf.get(ScoringJobOptions.PARALLELISM)).isEqualTo(2);
        assertThat(conf.get(ScoringJobOptions.RAW_TOPIC)).isEqualTo("in");
        assertThat(conf.toMap()).containsEntry("sentiflow.model.store", "/models");
        assertThat(conf.get(ScoringJobOptions.BOUNDED)).isTrue();
    }

    @Test
    void refusesBareWordsNamingThem() {
        assertThatThrownBy(() -> JobArguments.parse("oops")).hasMessageContaining("'oops'");
    }
}
