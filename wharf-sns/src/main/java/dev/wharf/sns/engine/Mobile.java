package dev.wharf.sns.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.sns.api.CheckIfPhoneNumberIsOptedOutRequest;
import dev.wharf.sns.api.CheckIfPhoneNumberIsOptedOutResponse;
import dev.wharf.sns.api.CreatePlatformApplicationRequest;
import dev.wharf.sns.api.CreatePlatformApplicationResponse;
import dev.wharf.sns.api.CreatePlatformEndpointRequest;
import dev.wharf.sns.api.CreatePlatformEndpointResponse;
import dev.wharf.sns.api.CreateSMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.CreateSMSSandboxPhoneNumberResponse;
import dev.wharf.sns.api.DeleteEndpointRequest;
import dev.wharf.sns.api.DeleteEndpointResponse;
import dev.wharf.sns.api.DeletePlatformApplicationRequest;
import dev.wharf.sns.api.DeletePlatformApplicationResponse;
import dev.wharf.sns.api.DeleteSMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.DeleteSMSSandboxPhoneNumberResponse;
import dev.wharf.sns.api.Endpoint;
import dev.wharf.sns.api.GetEndpointAttributesRequest;
import dev.wharf.sns.api.GetEndpointAttributesResponse;
import dev.wharf.sns.api.GetPlatformApplicationAttributesRequest;
import dev.wharf.sns.api.GetPlatformApplicationAttributesResponse;
import dev.wharf.sns.api.GetSMSAttributesRequest;
import dev.wharf.sns.api.GetSMSAttributesResponse;
import dev.wharf.sns.api.GetSMSSandboxAccountStatusResponse;
import dev.wharf.sns.api.ListEndpointsByPlatformApplicationRequest;
import dev.wharf.sns.api.ListEndpointsByPlatformApplicationResponse;
import dev.wharf.sns.api.ListOriginationNumbersRequest;
import dev.wharf.sns.api.ListOriginationNumbersResponse;
import dev.wharf.sns.api.ListPhoneNumbersOptedOutRequest;
import dev.wharf.sns.api.ListPhoneNumbersOptedOutResponse;
import dev.wharf.sns.api.ListPlatformApplicationsRequest;
import dev.wharf.sns.api.ListPlatformApplicationsResponse;
import dev.wharf.sns.api.ListSMSSandboxPhoneNumbersRequest;
import dev.wharf.sns.api.ListSMSSandboxPhoneNumbersResponse;
import dev.wharf.sns.api.OptInPhoneNumberRequest;
import dev.wharf.sns.api.OptInPhoneNumberResponse;
import dev.wharf.sns.api.PlatformApplication;
import dev.wharf.sns.api.SMSSandboxPhoneNumber;
import dev.wharf.sns.api.SentMessage;
import dev.wharf.sns.api.SetEndpointAttributesRequest;
import dev.wharf.sns.api.SetEndpointAttributesResponse;
import dev.wharf.sns.api.SetPlatformApplicationAttributesRequest;
import dev.wharf.sns.api.SetPlatformApplicationAttributesResponse;
import dev.wharf.sns.api.SetSMSAttributesRequest;
import dev.wharf.sns.api.SetSMSAttributesResponse;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.api.VerifySMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.VerifySMSSandboxPhoneNumberResponse;
import dev.wharf.storage.TopicStore;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SNS's mobile side, which {@link SnsEngine} delegates to: platform applications and endpoints, the SMS settings, the
 * opt-out list and the sandbox, and the outboxes where Wharf keeps the SMS and push notifications it sends. Each
 * method is one action, from its api request to its api response. Thread-safe.
 */
final class Mobile {

    private final PlatformApplications applications;
    private final PlatformEndpoints endpoints;
    private final PhoneNumbers phones;
    private final SmsAttributes smsAttributes;
    private final SmsSandbox sandbox;
    private final Outboxes outboxes;
    private final MobilePublisher publisher;
    private final String region;

    /** The outboxes of what SMS and push sent. */
    Outboxes outboxes() {
        return outboxes;
    }

    Mobile(TopicStore store, Clock clock, String region) {
        this.region = region;
        this.applications = new PlatformApplications(store, region);
        this.endpoints = new PlatformEndpoints(store, applications);
        this.phones = new PhoneNumbers(store, clock);
        this.smsAttributes = new SmsAttributes(store);
        this.outboxes = new Outboxes(store);
        this.sandbox = new SmsSandbox(store, phones, outboxes, clock);
        this.publisher = new MobilePublisher(endpoints, phones, outboxes, clock);
    }

    /** Rebuilds everything from the store at start: one scan of each prefix. */
    void restore() {
        applications.restore();
        endpoints.restore();
        phones.restore();
        smsAttributes.restore();
        sandbox.restore();
        outboxes.restore();
    }

    MobilePublisher publisher() {
        return publisher;
    }

    String region() {
        return region;
    }

    CreatePlatformApplicationResponse createPlatformApplication(
            SnsContext context, CreatePlatformApplicationRequest request) {
        return new CreatePlatformApplicationResponse(
                applications.create(context, request.name(), request.platform(), request.attributes()));
    }

    DeletePlatformApplicationResponse deletePlatformApplication(
            SnsContext context, DeletePlatformApplicationRequest request) {
        applications.delete(context, request.platformApplicationArn());
        return new DeletePlatformApplicationResponse();
    }

    ListPlatformApplicationsResponse listPlatformApplications(
            SnsContext context, ListPlatformApplicationsRequest request) {
        Page<PlatformApplication> page = applications.list(context, request.nextToken());
        return new ListPlatformApplicationsResponse(page.items(), page.nextToken());
    }

    GetPlatformApplicationAttributesResponse getPlatformApplicationAttributes(
            SnsContext context, GetPlatformApplicationAttributesRequest request) {
        return new GetPlatformApplicationAttributesResponse(
                applications.attributes(context, request.platformApplicationArn()));
    }

    SetPlatformApplicationAttributesResponse setPlatformApplicationAttributes(
            SnsContext context, SetPlatformApplicationAttributesRequest request) {
        applications.setAttributes(context, request.platformApplicationArn(), request.attributes());
        return new SetPlatformApplicationAttributesResponse();
    }

    CreatePlatformEndpointResponse createPlatformEndpoint(SnsContext context, CreatePlatformEndpointRequest request) {
        return new CreatePlatformEndpointResponse(endpoints.create(
                context,
                request.platformApplicationArn(),
                request.token(),
                request.customUserData(),
                request.attributes()));
    }

    DeleteEndpointResponse deleteEndpoint(SnsContext context, DeleteEndpointRequest request) {
        endpoints.delete(context, request.endpointArn());
        return new DeleteEndpointResponse();
    }

    ListEndpointsByPlatformApplicationResponse listEndpointsByPlatformApplication(
            SnsContext context, ListEndpointsByPlatformApplicationRequest request) {
        Page<Endpoint> page = endpoints.list(context, request.platformApplicationArn(), request.nextToken());
        return new ListEndpointsByPlatformApplicationResponse(page.items(), page.nextToken());
    }

    GetEndpointAttributesResponse getEndpointAttributes(SnsContext context, GetEndpointAttributesRequest request) {
        return new GetEndpointAttributesResponse(endpoints.attributes(context, request.endpointArn()));
    }

    SetEndpointAttributesResponse setEndpointAttributes(SnsContext context, SetEndpointAttributesRequest request) {
        endpoints.setAttributes(context, request.endpointArn(), request.attributes());
        return new SetEndpointAttributesResponse();
    }

    SetSMSAttributesResponse setSMSAttributes(SnsContext context, SetSMSAttributesRequest request) {
        smsAttributes.set(context.accountId(), request.attributes());
        return new SetSMSAttributesResponse();
    }

    GetSMSAttributesResponse getSMSAttributes(SnsContext context, GetSMSAttributesRequest request) {
        return new GetSMSAttributesResponse(smsAttributes.get(context.accountId(), request.attributes()));
    }

    CheckIfPhoneNumberIsOptedOutResponse checkIfPhoneNumberIsOptedOut(
            SnsContext context, CheckIfPhoneNumberIsOptedOutRequest request) {
        String number = PhoneNumbers.forLookup(request.phoneNumber());
        return new CheckIfPhoneNumberIsOptedOutResponse(phones.optedOut(context.accountId(), number));
    }

    ListPhoneNumbersOptedOutResponse listPhoneNumbersOptedOut(
            SnsContext context, ListPhoneNumbersOptedOutRequest request) {
        Page<String> page = phones.listOptedOut(context.accountId(), request.nextToken());
        return new ListPhoneNumbersOptedOutResponse(page.items(), page.nextToken());
    }

    OptInPhoneNumberResponse optInPhoneNumber(SnsContext context, OptInPhoneNumberRequest request) {
        phones.optIn(context.accountId(), PhoneNumbers.forLookup(request.phoneNumber()));
        return new OptInPhoneNumberResponse();
    }

    /** Wharf has no origination numbers: the list is empty, after the checks that AWS makes of the request. */
    ListOriginationNumbersResponse listOriginationNumbers(SnsContext context, ListOriginationNumbersRequest request) {
        // The model declares ValidationException, not ValidationError, for this action's constraints.
        MemberConstraints.check()
                .range("maxResults", request.maxResults(), 1, SnsLimits.ORIGINATION_NUMBERS_PAGE_MAX)
                .validate(dev.wharf.sns.api.SnsError.ValidationException);
        Page.after(request.nextToken());
        return new ListOriginationNumbersResponse(null, List.of());
    }

    CreateSMSSandboxPhoneNumberResponse createSMSSandboxPhoneNumber(
            SnsContext context, CreateSMSSandboxPhoneNumberRequest request) {
        sandbox.create(context.accountId(), request.phoneNumber(), request.languageCode());
        return new CreateSMSSandboxPhoneNumberResponse();
    }

    VerifySMSSandboxPhoneNumberResponse verifySMSSandboxPhoneNumber(
            SnsContext context, VerifySMSSandboxPhoneNumberRequest request) {
        sandbox.verify(context.accountId(), request.phoneNumber(), request.oneTimePassword());
        return new VerifySMSSandboxPhoneNumberResponse();
    }

    DeleteSMSSandboxPhoneNumberResponse deleteSMSSandboxPhoneNumber(
            SnsContext context, DeleteSMSSandboxPhoneNumberRequest request) {
        sandbox.delete(context.accountId(), request.phoneNumber());
        return new DeleteSMSSandboxPhoneNumberResponse();
    }

    ListSMSSandboxPhoneNumbersResponse listSMSSandboxPhoneNumbers(
            SnsContext context, ListSMSSandboxPhoneNumbersRequest request) {
        Page<SMSSandboxPhoneNumber> page = sandbox.list(context.accountId(), request.nextToken(), request.maxResults());
        return new ListSMSSandboxPhoneNumbersResponse(page.items(), page.nextToken());
    }

    /** Wharf's accounts are out of the SMS sandbox: they send SMS to any number, into the outbox. */
    GetSMSSandboxAccountStatusResponse getSMSSandboxAccountStatus() {
        return new GetSMSSandboxAccountStatusResponse(false);
    }

    /** The SMS sent from an account, oldest first, to one phone number (in any form E.164 allows) or to all. */
    List<SentMessage> smsMessages(String accountId, @Nullable String phoneNumber) {
        return outboxes.list(Outboxes.Kind.SMS, accountId, phoneNumber == null ? null : lookup(phoneNumber));
    }

    void clearSmsMessages(String accountId, @Nullable String phoneNumber) {
        outboxes.clear(Outboxes.Kind.SMS, accountId, phoneNumber == null ? null : lookup(phoneNumber));
    }

    List<SentMessage> platformEndpointMessages(String accountId, @Nullable String endpointArn) {
        return outboxes.list(Outboxes.Kind.PUSH, accountId, endpointArn);
    }

    void clearPlatformEndpointMessages(String accountId, @Nullable String endpointArn) {
        outboxes.clear(Outboxes.Kind.PUSH, accountId, endpointArn);
    }

    /** Opts a number out, as its owner's STOP reply would on AWS. */
    void optOut(String accountId, @Nullable String phoneNumber) {
        phones.optOut(accountId, PhoneNumbers.forLookup(phoneNumber));
    }

    /** A number as the outbox keeps it; one that is not E.164 matches nothing. */
    private static String lookup(String phoneNumber) {
        String trimmed = phoneNumber.trim();
        return PhoneNumbers.valid(trimmed) ? PhoneNumbers.normalised(trimmed) : trimmed;
    }
}
