package dev.wharf.sns.http;

import dev.wharf.sns.api.CheckIfPhoneNumberIsOptedOutRequest;
import dev.wharf.sns.api.CreatePlatformApplicationRequest;
import dev.wharf.sns.api.CreatePlatformEndpointRequest;
import dev.wharf.sns.api.CreateSMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.DeleteEndpointRequest;
import dev.wharf.sns.api.DeletePlatformApplicationRequest;
import dev.wharf.sns.api.DeleteSMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.GetEndpointAttributesRequest;
import dev.wharf.sns.api.GetPlatformApplicationAttributesRequest;
import dev.wharf.sns.api.GetSMSAttributesRequest;
import dev.wharf.sns.api.GetSMSSandboxAccountStatusRequest;
import dev.wharf.sns.api.ListEndpointsByPlatformApplicationRequest;
import dev.wharf.sns.api.ListOriginationNumbersRequest;
import dev.wharf.sns.api.ListPhoneNumbersOptedOutRequest;
import dev.wharf.sns.api.ListPlatformApplicationsRequest;
import dev.wharf.sns.api.ListSMSSandboxPhoneNumbersRequest;
import dev.wharf.sns.api.OptInPhoneNumberRequest;
import dev.wharf.sns.api.SetEndpointAttributesRequest;
import dev.wharf.sns.api.SetPlatformApplicationAttributesRequest;
import dev.wharf.sns.api.SetSMSAttributesRequest;
import dev.wharf.sns.api.VerifySMSSandboxPhoneNumberRequest;
import dev.wharf.sns.engine.SnsEngine;

/** The table from SNS's mobile push and SMS operations to the engine's methods. */
final class SnsMobileOperations {

    private SnsMobileOperations() {}

    static void bind(SnsEngine engine, SnsBinding binding) {
        binding.bind(
                "CreatePlatformApplication", CreatePlatformApplicationRequest.class, engine::createPlatformApplication);
        binding.bind(
                "DeletePlatformApplication", DeletePlatformApplicationRequest.class, engine::deletePlatformApplication);
        binding.bind(
                "ListPlatformApplications", ListPlatformApplicationsRequest.class, engine::listPlatformApplications);
        binding.bind(
                "GetPlatformApplicationAttributes",
                GetPlatformApplicationAttributesRequest.class,
                engine::getPlatformApplicationAttributes);
        binding.bind(
                "SetPlatformApplicationAttributes",
                SetPlatformApplicationAttributesRequest.class,
                engine::setPlatformApplicationAttributes);
        binding.bind("CreatePlatformEndpoint", CreatePlatformEndpointRequest.class, engine::createPlatformEndpoint);
        binding.bind("DeleteEndpoint", DeleteEndpointRequest.class, engine::deleteEndpoint);
        binding.bind(
                "ListEndpointsByPlatformApplication",
                ListEndpointsByPlatformApplicationRequest.class,
                engine::listEndpointsByPlatformApplication);
        binding.bind("GetEndpointAttributes", GetEndpointAttributesRequest.class, engine::getEndpointAttributes);
        binding.bind("SetEndpointAttributes", SetEndpointAttributesRequest.class, engine::setEndpointAttributes);
        binding.bind("SetSMSAttributes", SetSMSAttributesRequest.class, engine::setSMSAttributes);
        binding.bind("GetSMSAttributes", GetSMSAttributesRequest.class, engine::getSMSAttributes);
        binding.bind(
                "CheckIfPhoneNumberIsOptedOut",
                CheckIfPhoneNumberIsOptedOutRequest.class,
                engine::checkIfPhoneNumberIsOptedOut);
        binding.bind(
                "ListPhoneNumbersOptedOut", ListPhoneNumbersOptedOutRequest.class, engine::listPhoneNumbersOptedOut);
        binding.bind("OptInPhoneNumber", OptInPhoneNumberRequest.class, engine::optInPhoneNumber);
        binding.bind("ListOriginationNumbers", ListOriginationNumbersRequest.class, engine::listOriginationNumbers);
        binding.bind(
                "CreateSMSSandboxPhoneNumber",
                CreateSMSSandboxPhoneNumberRequest.class,
                engine::createSMSSandboxPhoneNumber);
        binding.bind(
                "VerifySMSSandboxPhoneNumber",
                VerifySMSSandboxPhoneNumberRequest.class,
                engine::verifySMSSandboxPhoneNumber);
        binding.bind(
                "DeleteSMSSandboxPhoneNumber",
                DeleteSMSSandboxPhoneNumberRequest.class,
                engine::deleteSMSSandboxPhoneNumber);
        binding.bind(
                "ListSMSSandboxPhoneNumbers",
                ListSMSSandboxPhoneNumbersRequest.class,
                engine::listSMSSandboxPhoneNumbers);
        binding.bind(
                "GetSMSSandboxAccountStatus",
                GetSMSSandboxAccountStatusRequest.class,
                engine::getSMSSandboxAccountStatus);
    }
}
