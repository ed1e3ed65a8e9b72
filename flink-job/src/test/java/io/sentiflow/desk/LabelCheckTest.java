package io.sentiflow.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelCheckTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final TextView TEXT = new TextView("t-1", "$ACME shares plunge", 0, 0, "Neutral", 0.2f, 0.1f, 0.7f,
            "Stock Movement", 0.8f, List.of("ACME"), "v7", List.of("Earnings", "Stock Movement"));
    private final LabelCheck check = new LabelCheck();

    @Test
    void acceptsASentimentInAnyCaseAsTheLearnersClassWithWhoAndWhen() {
        var result = check.check(new LabelCheck.LabelRequest("t-1", "sentiment", " bearish ", " ana "), Optional.of(TEXT),
                "feedback.labels", NOW);

        assertThat(result).isInstanceOfSatisfying(LabelCheck.Accepted.class, accepted -> {
            assertThat(accepted.label().getLabel()).isEqualTo("Bearish");
            assertThat(accepted.label().getTask()).isEqualTo(Task.SENTIMENT);
            assertThat(accepted.label().getText()).isEqualTo(TEXT.text());
            assertThat(accepted.label().getAnnotator()).isEqualTo("ana");
            assertThat(accepted.label().getLabeledAt()).isEqualTo(NOW);
            assertThat(accepted.newTopic()).isFalse();
        });
        var again = (LabelCheck.Accepted) check.check(new LabelCheck.LabelRequest("t-1", "SENTIMENT", "Bearish", "ana"),
                Optional.of(TEXT), "feedback.labels", NOW.plusSeconds(5));
        assertThat(again.label().getId()).as("the same correction counts once")
                .isEqualTo(((LabelCheck.Accepted) result).label().getId());
    }

    @Test
    void takesAKnownTopicOrAWellFormedNewOne() {
        var known = check.check(new LabelCheck.LabelRequest("t-1", "TOPIC", "earnings", "ana"), Optional.of(TEXT), "f", NOW);
        var fresh = check.check(new LabelCheck.LabelRequest("t-1", "TOPIC", "Crypto & DeFi", "ana"), Optional.of(TEXT), "f", NOW);

        assertThat(((LabelCheck.Accepted) known).label().getLabel()).isEqualTo("Earnings");
        assertThat(((LabelCheck.Accepted) fresh).newTopic()).isTrue();
    }

    @Test
    void refusesMalformedLabelsSayingWhy() {
        assertRefused(new LabelCheck.LabelRequest("t-1", "SENTIMENT", "Very bad", "ana"), "not a sentiment");
        assertRefused(new LabelCheck.LabelRequest("t-1", "TOPIC", "7", "ana"), "neither a topic");
        assertRefused(new LabelCheck.LabelRequest("t-1", "TOPIC", "<script>alert(1)</script>", "ana"), "neither a topic");
        assertRefused(new LabelCheck.LabelRequest("t-1", "TOPIC", "   ", "ana"), "neither a topic");
        assertRefused(new LabelCheck.LabelRequest("t-1", "TOPIC", "x".repeat(61), "ana"), "neither a topic");
        assertRefused(new LabelCheck.LabelRequest("t-1", "SENTIMENT", "Bearish", " "), "say who you are");
        assertRefused(new LabelCheck.LabelRequest("t-1", "SENTIMENT", "Bearish", "ana\u0007"), "say who you are");
        assertRefused(new LabelCheck.LabelRequest("t-1", "MOOD", "Bearish", "ana"), "sentiment or topic");
        assertThat(check.check(new LabelCheck.LabelRequest("gone", "SENTIMENT", "Bearish", "ana"), Optional.empty(), "f",
                NOW)).isInstanceOfSatisfying(LabelCheck.Refused.class,
                        refused -> assertThat(refused.message()).contains("not on the desk"));
    }

    private void assertRefused(LabelCheck.LabelRequest request, String why) {
        assertThat(check.check(request, Optional.of(TEXT), "feedback.labels", NOW))
                .isInstanceOfSatisfying(LabelCheck.Refused.class, refused -> assertThat(refused.message()).contains(why));
    }
}
