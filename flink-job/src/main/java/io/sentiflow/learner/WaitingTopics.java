package io.sentiflow.learner;

import io.sentiflow.training.Task;
import java.util.List;

/**
 * Which labels outlive a round: those naming a topic the parent does not know that did not become a
 * new class (fewer than {@code min-new-topic-examples} so far). They wait for more examples of their
 * topic; every other label is used up by the round. Stateless.
 */
final class WaitingTopics {

    private WaitingTopics() {}

    static boolean isWaiting(StoredExample example, List<String> knownTopics, List<String> newTopics) {
        return example.task() == Task.TOPIC
                && knownTopics.stream().noneMatch(example.label()::equalsIgnoreCase)
                && newTopics.stream().noneMatch(example.label()::equalsIgnoreCase);
    }
}
