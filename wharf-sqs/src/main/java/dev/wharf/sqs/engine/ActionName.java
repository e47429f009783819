package dev.wharf.sqs.engine;

import org.jspecify.annotations.Nullable;

/**
 * Every SQS action that AddPermission may name, and whether it can be granted to another account.
 *
 * <p>The queue owner alone may run the actions that the developer guide lists as not applying across accounts, so
 * AddPermission refuses them. The batch actions are no actions of their own in a policy: granting {@code SendMessage},
 * {@code DeleteMessage} or {@code ChangeMessageVisibility} grants their batch versions, so the batch names are not
 * listed here and AWS answers them as unknown names.
 */
enum ActionName {
    All("*", true),
    ChangeMessageVisibility(true),
    DeleteMessage(true),
    GetQueueAttributes(true),
    GetQueueUrl(true),
    ListDeadLetterSourceQueues(true),
    PurgeQueue(true),
    ReceiveMessage(true),
    SendMessage(true),
    AddPermission(false),
    CancelMessageMoveTask(false),
    CreateQueue(false),
    DeleteQueue(false),
    ListMessageMoveTasks(false),
    ListQueueTags(false),
    ListQueues(false),
    RemovePermission(false),
    SetQueueAttributes(false),
    StartMessageMoveTask(false),
    TagQueue(false),
    UntagQueue(false);

    private final String wireName;
    private final boolean grantable;

    ActionName(boolean grantable) {
        this.wireName = name();
        this.grantable = grantable;
    }

    ActionName(String wireName, boolean grantable) {
        this.wireName = wireName;
        this.grantable = grantable;
    }

    /** The name as AddPermission takes it and as the policy writes it after {@code SQS:}. */
    String wireName() {
        return wireName;
    }

    /** Whether another account may be allowed to run the action. */
    boolean grantable() {
        return grantable;
    }

    /** Finds an action by its exact name, or null. */
    static @Nullable ActionName find(String name) {
        for (ActionName action : values()) {
            if (action.wireName.equals(name)) {
                return action;
            }
        }
        return null;
    }
}
