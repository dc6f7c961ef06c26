using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Randomness;
using CognitoMock.SignIn;
using CognitoMock.Srp;
using CognitoMock.Storage;
using CognitoMock.Tokens;

namespace CognitoMock;

// Sign-in: InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge.
// A sign-in proves the first factor (a password, or an SRP proof of it), then may have to prove a second factor
// or a device, and ends with tokens (docs/behaviour.md §7, §9). Each step that changes state is one write: it
// spends the Session it answers and opens what follows (the next challenge, or the tokens' grant) together, so
// two answers to one Session never both win. What costs time (hashing, SRP arithmetic) is done before the write.
public sealed partial class CognitoBackend
{
    private const string UserSrpAuth = "USER_SRP_AUTH";
    private const string PasswordVerifier = "PASSWORD_VERIFIER";
    private const string DeviceSrpAuth = "DEVICE_SRP_AUTH";
    private const string DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER";
    private const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";

    // The order AWS checks a proof's parameters in (measured, docs/behaviour.md §9).
    private static readonly string[] ProofParameters = ["USERNAME", "TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK"];

    public override InitiateAuthResponse InitiateAuth(InitiateAuthRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = RequireClient(Store, request.ClientId);
        return Initiate(RequirePool(Store, client.UserPoolId), client, request.AuthFlow, request.AuthParameters ?? [], admin: false, context)
            .As<InitiateAuthResponse>();
    }

    public override AdminInitiateAuthResponse AdminInitiateAuth(AdminInitiateAuthRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        return Initiate(pool, RequireClient(Store, pool, request.ClientId), request.AuthFlow, request.AuthParameters ?? [], admin: true, context)
            .As<AdminInitiateAuthResponse>();
    }

    public override RespondToAuthChallengeResponse RespondToAuthChallenge(RespondToAuthChallengeRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = RequireClient(Store, request.ClientId);
        return Respond(RequirePool(Store, client.UserPoolId), client, request.ChallengeName, request.Session, request.ChallengeResponses, context)
            .As<RespondToAuthChallengeResponse>();
    }

    public override AdminRespondToAuthChallengeResponse AdminRespondToAuthChallenge(AdminRespondToAuthChallengeRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        return Respond(pool, RequireClient(Store, pool, request.ClientId), request.ChallengeName, request.Session, request.ChallengeResponses, context)
            .As<AdminRespondToAuthChallengeResponse>();
    }

    private SignInStep Initiate(UserPool pool, AppClient client, string flow, Dictionary<string, string?> parameters, bool admin, RequestContext context)
    {
        switch (flow)
        {
            case UserSrpAuth:
                RequireFlow(client, flow, "USER_SRP_AUTH is not enabled for the client.");
                return StartUserSrp(pool, client, parameters);
            case "USER_PASSWORD_AUTH" when !admin:
                RequireFlow(client, flow, "USER_PASSWORD_AUTH flow not enabled for this client");
                return PasswordSignIn(pool, client, parameters, context);
            case "ADMIN_USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" when admin:
                RequireFlow(client, flow, "Auth flow not enabled for this client");
                return PasswordSignIn(pool, client, parameters, context);
            case "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN":
                RequireFlow(client, flow, "Refresh Token flow not enabled for this client");
                return RefreshSignIn(pool, client, parameters, context);
            case "USER_PASSWORD_AUTH" or "ADMIN_USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH":
                throw new InvalidParameterException("Initiate Auth method not supported.");
            default:
                throw new InvalidParameterException($"The {flow} flow is not supported by CognitoMock.");
        }
    }

    /// <summary>
    /// Whether a client allows a flow. A client without ExplicitAuthFlows allows SRP, refresh and custom auth;
    /// a client with only the legacy values still allows SRP and refresh ([doc] CreateUserPoolClient).
    /// </summary>
    private static void RequireFlow(AppClient client, string flow, string refusal)
    {
        var flows = client.ExplicitAuthFlows;
        var legacyOnly = !flows.Any(f => f.StartsWith("ALLOW_", StringComparison.Ordinal));
        var allowed = flow switch
        {
            UserSrpAuth => legacyOnly || flows.Contains("ALLOW_USER_SRP_AUTH"),
            "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => legacyOnly || flows.Contains("ALLOW_REFRESH_TOKEN_AUTH"),
            "USER_PASSWORD_AUTH" => flows.Contains("ALLOW_USER_PASSWORD_AUTH") || flows.Contains("USER_PASSWORD_AUTH"),
            _ => flows.Contains("ALLOW_ADMIN_USER_PASSWORD_AUTH") || flows.Contains("ADMIN_NO_SRP_AUTH"),
        };
        if (!allowed)
        {
            throw new InvalidParameterException(refusal);
        }
    }

    /// <summary>PASSWORD_VERIFIER, without a Session: its state travels sealed in the SECRET_BLOCK, so nothing is written.</summary>
    private SignInStep StartUserSrp(UserPool pool, AppClient client, Dictionary<string, string?> parameters)
    {
        var username = Required(parameters, "USERNAME");
        var srpA = Required(parameters, "SRP_A");
        var clientPublic = ParseSrpPublic(srpA);
        CheckSecretHash(client, username, parameters);
        var user = FindByName(Store, pool, username);
        if (user is null && client.Settings.PreventUserExistenceErrors != "ENABLED")
        {
            throw new UserNotFoundException();
        }

        // A user without a password, or none at all, still gets a challenge; its proof can never verify.
        var (salt, verifier) = user?.Password is { } password
            ? (password.SrpSalt, password.VerifierValue)
            : (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pool.Id + "/" + username))[..16]), SrpGroup.G);
        var server = SrpServer.Start(verifier, () => Random.Bytes(32));
        var block = SecretBlocks.Seal(new SrpState(pool.Id, client.ClientId, user?.Id ?? "", server.Secret, clientPublic, Now));
        var srpUsername = user?.Username ?? username;
        return SignInStep.Challenge(PasswordVerifier, null, new Dictionary<string, string?>
        {
            ["SALT"] = salt,
            ["SRP_B"] = SrpGroup.ToHex(server.PublicValue),
            ["SECRET_BLOCK"] = Convert.ToBase64String(block),
            ["USER_ID_FOR_SRP"] = srpUsername,
            ["USERNAME"] = srpUsername,
        });
    }

    private SignInStep PasswordSignIn(UserPool pool, AppClient client, Dictionary<string, string?> parameters, RequestContext context)
    {
        var username = Required(parameters, "USERNAME");
        var password = Required(parameters, "PASSWORD");
        CheckSecretHash(client, username, parameters);
        var user = FindByName(Store, pool, username);
        if (user is null)
        {
            throw client.Settings.PreventUserExistenceErrors == "ENABLED" ? NotAuthorizedException.IncorrectCredentials() : new UserNotFoundException();
        }

        RequireNotLockedOut(user);
        if (user.Password is not { } credential || !PasswordCredentials.Matches(credential, password))
        {
            throw WrongPassword(pool, user, context);
        }

        return Proven(pool, client, user, credential, parameters.GetValueOrDefault("DEVICE_KEY"), context);
    }

    private SignInStep Respond(UserPool pool, AppClient client, string challengeName, string? session, Dictionary<string, string?>? responses, RequestContext context)
    {
        if (responses is null || responses.Count == 0)
        {
            throw new InvalidParameterException("Missing required parameter challenge responses.");
        }

        return challengeName switch
        {
            PasswordVerifier => AnswerPasswordVerifier(pool, client, responses, context),
            NewPasswordRequired => AnswerNewPassword(pool, client, session, responses, context),
            DeviceSrpAuth => AnswerDeviceSrpAuth(pool, client, session, responses),
            DevicePasswordVerifier => AnswerDevicePasswordVerifier(pool, client, session, responses, context),
            MfaFactors.Sms or MfaFactors.SoftwareToken => AnswerMfaCode(pool, client, challengeName, session, responses, context),
            MfaFactors.Select => AnswerSelectMfaType(pool, client, session, responses),
            MfaFactors.Setup => AnswerMfaSetup(pool, client, session, context),
            _ => throw new InvalidParameterException($"The {challengeName} challenge is not supported by CognitoMock."),
        };
    }

    private SignInStep AnswerPasswordVerifier(UserPool pool, AppClient client, Dictionary<string, string?> responses, RequestContext context)
    {
        var (timestamp, signature, block) = ProofOf(responses);
        CheckSecretHash(client, responses["USERNAME"]!, responses);
        var state = SecretBlocks.Open(block);
        var user = state is not null && state.UserPoolId == pool.Id && state.ClientId == client.ClientId ? Store.GetUser(state.Owner) : null;
        if (user?.Password is not { } password || !SameUser(pool, user, responses["USERNAME"]!))
        {
            throw NotAuthorizedException.IncorrectCredentials();
        }

        RequireNotLockedOut(user);
        var server = new SrpServer(password.VerifierValue, state!.Secret);
        if (!ProofHolds(server, state.ClientPublic, pool.SrpPoolName, user.Username, block, timestamp, signature))
        {
            throw WrongPassword(pool, user, context);
        }

        // Present with a null value is the JS client's retry after "Device does not exist.": no device.
        return Proven(pool, client, user, password, responses.GetValueOrDefault("DEVICE_KEY"), context);
    }

    /// <summary>
    /// The first factor is proven, against the password <paramref name="proven"/>: in one write, the user as it is
    /// now (a password changed since the proof fails it), then what follows.
    /// </summary>
    private SignInStep Proven(UserPool pool, AppClient client, User user, PasswordCredential proven, string? deviceKey, RequestContext context)
    {
        var key = SigningKeys.For(pool.Id);
        return Store.Write(tx =>
        {
            var current = CurrentUser(tx, user.Id);
            if (current.Password?.Hash != proven.Hash)
            {
                throw NotAuthorizedException.IncorrectCredentials();
            }

            if (current.Attempts.PasswordFailures > 0)
            {
                AttemptLimits.PasswordSucceeded(current);
                tx.UpdateUser(pool, current);
            }

            return AfterFirstFactor(tx, key, pool, client, current, deviceKey, context);
        });
    }

    /// <summary>
    /// What follows a proven first factor: the user's status, then a second factor or a device to prove if the
    /// client named one, then the tokens.
    /// </summary>
    private SignInStep AfterFirstFactor(StoreTransaction tx, SigningKey key, UserPool pool, AppClient client, User user, string? deviceKey, RequestContext context)
    {
        if (!user.Enabled)
        {
            throw new NotAuthorizedException("User is disabled.");
        }

        switch (user.UserStatus)
        {
            case UserStatuses.Unconfirmed:
                throw new UserNotConfirmedException();
            case UserStatuses.ResetRequired:
                throw new PasswordResetRequiredException();
            case UserStatuses.ForceChangePassword:
                return Challenge(tx, NewPasswordRequired, pool, client, user, deviceKey, new Dictionary<string, string?>
                {
                    ["USER_ID_FOR_SRP"] = user.Username,
                    ["requiredAttributes"] = "[]",
                    ["userAttributes"] = AttributesJson(user),
                });
        }

        var device = deviceKey is null ? null : RequireProvableDevice(tx, user, deviceKey);
        var factor = MfaFactorFor(pool, user);
        if (factor is null || (device is { Remembered: true } && pool.RememberedDeviceReplacesMfa))
        {
            // No second factor, or a remembered device that stands in for it (docs/behaviour.md §9).
            return device is null
                ? SignedIn(tx, key, pool, client, user, usedDevice: null, context)
                : Challenge(tx, DeviceSrpAuth, pool, client, user, device.DeviceKey, []);
        }

        return MfaChallenge(tx, factor, pool, client, user, device?.DeviceKey);
    }

    private SignInStep AnswerNewPassword(UserPool pool, AppClient client, string? session, Dictionary<string, string?> responses, RequestContext context)
    {
        var waiting = Challenges.Find(Store, session, NewPasswordRequired, client);
        var newPassword = Required(responses, "NEW_PASSWORD");
        PasswordPolicies.Enforce(pool, newPassword);
        var user = CurrentUser(Store, waiting.UserId);
        // Hashed before the write, which then only swaps it in; a username never changes, so the SRP verifier holds.
        var password = PasswordCredentials.Create(pool, user.Username, newPassword, Random);
        var key = SigningKeys.For(pool.Id);
        return Store.Write(tx =>
        {
            var challenge = Challenges.Spend(tx, session, NewPasswordRequired, client);
            var current = CurrentUser(tx, challenge.UserId);
            current.Password = password;
            current.UserStatus = UserStatuses.Confirmed;
            current.UserLastModifiedDate = Now;
            tx.UpdateUser(pool, current);
            return AfterFirstFactor(tx, key, pool, client, current, challenge.DeviceKey, context);
        });
    }

    /// <summary>
    /// The device named when the first factor was proven starts its proof: DEVICE_SRP_AUTH must name that same
    /// device, or a proof of another device (one not remembered) could stand in for MFA [decision].
    /// </summary>
    private SignInStep AnswerDeviceSrpAuth(UserPool pool, AppClient client, string? session, Dictionary<string, string?> responses)
    {
        var waiting = Challenges.Find(Store, session, DeviceSrpAuth, client);
        var deviceKey = Required(responses, "DEVICE_KEY");
        var clientPublic = ParseSrpPublic(Required(responses, "SRP_A"));
        if (deviceKey != waiting.DeviceKey)
        {
            throw new NotAuthorizedException("Invalid device key given.");
        }

        var user = CurrentUser(Store, waiting.UserId);
        var device = RequireProvableDevice(Store, user, deviceKey);
        var verifier = device.Verifier!;
        var server = SrpServer.Start(verifier.Value, () => Random.Bytes(32));
        var block = SecretBlocks.Seal(new SrpState(pool.Id, client.ClientId, device.DeviceKey, server.Secret, clientPublic, Now));
        var next = Store.Write(tx =>
        {
            var challenge = Challenges.Spend(tx, session, DeviceSrpAuth, client);
            // The proof to come is checked against this verifier: the device must still have it.
            if (RequireProvableDevice(tx, user, deviceKey).Verifier!.PasswordVerifier != verifier.PasswordVerifier)
            {
                throw ResourceNotFoundException.Device();
            }

            return Challenges.Open(tx, new ChallengeSession
            {
                ChallengeName = DevicePasswordVerifier,
                UserPoolId = pool.Id,
                ClientId = client.ClientId,
                UserId = challenge.UserId,
                DeviceKey = device.DeviceKey,
            });
        });
        return SignInStep.Challenge(DevicePasswordVerifier, next, new Dictionary<string, string?>
        {
            ["SALT"] = verifier.SaltHex,
            ["SRP_B"] = SrpGroup.ToHex(server.PublicValue),
            ["SECRET_BLOCK"] = Convert.ToBase64String(block),
            ["USERNAME"] = user.Username,
            ["DEVICE_KEY"] = device.DeviceKey,
        });
    }

    private SignInStep AnswerDevicePasswordVerifier(UserPool pool, AppClient client, string? session, Dictionary<string, string?> responses, RequestContext context)
    {
        var waiting = Challenges.Find(Store, session, DevicePasswordVerifier, client);
        var (timestamp, signature, block) = ProofOf(responses);
        var user = CurrentUser(Store, waiting.UserId);
        var device = RequireProvableDevice(Store, user, waiting.DeviceKey!);
        var state = SecretBlocks.Open(block);
        if (state is null || state.Owner != device.DeviceKey || state.ClientId != client.ClientId)
        {
            throw NotAuthorizedException.IncorrectCredentials();
        }

        var server = new SrpServer(device.Verifier!.Value, state.Secret);
        VerifyProof(server, state.ClientPublic, device.DeviceGroupKey, device.DeviceKey, block, timestamp, signature);
        var key = SigningKeys.For(pool.Id);
        return Store.Write(tx =>
        {
            var challenge = Challenges.Spend(tx, session, DevicePasswordVerifier, client);
            var current = CurrentUser(tx, challenge.UserId);
            var proven = RequireProvableDevice(tx, current, device.DeviceKey);
            if (proven.Verifier!.PasswordVerifier != device.Verifier.PasswordVerifier)
            {
                throw NotAuthorizedException.IncorrectCredentials();
            }

            return SignedIn(tx, key, pool, client, current, proven, context);
        });
    }

    /// <summary>
    /// Tokens for a finished sign-in, in the write of its last step. In a pool that tracks devices, a sign-in
    /// without a proven device is given a new one (NewDeviceMetadata) for the client to confirm; a proven device
    /// records this sign-in.
    /// </summary>
    private SignInStep SignedIn(StoreTransaction tx, SigningKey key, UserPool pool, AppClient client, User user, Device? usedDevice, RequestContext context)
    {
        var now = Now;
        var device = usedDevice;
        NewDeviceMetadataType? newDevice = null;
        if (device is null && pool.TracksDevices)
        {
            device = new Device
            {
                DeviceKey = Ids.DeviceKey(),
                DeviceGroupKey = Ids.DeviceGroupKey(),
                UserId = user.Id,
                DeviceSdk = context.UserAgent,
            };
            newDevice = new NewDeviceMetadataType { DeviceKey = device.DeviceKey, DeviceGroupKey = device.DeviceGroupKey };
        }

        if (device is not null)
        {
            device.LastIpUsed = context.SourceIp;
            device.DeviceLastAuthenticatedDate = now;
            if (newDevice is null)
            {
                tx.UpdateDevice(device);
            }
            else
            {
                device.DeviceLastModifiedDate = now;
                tx.InsertDevice(device);
            }
        }

        var tokens = Tokens.SignIn(tx, key, pool, client, user, device?.DeviceKey, context);
        tokens.NewDeviceMetadata = newDevice;
        RecordAuthEvent(tx, pool, user, AuthEventTypes.SignIn, AuthEventResponses.Pass, context, ["Password:Success"]);
        return SignInStep.Tokens(tokens);
    }

    private SignInStep RefreshSignIn(UserPool pool, AppClient client, Dictionary<string, string?> parameters, RequestContext context)
    {
        if (RotatesRefreshTokens(client))
        {
            // With rotation on, a refresh must go where it can hand out the new refresh token [decision].
            throw new InvalidParameterException("Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.");
        }

        var (user, grant) = RefreshGrant(Store, pool, client, Required(parameters, "REFRESH_TOKEN"), parameters.GetValueOrDefault("DEVICE_KEY"));
        // A refresh's SECRET_HASH may be computed with the username or with the sub.
        if (!SecretHash.Matches(client, user.Sub, parameters.GetValueOrDefault("SECRET_HASH")))
        {
            CheckSecretHash(client, user.Username, parameters);
        }

        return SignInStep.Tokens(Tokens.Refresh(SigningKeys.For(pool.Id), pool, client, user, grant, context));
    }

    /// <summary>
    /// The user and grant of a refresh token this client may use now: issued to it, not revoked, not expired, its
    /// user enabled, and in a device-tracking pool presented with the device it was issued to (docs/behaviour.md §7),
    /// which must still exist (§4). One rotation replaced lasts only the client's grace period.
    /// </summary>
    private (User User, Grant Grant) RefreshGrant(StoreView view, UserPool pool, AppClient client, string refreshToken, string? deviceKey)
    {
        var grant = TokenService.GrantOfRefreshToken(view, refreshToken);
        if (grant is null || grant.UserPoolId != pool.Id || grant.ClientId != client.ClientId)
        {
            throw new NotAuthorizedException("Invalid Refresh Token");
        }

        if (grant.Revoked)
        {
            throw new NotAuthorizedException("Refresh Token has been revoked");
        }

        if (grant.RefreshTokenExpires <= Now)
        {
            throw new NotAuthorizedException("Refresh Token has expired");
        }

        if (grant.ReplacedAt is { } replaced
            && Now >= replaced.AddSeconds(client.Settings.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0))
        {
            throw new RefreshTokenReuseException("The refresh token has been replaced by rotation, and its grace period is over.");
        }

        var user = view.GetUser(grant.UserId) ?? throw new NotAuthorizedException("Invalid Refresh Token");
        if (pool.TracksDevices && grant.DeviceKey is not null
            && (deviceKey != grant.DeviceKey || view.GetDevice(user.Id, grant.DeviceKey) is null))
        {
            throw new NotAuthorizedException("Invalid Refresh Token");
        }

        if (!user.Enabled)
        {
            throw new NotAuthorizedException("User is disabled.");
        }

        return (user, grant);
    }

    private static bool RotatesRefreshTokens(AppClient client) => client.Settings.RefreshTokenRotation?.Feature == "ENABLED";

    /// <summary>Opens a challenge's Session (with the code an SMS carried, if any) in the step's write, and answers with it.</summary>
    private SignInStep Challenge(
        StoreTransaction tx, string name, UserPool pool, AppClient client, User user, string? deviceKey, Dictionary<string, string?> parameters,
        ChallengeSession? answered = null, string? code = null)
    {
        var session = Challenges.Open(tx, new ChallengeSession
        {
            ChallengeName = name,
            UserPoolId = pool.Id,
            ClientId = client.ClientId,
            UserId = user.Id,
            DeviceKey = deviceKey,
            Code = code,
        }, answered);
        return SignInStep.Challenge(name, session, parameters);
    }

    /// <summary>
    /// The one rule of which device a sign-in can prove: one of this user's, confirmed, with a verifier. A device
    /// named at the first factor must be one (the JS client retries without its device on this error).
    /// </summary>
    private static Device RequireProvableDevice(StoreView view, User user, string deviceKey) =>
        ProvableDevice(view, user, deviceKey) ?? throw ResourceNotFoundException.Device();

    private static Device? ProvableDevice(StoreView view, User user, string deviceKey) =>
        view.GetDevice(user.Id, deviceKey) is { IsProvable: true } device ? device : null;

    /// <summary>The parameters of an SRP proof, checked in AWS's order and with AWS's words (docs/behaviour.md §9).</summary>
    private static (string Timestamp, byte[] Signature, byte[] Block) ProofOf(Dictionary<string, string?> responses)
    {
        foreach (var name in ProofParameters)
        {
            Required(responses, name);
        }

        if (!TryBase64(responses["PASSWORD_CLAIM_SIGNATURE"]!, out var signature))
        {
            throw new InvalidParameterException("Invalid PASSWORD_CLAIM_SIGNATURE format. Must be a Base64 string.");
        }

        if (!SrpTimestamp.TryParse(responses["TIMESTAMP"]!, out var timestamp))
        {
            throw new InvalidParameterException("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
        }

        // A block that is not even base64 was not sealed here: the proof cannot verify.
        var block = TryBase64(responses["PASSWORD_CLAIM_SECRET_BLOCK"]!, out var bytes) ? bytes : [];
        return (SrpTimestamp.Format(timestamp), signature, block);
    }

    /// <summary>
    /// Whether an SRP proof holds. The signature is computed over the canonical TIMESTAMP, so a zero-padded day or a
    /// wrong weekday fails here although it parsed (measured, docs/behaviour.md §9).
    /// </summary>
    private static bool ProofHolds(SrpServer server, BigInteger clientPublic, string prefix, string identity, byte[] block, string timestamp, byte[] signature) =>
        CryptographicOperations.FixedTimeEquals(SrpServer.Signature(server.SessionKey(clientPublic), prefix, identity, block, timestamp), signature);

    /// <summary>Checks a device's SRP proof, which no attempt limit counts [decision].</summary>
    private static void VerifyProof(SrpServer server, BigInteger clientPublic, string prefix, string identity, byte[] block, string timestamp, byte[] signature)
    {
        if (!ProofHolds(server, clientPublic, prefix, identity, block, timestamp, signature))
        {
            throw NotAuthorizedException.IncorrectCredentials();
        }
    }

    /// <summary>A user locked out by failed sign-ins is refused even the right password, until the lockout ends.</summary>
    private void RequireNotLockedOut(User user)
    {
        if (AttemptLimits.PasswordLocked(user, Now))
        {
            throw AttemptLimits.PasswordAttemptsExceeded();
        }
    }

    /// <summary>A wrong password or proof: counted, recorded as a failed sign-in, then refused in AWS's words.</summary>
    private NotAuthorizedException WrongPassword(UserPool pool, User user, RequestContext context)
    {
        FailedPassword(pool, user.Id, context);
        return NotAuthorizedException.IncorrectCredentials();
    }

    private static BigInteger ParseSrpPublic(string srpA)
    {
        if (srpA.Any(c => !char.IsAsciiHexDigit(c)))
        {
            throw new InvalidParameterException(
                $"1 validation error detected: Value '{srpA}' at 'sRPA' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-fA-F]+$");
        }

        var value = SrpGroup.ParseHex(srpA);
        // A ≡ 0 (mod N) would make the shared secret 0 whatever the password: RFC 5054 has the server abort.
        return (value % SrpGroup.N).IsZero ? throw NotAuthorizedException.IncorrectCredentials() : value;
    }

    private bool SameUser(UserPool pool, User user, string name) => name == user.Username || FindByName(Store, pool, name)?.Id == user.Id;

    private static string Required(Dictionary<string, string?> parameters, string name) =>
        parameters.GetValueOrDefault(name) ?? throw new InvalidParameterException($"Missing required parameter {name}");

    private static void CheckSecretHash(AppClient client, string username, Dictionary<string, string?> parameters) =>
        SecretHash.Verify(client, username, parameters.GetValueOrDefault("SECRET_HASH"));

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    private static string AttributesJson(User user)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var attribute in user.Attributes.Where(a => a.Name != "sub"))
            {
                writer.WriteString(attribute.Name, attribute.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
