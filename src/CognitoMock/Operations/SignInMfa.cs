using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.SignIn;
using CognitoMock.Storage;
using CognitoMock.Tokens;

namespace CognitoMock;

// The second factor of a sign-in: which one a user is asked for, and the answers to SMS_MFA,
// SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE and MFA_SETUP. Each answer spends its Session and opens what follows in
// one write; a wrong code rolls the write back, so the Session stays open for another try.
public sealed partial class CognitoBackend
{
    private const string InvalidCode = "Invalid code or auth state for the user.";

    /// <summary>
    /// The challenge a user's second factor starts with, or null when the pool does not ask for one. OPTIONAL
    /// asks only users who turned a factor on; ON asks everyone, by SMS if the user has a phone and the pool
    /// sends SMS, else by setting up a TOTP token (MFA_SETUP). Two factors and no preference: SELECT_MFA_TYPE.
    /// </summary>
    private static string? MfaFactorFor(UserPool pool, User user)
    {
        if (pool.MfaMode == MfaFactors.Off)
        {
            return null;
        }

        var hasPhone = !string.IsNullOrEmpty(user.GetAttribute("phone_number"));
        var sms = pool.SmsMfaEnabled && hasPhone && user.Mfa.SmsEnabled;
        var totp = pool.SoftwareTokenMfaEnabled && user.Mfa.SoftwareTokenEnabled && user.Mfa.SoftwareTokenSecret is not null;
        return (sms, totp) switch
        {
            (true, true) => user.Mfa.Preferred ?? MfaFactors.Select,
            (true, false) => MfaFactors.Sms,
            (false, true) => MfaFactors.SoftwareToken,
            _ when pool.MfaMode == MfaFactors.Optional => null,
            _ when pool.SmsMfaEnabled && hasPhone => MfaFactors.Sms,
            _ => MfaFactors.Setup,
        };
    }

    /// <summary>Opens a second-factor challenge in the step's write; an SMS code leaves only once the write commits.</summary>
    private SignInStep MfaChallenge(StoreTransaction tx, string factor, UserPool pool, AppClient client, User user, string? deviceKey)
    {
        var parameters = new Dictionary<string, string?>();
        string? code = null;
        switch (factor)
        {
            case MfaFactors.Sms:
                var phone = user.GetAttribute("phone_number")!;
                code = NewCode(DeliveryMediums.Sms);
                Deliver(tx, pool, user, TriggerSources.Authentication, DeliveryMediums.Sms, phone, code);
                parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] = DeliveryMediums.Sms;
                parameters["CODE_DELIVERY_DESTINATION"] = MessageTemplates.Masked(DeliveryMediums.Sms, phone);
                break;
            case MfaFactors.Select:
                parameters["MFAS_CAN_CHOOSE"] = """["SMS_MFA","SOFTWARE_TOKEN_MFA"]""";
                break;
            case MfaFactors.Setup:
                parameters["MFAS_CAN_SETUP"] = """["SOFTWARE_TOKEN_MFA"]""";
                break;
        }

        parameters["USER_ID_FOR_SRP"] = user.Username;
        return Challenge(tx, factor, pool, client, user, deviceKey, parameters, code: code);
    }

    /// <summary>
    /// An SMS_MFA or SOFTWARE_TOKEN_MFA answer. A wrong code leaves the challenge open for another try; a TOTP
    /// code of a time step already used is refused as expired, so a code cannot be replayed (RFC 6238 §5.2).
    /// </summary>
    private SignInStep AnswerMfaCode(UserPool pool, AppClient client, string factor, string? session, Dictionary<string, string?> responses, RequestContext context)
    {
        var key = SigningKeys.For(pool.Id);
        var code = factor == MfaFactors.Sms ? Required(responses, "SMS_MFA_CODE") : Required(responses, "SOFTWARE_TOKEN_MFA_CODE");
        return Store.Write(tx =>
        {
            var challenge = Challenges.Spend(tx, session, factor, client);
            var user = CurrentUser(tx, challenge.UserId);
            if (factor == MfaFactors.Sms)
            {
                if (code != challenge.Code)
                {
                    throw new CodeMismatchException(InvalidCode);
                }
            }
            else
            {
                var step = Totp.Match(Totp.FromBase32(user.Mfa.SoftwareTokenSecret!)!, code, Time.GetUtcNow())
                    ?? throw new CodeMismatchException(InvalidCode);
                if (step <= user.Mfa.LastSoftwareTokenStep)
                {
                    throw new ExpiredCodeException("Your software token has already been used once.");
                }

                user.Mfa.LastSoftwareTokenStep = step;
                tx.UpdateUser(pool, user);
            }

            return AfterSecondFactor(tx, key, pool, client, user, challenge, responses, context);
        });
    }

    private SignInStep AnswerSelectMfaType(UserPool pool, AppClient client, string? session, Dictionary<string, string?> responses)
    {
        var answer = Required(responses, "ANSWER");
        if (answer is not (MfaFactors.Sms or MfaFactors.SoftwareToken))
        {
            throw new InvalidParameterException($"ANSWER must be SMS_MFA or SOFTWARE_TOKEN_MFA, not {answer}.");
        }

        return Store.Write(tx =>
        {
            var challenge = Challenges.Spend(tx, session, MfaFactors.Select, client);
            return MfaChallenge(tx, answer, pool, client, CurrentUser(tx, challenge.UserId), challenge.DeviceKey);
        });
    }

    /// <summary>MFA_SETUP is answered once VerifySoftwareToken has verified a token under its Session.</summary>
    private SignInStep AnswerMfaSetup(UserPool pool, AppClient client, string? session, RequestContext context)
    {
        var key = SigningKeys.For(pool.Id);
        return Store.Write(tx =>
        {
            var challenge = Challenges.Spend(tx, session, MfaFactors.Setup, client);
            if (!challenge.Verified)
            {
                throw new InvalidParameterException("MFA_SETUP needs a software token verified with VerifySoftwareToken under this session first.");
            }

            return AfterSecondFactor(tx, key, pool, client, CurrentUser(tx, challenge.UserId), challenge, [], context);
        });
    }

    /// <summary>
    /// After the second factor: prove the device the client named, if it can be proven, else the tokens, with a
    /// new device where the pool tracks them.
    /// </summary>
    private SignInStep AfterSecondFactor(
        StoreTransaction tx, SigningKey key, UserPool pool, AppClient client, User user, ChallengeSession challenge, Dictionary<string, string?> responses, RequestContext context)
    {
        // amazon-cognito-identity-js names its device again with the code; one it cannot prove is left aside.
        var deviceKey = challenge.DeviceKey ?? responses.GetValueOrDefault("DEVICE_KEY");
        var device = deviceKey is null ? null : ProvableDevice(tx, user, deviceKey);
        if (device is null)
        {
            return SignedIn(tx, key, pool, client, user, usedDevice: null, context);
        }

        // The same client then sends DEVICE_SRP_AUTH under the Session it just answered, not the new one: both open it, once.
        return Challenge(tx, DeviceSrpAuth, pool, client, user, device.DeviceKey, [], answered: challenge);
    }
}
