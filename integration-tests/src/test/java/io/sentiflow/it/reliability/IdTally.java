package io.sentiflow.it.reliability;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Exactly-once arithmetic over record ids: how many came out, how many of those repeat an id
 * already seen, and how many ids sent never came out.
 *
 * @param sent distinct ids sent
 * @param out records read back, repeats included
 * @param duplicates records read back whose id was already read
 * @param losses ids sent that were never read back
 * @param unexpected distinct ids read back that were never sent
 */
public record IdTally(long sent, long out, long duplicates, long losses, long unexpected) {

    public static IdTally of(Collection<String> sentIds, Collection<String> outIds) {
        Set<String> sent = new HashSet<>(sentIds);
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        for (String id : outIds) {
            if (!seen.add(id)) {
                duplicates++;
            }
        }
        long losses = sent.stream().filter(id -> !seen.contains(id)).count();
        long unexpected = seen.stream().filter(id -> !sent.contains(id)).count();
        return new IdTally(sent.size(), outIds.size(), duplicates, losses, unexpected);
    }

    /** Every id sent came out exactly once and nothing else came out. */
    public boolean exactlyOnce() {
        return duplicates == 0 && losses == 0 && unexpected == 0;
    }
}
