using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Randomness;
using CognitoMock.Storage;

namespace CognitoMock;

// MFA: the pool's MFA configuration, TOTP tokens, and each user's MFA preferences.
public sealed partial class CognitoBackend
{
    public override SetUserPoolMfaConfigResponse SetUserPoolMfaConfig(SetUserPoolMfaConfigRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
            var sms = request.SmsMfaConfiguration is null
                ? pool.Settings.SmsConfiguration
                : request.SmsMfaConfiguration.SmsConfiguration is { } given ? ByName.ToDomain<SmsConfigurationType, SmsSettings>(given) : null;
            var totp = request.SoftwareTokenMfaConfiguration?.Enabled ?? pool.SoftwareTokenMfaEnabled;
            var mode = request.MfaConfiguration ?? pool.MfaMode;
            if (mode != MfaFactors.Off && sms is null && !totp)
            {
                throw new InvalidParameterException("Invalid MFA configuration given, can't turn on MFA without any MFA type enabled.");
            }

            var updated = pool with
            {
                Settings = pool.Settings with
                {
                    MfaConfiguration = mode,
                    SmsConfiguration = sms,
                    SmsAuthenticationMessage = request.SmsMfaConfiguration?.SmsAuthenticationMessage ?? pool.Settings.SmsAuthenticationMessage,
                },
                SoftwareTokenMfaEnabled = totp,
                LastModifiedDate = Now,
            };
            tx.UpdatePool(updated);
            return updated;
        });
        var config = MfaConfigOf(pool);
        return new SetUserPoolMfaConfigResponse
        {
            MfaConfiguration = config.MfaConfiguration,
            SmsMfaConfiguration = config.SmsMfaConfiguration,
            SoftwareTokenMfaConfiguration = config.SoftwareTokenMfaConfiguration,
        };
    }

    public override GetUserPoolMfaConfigResponse GetUserPoolMfaConfig(GetUserPoolMfaConfigRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MfaConfigOf(RequirePool(Store, request.UserPoolId));
    }

    /// <summary>
    /// A new TOTP secret for the signed-in user, or for the user of an MFA_SETUP challenge. It takes effect once
    /// VerifySoftwareToken sees a code made with it.
    /// </summary>
    public override AssociateSoftwareTokenResponse AssociateSoftwareToken(AssociateSoftwareTokenRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = Totp.ToBase32(Random.Bytes(20));
        if (request.AccessToken is { Length: > 0 } accessToken)
        {
            var (pool, user, _) = Tokens.Check(accessToken);
            Store.Write(tx =>
            {
                var current = CurrentUser(tx, user.Id);
                current.Mfa.PendingSoftwareTokenSecret = secret;
                tx.UpdateUser(pool, current);
            });
            return new AssociateSoftwareTokenResponse { SecretCode = secret };
        }

        var next = Store.Write(tx =>
        {
            var (pool, challenge) = SpendSetupChallenge(tx, request.Session);
            var current = CurrentUser(tx, challenge.UserId);
            current.Mfa.PendingSoftwareTokenSecret = secret;
            tx.UpdateUser(pool, current);
            return Continue(tx, challenge);
        });
        return new AssociateSoftwareTokenResponse { SecretCode = secret, Session = next };
    }

    /// <summary>
    /// Checks a code of the secret AssociateSoftwareToken gave out; a match makes it the user's TOTP secret. In
    /// an MFA_SETUP challenge it also turns TOTP on as the user's MFA, which the challenge then accepts.
    /// </summary>
    public override VerifySoftwareTokenResponse VerifySoftwareToken(VerifySoftwareTokenRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = request.AccessToken is { Length: > 0 } accessToken ? Tokens.Check(accessToken) : null;
        var next = Store.Write(tx =>
        {
            var (pool, challenge) = principal is null ? SpendSetupChallenge(tx, request.Session) : (principal.Pool, null);
            var user = CurrentUser(tx, challenge?.UserId ?? principal!.User.Id);
            var pending = user.Mfa.PendingSoftwareTokenSecret
                ?? throw new SoftwareTokenMFANotFoundException("Software Token MFA has not been associated with the user: call AssociateSoftwareToken first.");
            if (Totp.Match(Totp.FromBase32(pending)!, request.UserCode, Time.GetUtcNow()) is not { } step)
            {
                // AWS's words for a code that does not verify the token (seen).
                throw new EnableSoftwareTokenMFAException("Code mismatch and fail enable Software Token MFA");
            }

            user.Mfa.SoftwareTokenSecret = pending;
            user.Mfa.PendingSoftwareTokenSecret = null;
            user.Mfa.LastSoftwareTokenStep = step;
            if (challenge is not null)
            {
                user.Mfa.SoftwareTokenEnabled = true;
                Prefer(user.Mfa, MfaFactors.SoftwareToken);
            }

            tx.UpdateUser(pool, user);
            return challenge is null ? null : Continue(tx, challenge, verified: true);
        });
        return new VerifySoftwareTokenResponse { Status = "SUCCESS", Session = next };
    }

    public override SetUserMFAPreferenceResponse SetUserMFAPreference(SetUserMFAPreferenceRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        SetPreference(pool, (tx, _) => CurrentUser(tx, user.Id), request.SMSMfaSettings, request.SoftwareTokenMfaSettings);
        return new SetUserMFAPreferenceResponse();
    }

    public override AdminSetUserMFAPreferenceResponse AdminSetUserMFAPreference(AdminSetUserMFAPreferenceRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        SetPreference(pool, (tx, current) => ResolveUser(tx, current, request.Username), request.SMSMfaSettings, request.SoftwareTokenMfaSettings);
        return new AdminSetUserMFAPreferenceResponse();
    }

    /// <summary>
    /// The legacy MFA setting: SMS as the user's MFA, or none. It is the same switch SetUserMFAPreference turns
    /// (SMS enabled and preferred, or neither), so the two never disagree [decision].
    /// </summary>
    public override SetUserSettingsResponse SetUserSettings(SetUserSettingsRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        SetPreference(pool, (tx, _) => CurrentUser(tx, user.Id), SmsSettingOf(request.MFAOptions), null);
        return new SetUserSettingsResponse();
    }

    public override AdminSetUserSettingsResponse AdminSetUserSettings(AdminSetUserSettingsRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        SetPreference(pool, (tx, current) => ResolveUser(tx, current, request.Username), SmsSettingOf(request.MFAOptions), null);
        return new AdminSetUserSettingsResponse();
    }

    /// <summary>MFAOptions as the SMS preference it stands for: an SMS option turns SMS MFA on and prefers it; none turns it off.</summary>
    private static SMSMfaSettingsType SmsSettingOf(List<MFAOptionType> options)
    {
        if (options.Find(o => o.DeliveryMedium is not null and not DeliveryMediums.Sms) is { } other)
        {
            throw new InvalidParameterException($"MFAOptions can only set SMS as the delivery medium, not {other.DeliveryMedium}.");
        }

        var sms = options.Exists(o => o.DeliveryMedium == DeliveryMediums.Sms);
        return new SMSMfaSettingsType { Enabled = sms, PreferredMfa = sms };
    }

    /// <summary>The legacy view of the user's MFA, as GetUser and AdminGetUser show it: the SMS option when SMS MFA is on.</summary>
    private static List<MFAOptionType>? MfaOptionsOf(User user) =>
        user.Mfa.SmsEnabled ? [new MFAOptionType { DeliveryMedium = DeliveryMediums.Sms, AttributeName = UserLookup.PhoneNumber }] : null;

    private void SetPreference(UserPool pool, Func<StoreView, UserPool, User> find, SMSMfaSettingsType? sms, SoftwareTokenMfaSettingsType? totp) => Store.Write(tx =>
    {
        var user = find(tx, RequirePool(tx, pool.Id));
        var mfa = user.Mfa;
        if (sms?.Enabled == true && string.IsNullOrEmpty(user.GetAttribute("phone_number")))
        {
            // AWS's words (seen).
            throw new InvalidParameterException("User does not have delivery config set to turn on SMS_MFA");
        }

        if (totp?.Enabled == true && mfa.SoftwareTokenSecret is null)
        {
            throw new InvalidParameterException("User has not verified software token mfa");
        }

        Apply(sms?.Enabled, sms?.PreferredMfa, enabled => mfa.SmsEnabled = enabled, MfaFactors.Sms);
        Apply(totp?.Enabled, totp?.PreferredMfa, enabled => mfa.SoftwareTokenEnabled = enabled, MfaFactors.SoftwareToken);
        user.UserLastModifiedDate = Now;
        tx.UpdateUser(pool, user);

        void Apply(bool? enabled, bool? preferred, Action<bool> enable, string factor)
        {
            if (enabled is { } value)
            {
                enable(value);
            }

            if (preferred == true)
            {
                Prefer(mfa, factor);
            }
            else if (preferred == false || enabled == false)
            {
                Unprefer(mfa, factor);
            }
        }
    });

    /// <summary>One preferred factor at most: preferring one stops preferring the other.</summary>
    private static void Prefer(UserMfa mfa, string factor)
    {
        mfa.SmsPreferred = factor == MfaFactors.Sms;
        mfa.SoftwareTokenPreferred = factor == MfaFactors.SoftwareToken;
    }

    private static void Unprefer(UserMfa mfa, string factor)
    {
        if (factor == MfaFactors.Sms)
        {
            mfa.SmsPreferred = false;
        }
        else
        {
            mfa.SoftwareTokenPreferred = false;
        }
    }

    private static GetUserPoolMfaConfigResponse MfaConfigOf(UserPool pool) => new()
    {
        MfaConfiguration = pool.MfaMode,
        SmsMfaConfiguration = pool.Settings.SmsConfiguration is { } sms
            ? new SmsMfaConfigType
            {
                SmsAuthenticationMessage = pool.Settings.SmsAuthenticationMessage,
                SmsConfiguration = ByName.ToWire<SmsSettings, SmsConfigurationType>(sms),
            }
            : null,
        SoftwareTokenMfaConfiguration = new SoftwareTokenMfaConfigType { Enabled = pool.SoftwareTokenMfaEnabled },
    };

    /// <summary>The pool and the challenge of an MFA_SETUP Session, spent in the write that answers it.</summary>
    private (UserPool Pool, ChallengeSession Challenge) SpendSetupChallenge(StoreTransaction tx, string? session)
    {
        var challenge = Challenges.Spend(tx, session, MfaFactors.Setup, client: null);
        return (RequirePool(tx, challenge.UserPoolId), challenge);
    }

    /// <summary>Opens a spent challenge's next step under a new Session, as AWS hands out a new Session each time.</summary>
    private string Continue(StoreTransaction tx, ChallengeSession challenge, bool verified = false) =>
        Challenges.Open(tx, new ChallengeSession
        {
            ChallengeName = challenge.ChallengeName,
            UserPoolId = challenge.UserPoolId,
            ClientId = challenge.ClientId,
            UserId = challenge.UserId,
            DeviceKey = challenge.DeviceKey,
            Verified = verified || challenge.Verified,
        });
}
