package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/**
 * One topic's figures for CloudWatch's {@code AWS/SNS} metrics of the dimension {@code TopicName}, as AWS defines them
 * ("Monitoring Amazon SNS topics using CloudWatch"), each counted since the topic's previous snapshot. Every count is a
 * metric of unit {@code Count} whose meaningful statistic is its sum; {@code docs/COMPATIBILITY.md} says where Wharf
 * takes each one.
 *
 * @param accountId the topic's account, whose CloudWatch receives the metrics
 * @param topicName the {@code TopicName} dimension
 * @param numberOfMessagesPublished {@code NumberOfMessagesPublished}: messages the topic accepted (a FIFO topic's
 *     duplicates are not published again)
 * @param numberOfNotificationsDelivered {@code NumberOfNotificationsDelivered}: deliveries to subscriptions that
 *     succeeded
 * @param numberOfNotificationsFailed {@code NumberOfNotificationsFailed}: for HTTP/S subscriptions every failed
 *     attempt, retries included; for every other protocol one per delivery that SNS gave up
 * @param numberOfNotificationsFilteredOut {@code NumberOfNotificationsFilteredOut}: messages that subscriptions' filter
 *     policies rejected, whatever the reason; the sum of the two that follow
 * @param numberOfNotificationsFilteredOutMessageAttributes {@code NumberOfNotificationsFilteredOut-MessageAttributes}:
 *     those rejected by policies of scope {@code MessageAttributes}
 * @param numberOfNotificationsFilteredOutMessageBody {@code NumberOfNotificationsFilteredOut-MessageBody}: those
 *     rejected by policies of scope {@code MessageBody}
 * @param numberOfNotificationsFilteredOutNoMessageAttributes
 *     {@code NumberOfNotificationsFilteredOut-NoMessageAttributes}: of the attribute scope's, those of messages without
 *     an attribute that a filter reads
 * @param numberOfNotificationsFilteredOutInvalidMessageBody
 *     {@code NumberOfNotificationsFilteredOut-InvalidMessageBody}: of the body scope's, those of messages whose body is
 *     not one JSON object
 * @param numberOfNotificationsRedrivenToDlq {@code NumberOfNotificationsRedrivenToDlq}: undeliverable messages that a
 *     subscription's dead-letter queue took
 * @param numberOfNotificationsFailedToRedriveToDlq {@code NumberOfNotificationsFailedToRedriveToDlq}: those that its
 *     dead-letter queue refused
 * @param publishSize {@code PublishSize} (unit {@code Bytes}; Minimum, Maximum, Average, SampleCount): one sample per
 *     message published, of the size that counts against the 256 KiB limit; null when none was
 */
public record TopicMetrics(
        String accountId,
        String topicName,
        long numberOfMessagesPublished,
        long numberOfNotificationsDelivered,
        long numberOfNotificationsFailed,
        long numberOfNotificationsFilteredOut,
        long numberOfNotificationsFilteredOutMessageAttributes,
        long numberOfNotificationsFilteredOutMessageBody,
        long numberOfNotificationsFilteredOutNoMessageAttributes,
        long numberOfNotificationsFilteredOutInvalidMessageBody,
        long numberOfNotificationsRedrivenToDlq,
        long numberOfNotificationsFailedToRedriveToDlq,
        @Nullable StatisticSet publishSize) {}
