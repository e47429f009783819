package dev.wharf.bench.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the cases of one category. Implementations are thread-safe and deterministic: the case for a mutation
 * depends only on the index and the random numbers drawn from {@code random}, never on time or on earlier cases.
 */
interface CaseGenerator {

    /** One kind of mutation and how often it is drawn, relative to the others of every category. */
    record Mutation(String name, int weight) {}

    FuzzCase.Category category();

    List<Mutation> mutations();

    /** The case for {@code mutation} at {@code index}; {@code random} is seeded from the run's seed and the index. */
    FuzzCase generate(String mutation, long index, SplittableRandom random);
}
