package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.cli.io.InputException;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackFileTest {

    private static final List<String> SENTIMENTS = List.of("Bearish", "Bullish", "Neutral");
    private static final List<String> TOPICS = List.of("Analyst Update", "Earnings");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;

    @Test
    void resolvesNamesInAnyCaseAndIdsToTheModelsClassNames() throws Exception {
        Path csv = write("text,label\n\"Shares fall, again\",bearish\nShares rise,1\n");

        List<LabeledText> labels = FeedbackFile.read(csv, Task.SENTIMENT, SENTIMENTS, "ann", NOW).labels();

        assertThat(labels).extracting(LabeledText::getLabel).containsExactly("Bearish", "Bullish");
        assertThat(labels).extracting(LabeledText::getText).containsExactly("Shares fall, again", "Shares rise");
        assertThat(labels.get(0).getAnnotator()).isEqualTo("ann");
        assertThat(labels.get(0).getId()).isEqualTo(
                FeedbackFile.read(csv, Task.SENTIMENT, SENTIMENTS, null, NOW).labels().get(0).getId());
    }

    @Test
    void reportsNewTopicNamesWithTheirCountsInTheirFirstSpelling() throws Exception {
        Path csv = write("text,label\na,Crypto\nb,crypto\nc,earnings\nd,Crypto\n");

        FeedbackFile.Labels labels = FeedbackFile.read(csv, Task.TOPIC, TOPICS, null, NOW);

        assertThat(labels.newTopics()).containsExactly(java.util.Map.entry("Crypto", 3));
        assertThat(labels.labels()).extracting(LabeledText::getLabel)
                .containsExactly("Crypto", "Crypto", "Earnings", "Crypto");
    }

    @Test
    void namesTheLineOfEveryBadRowAndSendsNothing() throws Exception {
        Path csv = write("text,label\nfine,Bullish\n\"two\nlines\",Sideways\n,Bearish\nok,7\n");

        assertThatThrownBy(() -> FeedbackFile.read(csv, Task.SENTIMENT, SENTIMENTS, null, NOW))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("3 bad rows")
                .hasMessageContaining("line 3: label 'Sideways'")
                .hasMessageContaining("line 5: empty text")
                .hasMessageContaining("line 6: label '7'");
    }

    @Test
    void refusesAFileWithoutTextAndLabelColumns() throws Exception {
        Path csv = write("headline,sentiment\na,Bullish\n");

        assertThatThrownBy(() -> FeedbackFile.read(csv, Task.SENTIMENT, SENTIMENTS, null, NOW))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("'text' and 'label'");
    }

    private Path write(String content) throws Exception {
        return Files.writeString(dir.resolve("labels.csv"), content);
    }
}
