package dev.wharf.dynamodb.api;

import java.util.List;

/**
 * One interval's figures for CloudWatch's {@code AWS/DynamoDB} metrics: per table, and per account the one metric
 * without dimensions.
 *
 * @param tables the tables with something to report: a sample, an error, or provisioned capacity
 * @param accounts the accounts with user errors
 */
public record DynamoDbMetrics(List<TableMetrics> tables, List<Account> accounts) {

    public DynamoDbMetrics {
        tables = List.copyOf(tables);
        accounts = List.copyOf(accounts);
    }

    /**
     * One account's account-level figures.
     *
     * @param accountId the account, whose CloudWatch receives the metric
     * @param userErrors {@code UserErrors}: DynamoDB requests answered with an HTTP 4xx error, but for
     *     ConditionalCheckFailedException (counted by the table's {@code ConditionalCheckFailedRequests})
     */
    public record Account(String accountId, long userErrors) {}
}
