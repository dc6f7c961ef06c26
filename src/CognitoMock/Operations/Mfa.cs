using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Randomness;

namespace CognitoMock;

// MFA: the pool's MFA configuration, TOTP tokens, and each user's MFA preferences.
public sealed partial class CognitoBackend
{
    public UserPoolMfaConfigResponse SetUserPoolMfaConfig(SetUserPoolMfaConfigRequest request, RequestContext context) => Store.Write(tx =>
    {
        var pool = RequirePool(request.UserPoolId);
        var sms = request.SmsMfaConfiguration?.SmsConfiguration ?? (request.SmsMfaConfiguration is null ? pool.Settings.SmsConfiguration : null);
        var totp = request.SoftwareTokenMfaConfiguration?.Enabled ?? pool.SoftwareTokenMfaEnabled;
        var mode = request.MfaConfiguration ?? pool.MfaMode;
        if (mode != MfaFactors.Off && sms is null && !totp)
        {
            throw new InvalidParameterException("Invalid MFA configuration given, can't turn on MFA without any MFA type enabled.");
        }

        pool.Settings.MfaConfiguration = mode;
        pool.Settings.SmsConfiguration = sms;
        pool.Settings.SmsAuthenticationMessage = request.SmsMfaConfiguration?.SmsAuthenticationMessage ?? pool.Settings.SmsAuthenticationMessage;
        pool.SoftwareTokenMfaEnabled = totp;
        pool.LastModifiedDate = Now;
        tx.UpdatePool(pool);
        return MfaConfigOf(pool);
    });

    public UserPoolMfaConfigResponse GetUserPoolMfaConfig(GetUserPoolMfaConfigRequest request, RequestContext context) =>
        MfaConfigOf(RequirePool(request.UserPoolId));

    /// <summary>
    /// A new TOTP secret for the signed-in user, or for the user of an MFA_SETUP challenge. It takes effect once
    /// VerifySoftwareToken sees a code made with it.
    /// </summary>
    public AssociateSoftwareTokenResponse AssociateSoftwareToken(AssociateSoftwareTokenRequest request, RequestContext context)
    {
        var secret = Totp.ToBase32(Random.Bytes(20));
        if (request.AccessToken is { Length: > 0 } accessToken)
        {
            var (pool, user, _) = Tokens.Check(accessToken);
            Store.Write(tx =>
            {
                var current = CurrentUser(user);
                current.Mfa.PendingSoftwareTokenSecret = secret;
                tx.UpdateUser(pool, current);
            });
            return new AssociateSoftwareTokenResponse { SecretCode = secret };
        }

        var (setupPool, setupUser, challenge) = SetupChallenge(request.Session);
        var next = Store.Write(tx =>
        {
            var current = CurrentUser(setupUser);
            current.Mfa.PendingSoftwareTokenSecret = secret;
            tx.UpdateUser(setupPool, current);
            return Continue(tx, challenge);
        });
        return new AssociateSoftwareTokenResponse { SecretCode = secret, Session = next };
    }

    /// <summary>
    /// Checks a code of the secret AssociateSoftwareToken gave out; a match makes it the user's TOTP secret. In
    /// an MFA_SETUP challenge it also turns TOTP on as the user's MFA, which the challenge then accepts.
    /// </summary>
    public VerifySoftwareTokenResponse VerifySoftwareToken(VerifySoftwareTokenRequest request, RequestContext context)
    {
        var byToken = request.AccessToken is { Length: > 0 };
        var (pool, user, challenge) = byToken ? WithoutChallenge(Tokens.Check(request.AccessToken!)) : SetupChallenge(request.Session);
        var pending = user.Mfa.PendingSoftwareTokenSecret
            ?? throw new SoftwareTokenMFANotFoundException("Software Token MFA has not been associated with the user: call AssociateSoftwareToken first.");
        if (Totp.Match(Totp.FromBase32(pending)!, request.UserCode, Time.GetUtcNow()) is not { } step)
        {
            // AWS's words for a code that does not verify the token (seen).
            throw new EnableSoftwareTokenMFAException("Code mismatch and fail enable Software Token MFA");
        }

        var next = Store.Write(tx =>
        {
            var current = CurrentUser(user);
            current.Mfa.SoftwareTokenSecret = pending;
            current.Mfa.PendingSoftwareTokenSecret = null;
            current.Mfa.LastSoftwareTokenStep = step;
            if (challenge is not null)
            {
                current.Mfa.SoftwareTokenEnabled = true;
                Prefer(current.Mfa, MfaFactors.SoftwareToken);
            }

            tx.UpdateUser(pool, current);
            return challenge is null ? null : Continue(tx, challenge, verified: true);
        });
        return new VerifySoftwareTokenResponse { Status = "SUCCESS", Session = next };
    }

    public EmptyResponse SetUserMFAPreference(SetUserMFAPreferenceRequest request, RequestContext context)
    {
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        SetPreference(pool, user, request.SMSMfaSettings, request.SoftwareTokenMfaSettings);
        return new EmptyResponse();
    }

    public EmptyResponse AdminSetUserMFAPreference(AdminSetUserMFAPreferenceRequest request, RequestContext context)
    {
        var pool = RequirePool(request.UserPoolId);
        SetPreference(pool, ResolveUser(pool, request.Username), request.SMSMfaSettings, request.SoftwareTokenMfaSettings);
        return new EmptyResponse();
    }

    private void SetPreference(UserPool pool, User found, MfaSettingsType? sms, MfaSettingsType? totp) => Store.Write(tx =>
    {
        var user = CurrentUser(found);
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

        Apply(sms, enabled => mfa.SmsEnabled = enabled, MfaFactors.Sms);
        Apply(totp, enabled => mfa.SoftwareTokenEnabled = enabled, MfaFactors.SoftwareToken);
        user.UserLastModifiedDate = Now;
        tx.UpdateUser(pool, user);

        void Apply(MfaSettingsType? settings, Action<bool> enable, string factor)
        {
            if (settings?.Enabled is { } enabled)
            {
                enable(enabled);
            }

            if (settings?.PreferredMfa == true)
            {
                Prefer(mfa, factor);
            }
            else if (settings?.PreferredMfa == false || settings?.Enabled == false)
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

    private static UserPoolMfaConfigResponse MfaConfigOf(UserPool pool) => new()
    {
        MfaConfiguration = pool.MfaMode,
        SmsMfaConfiguration = pool.SmsMfaEnabled
            ? new SmsMfaConfigType { SmsAuthenticationMessage = pool.Settings.SmsAuthenticationMessage, SmsConfiguration = pool.Settings.SmsConfiguration }
            : null,
        SoftwareTokenMfaConfiguration = new SoftwareTokenMfaConfigType { Enabled = pool.SoftwareTokenMfaEnabled },
    };

    private static (UserPool Pool, User User, ChallengeSession? Challenge) WithoutChallenge(Tokens.AccessTokenPrincipal principal) =>
        (principal.Pool, principal.User, null);

    /// <summary>The user of an MFA_SETUP challenge's Session.</summary>
    private (UserPool Pool, User User, ChallengeSession Challenge) SetupChallenge(string? session)
    {
        var challenge = Challenges.Find(session, MfaFactors.Setup, client: null);
        var pool = RequirePool(challenge.UserPoolId);
        var user = Store.GetUser(challenge.UserId) ?? throw new UserNotFoundException();
        return (pool, user, challenge);
    }

    /// <summary>Replaces a challenge's session by a new one for its next step, as AWS hands out a new Session each time.</summary>
    private string Continue(Storage.StoreTransaction tx, ChallengeSession challenge, bool verified = false)
    {
        tx.DeleteChallenge(challenge);
        return Challenges.Open(tx, new ChallengeSession
        {
            ChallengeName = challenge.ChallengeName,
            UserPoolId = challenge.UserPoolId,
            ClientId = challenge.ClientId,
            UserId = challenge.UserId,
            DeviceKey = challenge.DeviceKey,
            Verified = verified || challenge.Verified,
        });
    }
}
