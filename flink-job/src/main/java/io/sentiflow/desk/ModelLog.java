package io.sentiflow.desk;

import io.sentiflow.schema.ModelUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which model version serves, as the desk can tell: the version of the newest scored text it read (what
 * actually scores), and the versions announced on {@code model.updates} (what was asked to serve).
 * Not thread safe; {@link DeskState} guards it.
 */
final class ModelLog {

    /**
     * A version announced on model.updates.
     *
     * @param announcedAt when it was written to the topic (Kafka timestamp), epoch milliseconds
     */
    record Announcement(String version, String parentVersion, String reason, long createdAt, long announcedAt) {}

    /**
     * What the page shows.
     *
     * @param serving the version of the newest scored text, or null before the first
     * @param servingSince scoredAt of the first text the desk saw scored with it
     * @param lastScoredAt scoredAt of the newest scored text
     * @param announcements every announcement read, oldest first
     */
    record Status(String serving, long servingSince, long lastScoredAt, List<Announcement> announcements) {}

    private final List<Announcement> announcements = new ArrayList<>();
    private String serving;
    private long servingSince;
    private long lastScoredAt = Long.MIN_VALUE;

    void announced(ModelUpdate update, long timestamp) {
        announcements.add(new Announcement(update.getVersion(), update.getParentVersion(), update.getReason(),
                update.getCreatedAt().toEpochMilli(), timestamp));
    }

    /** Texts of several subtasks arrive interleaved: only a newer text than any before may change the version. */
    void scored(TextView text) {
        if (text.scoredAt() < lastScoredAt) {
            return;
        }
        lastScoredAt = text.scoredAt();
        if (!text.modelVersion().equals(serving)) {
            serving = text.modelVersion();
            servingSince = text.scoredAt();
        }
    }

    Status status() {
        return new Status(serving, servingSince, lastScoredAt, List.copyOf(announcements));
    }
}
