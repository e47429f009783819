package dev.wharf.mq.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/** Amazon MQ's errors, each with the {@code errorAttribute} that names the member at fault. */
public enum MqError implements AwsErrorCode {
    BadRequest("BadRequestException", 400),
    Unauthorized("UnauthorizedException", 401),
    Forbidden("ForbiddenException", 403),
    NotFound("NotFoundException", 404),
    Conflict("ConflictException", 409),
    InternalServerError("InternalServerErrorException", 500);

    private final String code;
    private final int httpStatus;

    MqError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    @Override
    public String shapeName() {
        return this.code;
    }

    @Override
    public String queryCode() {
        return this.code;
    }

    @Override
    public String jsonNamespace() {
        return "";
    }

    @Override
    public int httpStatus() {
        return this.httpStatus;
    }

    @Override
    public boolean senderFault() {
        return this.httpStatus < 500;
    }

    public AwsException with(String attribute, String message) {
        return new AwsException(this, message, new MqError.Attribute(attribute));
    }

    /** The member at fault, written as the error body's {@code errorAttribute}. */
    public record Attribute(String errorAttribute) {}
}
