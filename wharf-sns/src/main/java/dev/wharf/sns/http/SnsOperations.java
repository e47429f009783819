package dev.wharf.sns.http;

import dev.wharf.sns.api.AddPermissionRequest;
import dev.wharf.sns.api.ConfirmSubscriptionRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.DeleteTopicRequest;
import dev.wharf.sns.api.GetDataProtectionPolicyRequest;
import dev.wharf.sns.api.GetSubscriptionAttributesRequest;
import dev.wharf.sns.api.GetTopicAttributesRequest;
import dev.wharf.sns.api.ListSubscriptionsByTopicRequest;
import dev.wharf.sns.api.ListSubscriptionsRequest;
import dev.wharf.sns.api.ListTagsForResourceRequest;
import dev.wharf.sns.api.ListTopicsRequest;
import dev.wharf.sns.api.PublishBatchRequest;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.PutDataProtectionPolicyRequest;
import dev.wharf.sns.api.RemovePermissionRequest;
import dev.wharf.sns.api.SetSubscriptionAttributesRequest;
import dev.wharf.sns.api.SetTopicAttributesRequest;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.TagResourceRequest;
import dev.wharf.sns.api.UnsubscribeRequest;
import dev.wharf.sns.api.UntagResourceRequest;
import dev.wharf.sns.engine.SnsEngine;

/** The table from SNS's operation names to the engine's methods. */
final class SnsOperations {

    private SnsOperations() {}

    static void bind(SnsEngine engine, SnsBinding binding) {
        binding.bind("CreateTopic", CreateTopicRequest.class, engine::createTopic);
        binding.bind("DeleteTopic", DeleteTopicRequest.class, engine::deleteTopic);
        binding.bind("ListTopics", ListTopicsRequest.class, engine::listTopics);
        binding.bind("GetTopicAttributes", GetTopicAttributesRequest.class, engine::getTopicAttributes);
        binding.bind("SetTopicAttributes", SetTopicAttributesRequest.class, engine::setTopicAttributes);
        binding.bind("Subscribe", SubscribeRequest.class, engine::subscribe);
        binding.bind("ConfirmSubscription", ConfirmSubscriptionRequest.class, engine::confirmSubscription);
        binding.bind("Unsubscribe", UnsubscribeRequest.class, engine::unsubscribe);
        binding.bind("ListSubscriptions", ListSubscriptionsRequest.class, engine::listSubscriptions);
        binding.bind(
                "ListSubscriptionsByTopic", ListSubscriptionsByTopicRequest.class, engine::listSubscriptionsByTopic);
        binding.bind(
                "GetSubscriptionAttributes", GetSubscriptionAttributesRequest.class, engine::getSubscriptionAttributes);
        binding.bind(
                "SetSubscriptionAttributes", SetSubscriptionAttributesRequest.class, engine::setSubscriptionAttributes);
        binding.bind("Publish", PublishRequest.class, engine::publish);
        binding.bind("PublishBatch", PublishBatchRequest.class, engine::publishBatch);
        binding.bind("TagResource", TagResourceRequest.class, engine::tagResource);
        binding.bind("UntagResource", UntagResourceRequest.class, engine::untagResource);
        binding.bind("ListTagsForResource", ListTagsForResourceRequest.class, engine::listTagsForResource);
        binding.bind("AddPermission", AddPermissionRequest.class, engine::addPermission);
        binding.bind("RemovePermission", RemovePermissionRequest.class, engine::removePermission);
        binding.bind("PutDataProtectionPolicy", PutDataProtectionPolicyRequest.class, engine::putDataProtectionPolicy);
        binding.bind("GetDataProtectionPolicy", GetDataProtectionPolicyRequest.class, engine::getDataProtectionPolicy);
        SnsMobileOperations.bind(engine, binding);
    }
}
