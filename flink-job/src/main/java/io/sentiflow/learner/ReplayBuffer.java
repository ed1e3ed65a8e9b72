package io.sentiflow.learner;

import io.sentiflow.training.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The replay buffer's rule, kept apart from Flink state: at most a budget of examples per task, the
 * newest kept, so published feedback gradually replaces the sampled training data of its task while
 * the buffer keeps its size. Stateless.
 */
public final class ReplayBuffer {

    private ReplayBuffer() {}

    /** Examples sorted by arrival, the order rounds see them in. */
    public static List<StoredExample> inArrivalOrder(Iterable<StoredExample> examples) {
        List<StoredExample> sorted = new ArrayList<>();
        examples.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(StoredExample::sequence));
        return sorted;
    }

    /** Ids of {@code buffer} to drop, oldest first, so that no task holds more than its budget. */
    public static List<String> overflow(Collection<StoredExample> buffer, Map<Task, Integer> budget) {
        Map<Task, List<StoredExample>> byTask = new EnumMap<>(Task.class);
        for (StoredExample example : inArrivalOrder(buffer)) {
            byTask.computeIfAbsent(example.task(), task -> new ArrayList<>()).add(example);
        }
        List<String> drop = new ArrayList<>();
        byTask.forEach((task, examples) -> {
            int excess = examples.size() - budget.getOrDefault(task, 0);
            for (int i = 0; i < excess; i++) {
                drop.add(examples.get(i).id());
            }
        });
        return drop;
    }
}
