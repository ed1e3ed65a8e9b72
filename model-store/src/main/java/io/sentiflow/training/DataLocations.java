package io.sentiflow.training;

import java.nio.file.Path;

/**
 * Where the shared labelled data lives: system property {@code sentiflow.data.dir}, else
 * {@code <sentiflow.home>/../shared/data}, else {@code ../shared/data} from the working directory.
 * Data is read in place, never copied.
 */
public record DataLocations(Path root) {

    public static DataLocations fromSystemProperties() {
        String dir = System.getProperty("sentiflow.data.dir");
        if (dir != null && !dir.isBlank()) {
            return new DataLocations(Path.of(dir));
        }
        String home = System.getProperty("sentiflow.home");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of("");
        return new DataLocations(base.toAbsolutePath().resolve("../shared/data").normalize());
    }

    public Path sentimentDir() {
        return root.resolve("twitter_financial_news_sentiment");
    }

    public Path topicDir() {
        return root.resolve("twitter_financial_news_topic");
    }

    public Path sentimentTrain() {
        return sentimentDir().resolve("sent_train.csv");
    }

    public Path sentimentValid() {
        return sentimentDir().resolve("sent_valid.csv");
    }

    public Path sentimentLabels() {
        return sentimentDir().resolve("sentiment_labels.csv");
    }

    public Path topicTrain() {
        return topicDir().resolve("topic_train.csv");
    }

    public Path topicValid() {
        return topicDir().resolve("topic_valid.csv");
    }

    public Path topicLabels() {
        return topicDir().resolve("topic_labels.csv");
    }

    /** Train split of a task. */
    public Path train(Task task) {
        return task == Task.TOPIC ? topicTrain() : sentimentTrain();
    }

    /** Label map of a task. */
    public Path labels(Task task) {
        return task == Task.TOPIC ? topicLabels() : sentimentLabels();
    }
}
