using System.Buffers.Text;
using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Paging;
using CognitoMock.Randomness;
using CognitoMock.Storage;

namespace CognitoMock;

// Auth events: recorded while a pool's threat protection is on, listed and given feedback (docs/behaviour.md §13).
public sealed partial class CognitoBackend
{
    /// <summary>Newest first, paged by key like every listing here.</summary>
    public override AdminListUserAuthEventsResponse AdminListUserAuthEvents(AdminListUserAuthEventsRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequireThreatProtection(RequirePool(Store, request.UserPoolId));
        var user = ResolveUser(Store, pool, request.Username);
        var (events, next) = Pages.Keyset(
            new PageScope(nameof(AdminListUserAuthEvents), pool.Id, user.Sub),
            request.NextToken,
            request.MaxResults,
            context,
            (after, take) => Store.AuthEventPage(user.Id, after, take),
            e => e.OrderKey);
        return new AdminListUserAuthEventsResponse { AuthEvents = events.ConvertAll(AuthEventTypeOf), NextToken = next };
    }

    /// <summary>
    /// A user's auth events, newest first, with the feedback tokens AWS would put in the links of its risk emails:
    /// for tests of UpdateAuthEventFeedback (GET /_mock/auth-events shows them).
    /// </summary>
    public IReadOnlyList<AuthEvent> AuthEventsOf(string userPoolId, string username)
    {
        var pool = RequirePool(Store, userPoolId);
        return Store.AuthEventPage(ResolveUser(Store, pool, username).Id, after: null, int.MaxValue);
    }

    public override AdminUpdateAuthEventFeedbackResponse AdminUpdateAuthEventFeedback(AdminUpdateAuthEventFeedbackRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        GiveFeedback(request.UserPoolId, request.Username, request.EventId, request.FeedbackValue, token: null);
        return new AdminUpdateAuthEventFeedbackResponse();
    }

    /// <summary>A user's own feedback, which must carry the event's feedback token (GET /_mock/auth-events shows it).</summary>
    public override UpdateAuthEventFeedbackResponse UpdateAuthEventFeedback(UpdateAuthEventFeedbackRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        GiveFeedback(request.UserPoolId, request.Username, request.EventId, request.FeedbackValue, request.FeedbackToken);
        return new UpdateAuthEventFeedbackResponse();
    }

    private void GiveFeedback(string userPoolId, string username, string eventId, string value, string? token) => Store.Write(tx =>
    {
        var pool = RequireThreatProtection(RequirePool(tx, userPoolId));
        var user = ResolveUser(tx, pool, username);
        var authEvent = tx.GetAuthEvent(eventId) is { } found && found.UserId == user.Id
            ? found
            : throw new ResourceNotFoundException("Auth event not found.");
        if (token is not null && token != authEvent.FeedbackToken)
        {
            throw new NotAuthorizedException("Invalid feedback token.");
        }

        authEvent.FeedbackValue = value;
        authEvent.FeedbackProvider = token is null ? "Admin" : "User";
        authEvent.FeedbackDate = Now;
        tx.UpdateAuthEvent(authEvent);
    });

    /// <summary>
    /// Records an event of the user in this write, if the pool's threat protection is on: AWS keeps auth events
    /// only then, and a pool without it has none to list.
    /// </summary>
    private void RecordAuthEvent(StoreTransaction tx, UserPool pool, User user, string type, string response, RequestContext context, IReadOnlyList<string>? challenges = null)
    {
        if (!ThreatProtectionOn(pool))
        {
            return;
        }

        tx.InsertAuthEvent(new AuthEvent
        {
            EventId = Random.Uuid(),
            UserId = user.Id,
            UserPoolId = pool.Id,
            EventType = type,
            CreationDate = Now,
            EventResponse = response,
            Challenges = [.. challenges ?? []],
            IpAddress = context.SourceIp,
            DeviceName = context.UserAgent,
            // URL-safe: the model's TokenModelType allows only [A-Za-z0-9-_=.], so a token with + or / would be
            // refused by the very operation it is for.
            FeedbackToken = Base64Url.EncodeToString(Random.Bytes(24)),
        });
    }

    private static bool ThreatProtectionOn(UserPool pool) => pool.Settings.UserPoolAddOns?.AdvancedSecurityMode is "AUDIT" or "ENFORCED";

    /// <summary>AWS's refusal of the auth-event operations in a pool without threat protection (seen: ministack pull request 1538).</summary>
    private static UserPool RequireThreatProtection(UserPool pool) =>
        ThreatProtectionOn(pool) ? pool : throw new UserPoolAddOnNotEnabledException("User pool add-on is not enabled for this user pool.");

    /// <summary>An event as AWS lists it; with no risk engine, every risk is the lowest [decision].</summary>
    private static AuthEventType AuthEventTypeOf(AuthEvent authEvent) => new()
    {
        EventId = authEvent.EventId,
        EventType = authEvent.EventType,
        CreationDate = authEvent.CreationDate,
        EventResponse = authEvent.EventResponse,
        EventRisk = new EventRiskType { RiskDecision = "NoRisk", RiskLevel = "Low", CompromisedCredentialsDetected = false },
        ChallengeResponses = [.. authEvent.Challenges.Select(c => c.Split(':', 2)).Select(c => new ChallengeResponseType { ChallengeName = c[0], ChallengeResponse = c[^1] })],
        EventContextData = new EventContextDataType { IpAddress = authEvent.IpAddress, DeviceName = authEvent.DeviceName },
        EventFeedback = authEvent.FeedbackValue is null
            ? null
            : new EventFeedbackType { FeedbackValue = authEvent.FeedbackValue, Provider = authEvent.FeedbackProvider!, FeedbackDate = authEvent.FeedbackDate },
    };
}

public static class AuthEventResponses
{
    public const string Pass = "Pass";
    public const string Fail = "Fail";
    public const string InProgress = "InProgress";
}
