using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoMock.Api;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>
/// The AWS JSON 1.1 encoding of the model's shapes: members by their model names, members without a value
/// left out rather than sent as null, and timestamps as epoch seconds with a millisecond fraction.
/// Source-generated, so no reflection runs per request.
/// </summary>
[JsonSerializable(typeof(AdminListDevicesRequest))]
[JsonSerializable(typeof(AdminListDevicesResponse))]
[JsonSerializable(typeof(SetUserPoolMfaConfigRequest))]
[JsonSerializable(typeof(UserPoolMfaConfigResponse))]
[JsonSerializable(typeof(GetUserPoolMfaConfigRequest))]
[JsonSerializable(typeof(AssociateSoftwareTokenRequest))]
[JsonSerializable(typeof(AssociateSoftwareTokenResponse))]
[JsonSerializable(typeof(VerifySoftwareTokenRequest))]
[JsonSerializable(typeof(VerifySoftwareTokenResponse))]
[JsonSerializable(typeof(SetUserMFAPreferenceRequest))]
[JsonSerializable(typeof(AdminSetUserMFAPreferenceRequest))]
[JsonSerializable(typeof(InitiateAuthRequest))]
[JsonSerializable(typeof(AdminInitiateAuthRequest))]
[JsonSerializable(typeof(RespondToAuthChallengeRequest))]
[JsonSerializable(typeof(AdminRespondToAuthChallengeRequest))]
[JsonSerializable(typeof(AuthResponse))]
[JsonSerializable(typeof(GetUserRequest))]
[JsonSerializable(typeof(GetUserResponse))]
[JsonSerializable(typeof(GlobalSignOutRequest))]
[JsonSerializable(typeof(AdminUserGlobalSignOutRequest))]
[JsonSerializable(typeof(RevokeTokenRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ConfirmDeviceRequest))]
[JsonSerializable(typeof(ConfirmDeviceResponse))]
[JsonSerializable(typeof(ListDevicesRequest))]
[JsonSerializable(typeof(ListDevicesResponse))]
[JsonSerializable(typeof(GetDeviceRequest))]
[JsonSerializable(typeof(GetDeviceResponse))]
[JsonSerializable(typeof(ForgetDeviceRequest))]
[JsonSerializable(typeof(UpdateDeviceStatusRequest))]
[JsonSerializable(typeof(AdminGetDeviceRequest))]
[JsonSerializable(typeof(AdminGetDeviceResponse))]
[JsonSerializable(typeof(AdminForgetDeviceRequest))]
[JsonSerializable(typeof(AdminUpdateDeviceStatusRequest))]
[JsonSerializable(typeof(CreateUserPoolRequest))]
[JsonSerializable(typeof(CreateUserPoolResponse))]
[JsonSerializable(typeof(DescribeUserPoolRequest))]
[JsonSerializable(typeof(DescribeUserPoolResponse))]
[JsonSerializable(typeof(UpdateUserPoolRequest))]
[JsonSerializable(typeof(UpdateUserPoolResponse))]
[JsonSerializable(typeof(DeleteUserPoolRequest))]
[JsonSerializable(typeof(DeleteUserPoolResponse))]
[JsonSerializable(typeof(ListUserPoolsRequest))]
[JsonSerializable(typeof(ListUserPoolsResponse))]
[JsonSerializable(typeof(CreateUserPoolClientRequest))]
[JsonSerializable(typeof(CreateUserPoolClientResponse))]
[JsonSerializable(typeof(DescribeUserPoolClientRequest))]
[JsonSerializable(typeof(DescribeUserPoolClientResponse))]
[JsonSerializable(typeof(UpdateUserPoolClientRequest))]
[JsonSerializable(typeof(UpdateUserPoolClientResponse))]
[JsonSerializable(typeof(DeleteUserPoolClientRequest))]
[JsonSerializable(typeof(DeleteUserPoolClientResponse))]
[JsonSerializable(typeof(ListUserPoolClientsRequest))]
[JsonSerializable(typeof(ListUserPoolClientsResponse))]
[JsonSerializable(typeof(AdminCreateUserRequest))]
[JsonSerializable(typeof(AdminCreateUserResponse))]
[JsonSerializable(typeof(AdminUserRequest))]
[JsonSerializable(typeof(AdminGetUserResponse))]
[JsonSerializable(typeof(AdminDeleteUserResponse))]
[JsonSerializable(typeof(AdminUpdateUserAttributesRequest))]
[JsonSerializable(typeof(AdminUpdateUserAttributesResponse))]
[JsonSerializable(typeof(AdminDeleteUserAttributesRequest))]
[JsonSerializable(typeof(AdminDeleteUserAttributesResponse))]
[JsonSerializable(typeof(AdminSetUserPasswordRequest))]
[JsonSerializable(typeof(AdminSetUserPasswordResponse))]
[JsonSerializable(typeof(AdminEnableUserResponse))]
[JsonSerializable(typeof(AdminDisableUserResponse))]
[JsonSerializable(typeof(AdminConfirmSignUpResponse))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(SignUpResponse))]
internal sealed partial class WireJson : JsonSerializerContext
{
    /// <summary>
    /// The context the protocol writes with: text as AWS writes it, UTF-8 with only what JSON requires escaped,
    /// so an apostrophe in a device name reads "Alice's", not "Alice\u0027s".
    /// </summary>
    public static WireJson Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EpochSecondsConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>1715100742.022: seconds since the epoch, with the milliseconds as a fraction when there are any.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.UnixEpoch.AddMilliseconds(Math.Round(reader.GetDouble() * 1000));

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var milliseconds = new DateTimeOffset(value.ToUniversalTime()).ToUnixTimeMilliseconds();
        var (seconds, fraction) = (Math.DivRem(milliseconds, 1000L, out var remainder), remainder);
        writer.WriteRawValue(fraction == 0
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D3}").TrimEnd('0'), skipInputValidation: true);
    }
}
