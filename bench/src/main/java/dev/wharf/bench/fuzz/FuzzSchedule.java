package dev.wharf.bench.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides which mutation each index gets: a cycle of {@link #CYCLE} slots, in which each category holds its share
 * and each mutation its weight within it, shuffled by the seed. Any {@link #CYCLE} consecutive indexes therefore
 * hold every mutation, so that even a short run (the smoke) covers them all; the case's own random numbers come from
 * the seed and the index alone.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class FuzzSchedule {

    /** Slots in one cycle; every mutation gets at least one. */
    static final int CYCLE = 2_000;

    private record Slot(CaseGenerator generator, String mutation) {}

    private final long seed;
    private final List<Slot> slots;

    FuzzSchedule(long seed, List<CaseGenerator> generators, Map<FuzzCase.Category, Double> shares) {
        this.seed = seed;
        List<Slot> cycle = new ArrayList<>(CYCLE + 64);
        for (CaseGenerator generator : generators) {
            double share = shares.getOrDefault(generator.category(), 0.0);
            int weights = generator.mutations().stream()
                    .mapToInt(CaseGenerator.Mutation::weight)
                    .sum();
            for (CaseGenerator.Mutation mutation : generator.mutations()) {
                long count = Math.max(1, Math.round(CYCLE * share * mutation.weight() / weights));
                for (long i = 0; i < count; i++) {
                    cycle.add(new Slot(generator, mutation.name()));
                }
            }
        }
        SplittableRandom shuffle = new SplittableRandom(seed);
        for (int i = cycle.size() - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            Slot swap = cycle.get(i);
            cycle.set(i, cycle.get(j));
            cycle.set(j, swap);
        }
        this.slots = List.copyOf(cycle);
    }

    int cycleLength() {
        return slots.size();
    }

    FuzzCase caseAt(long index) {
        Slot slot = slots.get((int) Math.floorMod(index, (long) slots.size()));
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        return slot.generator().generate(slot.mutation(), index, random);
    }

    /** Every mutation, as {@code category/mutation}, for the listing. */
    List<String> mutations() {
        List<String> names = new ArrayList<>();
        for (Slot slot : slots) {
            String name = slot.generator().category().label + "/" + slot.mutation();
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }
}
