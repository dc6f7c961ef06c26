using System.Globalization;
using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Randomness;
using CognitoMock.SignIn;

namespace CognitoMock;

// The second factor of a sign-in: which one a user is asked for, and the answers to SMS_MFA,
// SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE and MFA_SETUP.
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

    private AuthResponse MfaChallenge(string factor, UserPool pool, AppClient client, User user, string? deviceKey)
    {
        var parameters = new Dictionary<string, string>();
        string? code = null;
        switch (factor)
        {
            case MfaFactors.Sms:
                code = SendSmsCode(pool, user);
                var phone = user.GetAttribute("phone_number")!;
                parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] = "SMS";
                parameters["CODE_DELIVERY_DESTINATION"] = Masked(phone);
                break;
            case MfaFactors.Select:
                parameters["MFAS_CAN_CHOOSE"] = """["SMS_MFA","SOFTWARE_TOKEN_MFA"]""";
                break;
            case MfaFactors.Setup:
                parameters["MFAS_CAN_SETUP"] = """["SOFTWARE_TOKEN_MFA"]""";
                break;
        }

        parameters["USER_ID_FOR_SRP"] = user.Username;
        return Challenge(factor, pool, client, user, deviceKey, parameters, code: code);
    }

    /// <summary>
    /// An SMS_MFA or SOFTWARE_TOKEN_MFA answer. A wrong code leaves the challenge open for another try; a TOTP
    /// code of a time step already used is refused as expired, so a code cannot be replayed (RFC 6238 §5.2).
    /// </summary>
    private AuthResponse AnswerMfaCode(UserPool pool, AppClient client, string factor, string? session, Dictionary<string, string?> responses, RequestContext context)
    {
        var challenge = Challenges.Find(session, factor, client);
        var user = Store.GetUser(challenge.UserId) ?? throw new UserNotFoundException();
        if (factor == MfaFactors.Sms)
        {
            if (Required(responses, "SMS_MFA_CODE") != challenge.Code)
            {
                throw new CodeMismatchException(InvalidCode);
            }
        }
        else
        {
            var step = Totp.Match(Totp.FromBase32(user.Mfa.SoftwareTokenSecret!)!, Required(responses, "SOFTWARE_TOKEN_MFA_CODE"), Time.GetUtcNow())
                ?? throw new CodeMismatchException(InvalidCode);
            // Checked and recorded in one write, so two sign-ins racing with one code cannot both pass.
            Store.Write(tx =>
            {
                var current = CurrentUser(user);
                if (step <= current.Mfa.LastSoftwareTokenStep)
                {
                    throw new ExpiredCodeException("Your software token has already been used once.");
                }

                current.Mfa.LastSoftwareTokenStep = step;
                tx.UpdateUser(pool, current);
            });
        }

        return AfterSecondFactor(pool, client, user, challenge, responses, context);
    }

    private AuthResponse AnswerSelectMfaType(UserPool pool, AppClient client, string? session, Dictionary<string, string?> responses)
    {
        var challenge = Challenges.Find(session, MfaFactors.Select, client);
        var answer = Required(responses, "ANSWER");
        if (answer is not (MfaFactors.Sms or MfaFactors.SoftwareToken))
        {
            throw new InvalidParameterException($"ANSWER must be SMS_MFA or SOFTWARE_TOKEN_MFA, not {answer}.");
        }

        var user = Store.GetUser(challenge.UserId) ?? throw new UserNotFoundException();
        Store.Write(tx => tx.DeleteChallenge(challenge));
        return MfaChallenge(answer, pool, client, user, challenge.DeviceKey);
    }

    /// <summary>MFA_SETUP is answered once VerifySoftwareToken has verified a token under its Session.</summary>
    private AuthResponse AnswerMfaSetup(UserPool pool, AppClient client, string? session, RequestContext context)
    {
        var challenge = Challenges.Find(session, MfaFactors.Setup, client);
        if (!challenge.Verified)
        {
            throw new InvalidParameterException("MFA_SETUP needs a software token verified with VerifySoftwareToken under this session first.");
        }

        var user = Store.GetUser(challenge.UserId) ?? throw new UserNotFoundException();
        return AfterSecondFactor(pool, client, user, challenge, [], context);
    }

    /// <summary>
    /// After the second factor: prove the device the client named, if any, else the tokens, with a new device
    /// where the pool tracks them.
    /// </summary>
    private AuthResponse AfterSecondFactor(UserPool pool, AppClient client, User user, ChallengeSession challenge, Dictionary<string, string?> responses, RequestContext context)
    {
        // amazon-cognito-identity-js names its device again with the code; one it cannot prove is left aside.
        var deviceKey = challenge.DeviceKey ?? responses.GetValueOrDefault("DEVICE_KEY");
        var device = deviceKey is null ? null : Store.GetDevice(user.Id, deviceKey) is { Confirmed: true, Verifier: not null } d ? d : null;
        if (device is null)
        {
            Store.Write(tx => tx.DeleteChallenge(challenge));
            return SignedIn(pool, client, user, usedDevice: null, context);
        }

        // The same client then sends DEVICE_SRP_AUTH under the Session it just answered, not the new one: both open it, once.
        return Challenge(DeviceSrpAuth, pool, client, user, device.DeviceKey, new Dictionary<string, string>(), answered: challenge);
    }

    /// <summary>Records the SMS the mock would send and returns its code: the configured fixed code, or six random digits.</summary>
    private string SendSmsCode(UserPool pool, User user)
    {
        var code = Options.FixedSmsCode
            ?? (BitConverter.ToUInt32(Random.Bytes(4)) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        Sms.Send(new SentSms(pool.Id, user.Username, user.GetAttribute("phone_number")!, code, Time.GetUtcNow()));
        return code;
    }

    /// <summary>A phone number as Cognito shows where it sent a code: all but the last four digits hidden.</summary>
    private static string Masked(string phone) =>
        phone.Length <= 4 ? phone : string.Concat(phone.StartsWith('+') ? "+" : "", new string('*', phone.Length - 4 - (phone.StartsWith('+') ? 1 : 0)), phone[^4..]);
}
