using System.Globalization;
using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Randomness;
using CognitoMock.Storage;

namespace CognitoMock;

// The codes the mock sends and checks, and the messages that carry them (docs/behaviour.md §13).
public sealed partial class CognitoBackend
{
    /// <summary>AWS's words for a wrong code (seen, among others, in amazon-cognito-identity-js's issues).</summary>
    private const string WrongCode = "Invalid verification code provided, please try again.";

    /// <summary>AWS's words for an expired code (seen: the response headers quoted in aws-sdk-ios-samples issue 144).</summary>
    private const string StaleCode = "Invalid code provided, please request a code again.";

    /// <summary>Six random digits; for an SMS, the configured fixed code when there is one.</summary>
    private string NewCode(string medium) =>
        medium == DeliveryMediums.Sms && Options.FixedSmsCode is { } fixedCode
            ? fixedCode
            : (BitConverter.ToUInt32(Random.Bytes(4)) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Sends a new code for <paramref name="purpose"/> to the user's <paramref name="attribute"/> (email or
    /// phone_number), or to <paramref name="destination"/> when the address is not the user's yet: keeps its hash
    /// in this write, and the message leaves once the write commits. Answers where it went, as AWS shows it.
    /// </summary>
    private CodeDeliveryDetailsType SendCode(
        StoreTransaction tx, UserPool pool, User user, string purpose, string attribute, string triggerSource,
        string? destination = null, string? pendingValue = null, string? link = null)
    {
        var medium = MediumOf(attribute);
        var to = destination ?? pendingValue ?? user.GetAttribute(attribute)
            ?? throw new InvalidOperationException($"The user has no {attribute} to send a code to.");
        var code = NewCode(medium);
        tx.SaveCode(new PendingCode
        {
            UserId = user.Id,
            UserPoolId = pool.Id,
            Purpose = purpose,
            CodeHash = PendingCode.Hash(code),
            Expires = Now + CodePurposes.Lifetime(purpose),
            Attribute = attribute,
            PendingValue = pendingValue,
        });
        Deliver(tx, pool, user, triggerSource, medium, to, code, link?.Replace(CodePlaceholder, code, StringComparison.Ordinal));
        return DeliveryDetails(attribute, to);
    }

    /// <summary>In a link, the code's place: the link is made before the code.</summary>
    private const string CodePlaceholder = "{code}";

    private static CodeDeliveryDetailsType DeliveryDetails(string attribute, string destination)
    {
        var medium = MediumOf(attribute);
        return new CodeDeliveryDetailsType { Destination = MessageTemplates.Masked(medium, destination), DeliveryMedium = medium, AttributeName = attribute };
    }

    private static string MediumOf(string attribute) => attribute == UserLookup.Email ? DeliveryMediums.Email : DeliveryMediums.Sms;

    /// <summary>Renders a message from the pool's templates and puts it in the outbox once the write commits.</summary>
    private void Deliver(StoreTransaction tx, UserPool pool, User user, string triggerSource, string medium, string destination, string code, string? link = null)
    {
        var (subject, body) = MessageTemplates.Render(pool, triggerSource, medium, user.Username, code, link);
        var message = new SentMessage(pool.Id, user.Username, medium, destination, subject, body, code, triggerSource, Time.GetUtcNow());
        tx.AfterCommit(() => Messages.Send(message));
    }

    /// <summary>
    /// Checks a code the user sent for <paramref name="purpose"/>, in the write that acts on it. A right code is
    /// used up; a wrong one counts towards the user's limit (<see cref="AttemptLimits"/>), in this write, which must
    /// commit before the refusal is thrown: so the refusal comes back instead of being thrown.
    /// </summary>
    private CognitoException? CheckCode(StoreTransaction tx, UserPool pool, User user, string purpose, string code, out PendingCode? used)
    {
        used = null;
        var now = Now;
        AttemptLimits.RequireCodesAllowed(user, now);
        var pending = tx.GetCode(user.Id, purpose);
        if (pending is null || !pending.Matches(code))
        {
            AttemptLimits.CodeFailed(user, now);
            tx.UpdateUser(pool, user);
            return new CodeMismatchException(WrongCode);
        }

        if (pending.Expires <= now)
        {
            return new ExpiredCodeException(StaleCode);
        }

        AttemptLimits.CodeSucceeded(user);
        tx.DeleteCode(user.Id, purpose);
        used = pending;
        return null;
    }

    /// <summary>
    /// Runs a write that may end in a refusal to be thrown after it commits (a wrong code, which is counted), and
    /// throws it then.
    /// </summary>
    private T Committed<T>(Func<StoreTransaction, (T Result, CognitoException? Refusal)> work)
    {
        var (result, refusal) = Store.Write(work);
        return refusal is null ? result : throw refusal;
    }
}
