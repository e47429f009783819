package dev.wharf.sqs.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A FIFO queue's message groups: per group its messages in send order, and a queue of groups that may have become
 * receivable.
 *
 * <p>A group is receivable when its first message is ready and none of its messages is in flight. Rather than scanning
 * every group, a receive looks only at groups that an event put in the ready-group queue: one of their messages
 * became ready (learned from {@link MessageIndex#drainReady}), or one of their messages left the queue. Every event
 * queues its group at most once, so the work of a receive is bounded by the events since the last one, and each
 * receive looks at no more than {@link #POLLS_MAX} groups.
 *
 * <p>The messages of a group that are in flight always lie among its first few: a receive takes a run from the head of
 * an unblocked group, at most ten, and the group stays blocked until none of them is in flight. So checking the first
 * {@link #SCAN_MAX} entries finds any message in flight.
 *
 * <p>Not thread-safe: the owning {@link Queue}'s lock must be held for every call.
 */
final class FifoGroups {

    /** How many entries from a group's head are checked for messages in flight. */
    static final int SCAN_MAX = 64;
    /** How many queued groups one receive looks at, at most. */
    static final int POLLS_MAX = 4_096;
    /** How far into a group a removal searches for the message; beyond, the entry is skipped when met. */
    private static final int REMOVE_SEARCH_MAX = 1_024;

    /** One message group. */
    private static final class Group {
        final String id;
        final int number;
        final SequenceRing sequences = new SequenceRing();
        boolean queued;

        Group(String id, int number) {
            this.id = id;
            this.number = number;
        }
    }

    private final Map<String, Group> byId = new HashMap<>();
    private final List<@Nullable Group> byNumber = new ArrayList<>();
    private final ArrayDeque<Integer> freeNumbers = new ArrayDeque<>();
    private final SequenceRing readyGroups = new SequenceRing();

    int groupCount() {
        return byId.size();
    }

    /** Appends a message to its group and returns the group's number, to keep as the message's index tag. */
    int add(long sequence, String groupId) {
        Group group = byId.get(groupId);
        if (group == null) {
            Integer free = freeNumbers.pollFirst();
            int number = free == null ? byNumber.size() + 1 : free;
            group = new Group(groupId, number);
            if (free == null) {
                byNumber.add(group);
            } else {
                byNumber.set(number - 1, group);
            }
            byId.put(groupId, group);
        }
        group.sequences.addLast(sequence);
        return group.number;
    }

    /** The id of the group with this number, or null. */
    @Nullable
    String groupId(int number) {
        Group group = group(number);
        return group == null ? null : group.id;
    }

    private @Nullable Group group(int number) {
        return number <= 0 || number > byNumber.size() ? null : byNumber.get(number - 1);
    }

    /** Notes that a message of the group became ready. */
    void onReady(int number) {
        Group group = group(number);
        if (group != null) {
            enqueue(group);
        }
    }

    /** Notes that a message left the queue; call it after the index forgot the message. */
    void onRemoved(long sequence, int number) {
        Group group = group(number);
        if (group == null) {
            return;
        }
        group.sequences.remove(sequence, REMOVE_SEARCH_MAX);
        enqueue(group);
    }

    private void enqueue(Group group) {
        if (!group.queued) {
            group.queued = true;
            readyGroups.addLast(group.number);
        }
    }

    /**
     * Takes, from groups that are receivable, up to {@code room} messages: runs of ready messages from the heads of
     * groups, in each group's order. The messages stay ready in the index until the caller receives them; if it does
     * not, it must call {@link #requeue}.
     */
    List<Long> take(MessageIndex index, int room) {
        List<Long> taken = new ArrayList<>();
        for (int polls = 0; taken.size() < room && !readyGroups.isEmpty() && polls < POLLS_MAX; polls++) {
            Group group = group((int) readyGroups.pollFirst());
            if (group == null) {
                continue;
            }
            group.queued = false;
            dropDeadHead(group, index);
            if (group.sequences.isEmpty()) {
                forget(group);
                continue;
            }
            if (blocked(group, index)) {
                continue;
            }
            int size = group.sequences.size();
            for (int i = 0; i < size && taken.size() < room; i++) {
                long sequence = group.sequences.get(i);
                int slot = index.slot(sequence);
                if (slot < 0) {
                    continue;
                }
                if (index.state(slot) != MessageIndex.READY) {
                    break;
                }
                taken.add(sequence);
            }
        }
        return taken;
    }

    /** Queues again the groups of messages that {@link #take} returned but that were not received. */
    void requeue(MessageIndex index, List<Long> taken) {
        for (long sequence : taken) {
            int slot = index.slot(sequence);
            if (slot >= 0) {
                onReady(index.tag(slot));
            }
        }
    }

    private static void dropDeadHead(Group group, MessageIndex index) {
        while (!group.sequences.isEmpty() && index.slot(group.sequences.get(0)) < 0) {
            group.sequences.pollFirst();
        }
    }

    private static boolean blocked(Group group, MessageIndex index) {
        int scan = Math.min(group.sequences.size(), SCAN_MAX);
        for (int i = 0; i < scan; i++) {
            int slot = index.slot(group.sequences.get(i));
            if (slot >= 0 && index.state(slot) == MessageIndex.IN_FLIGHT) {
                return true;
            }
        }
        return false;
    }

    private void forget(Group group) {
        byId.remove(group.id);
        byNumber.set(group.number - 1, null);
        freeNumbers.addLast(group.number);
    }

    /** Forgets every group. */
    void clear() {
        byId.clear();
        byNumber.clear();
        freeNumbers.clear();
        readyGroups.clear();
    }
}
