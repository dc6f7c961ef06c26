namespace CognitoMock.Domain;

/// <summary>
/// One sign-in, sign-up, password change or password reset of a user, as AdminListUserAuthEvents lists it. A pool
/// records them only while its threat protection is on (UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED), as
/// AWS does; with no risk engine here, every event's risk is the lowest (docs/behaviour.md §13).
/// </summary>
public sealed class AuthEvent
{
    public string EventId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    /// <summary>SignIn, SignUp, ForgotPassword, PasswordChange, ResendCode.</summary>
    public string EventType { get; set; } = "";

    public DateTime CreationDate { get; set; }

    /// <summary>Pass, Fail or InProgress.</summary>
    public string EventResponse { get; set; } = "";

    /// <summary>The challenges the event went through, as ChallengeName:ChallengeResponse (Success or Failure).</summary>
    public List<string> Challenges { get; set; } = [];

    public string? IpAddress { get; set; }

    public string? DeviceName { get; set; }

    /// <summary>The token UpdateAuthEventFeedback must present for this event.</summary>
    public string FeedbackToken { get; set; } = "";

    /// <summary>Valid or Invalid, once someone gave feedback.</summary>
    public string? FeedbackValue { get; set; }

    /// <summary>Who gave it: Admin (AdminUpdateAuthEventFeedback) or User (UpdateAuthEventFeedback).</summary>
    public string? FeedbackProvider { get; set; }

    public DateTime? FeedbackDate { get; set; }

    /// <summary>The event's place among its user's events, counting from 1: the store sets it as the event is recorded.</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// Where the event sorts in its user's listing: newest first, and of events at one instant (a mock's clock may
    /// stand still), the last recorded first.
    /// </summary>
    public string OrderKey => $"{DateTime.MaxValue.Ticks - CreationDate.Ticks:D19}/{long.MaxValue - Sequence:D19}";
}

public static class AuthEventTypes
{
    public const string SignIn = "SignIn";
    public const string SignUp = "SignUp";
    public const string ForgotPassword = "ForgotPassword";
    public const string PasswordChange = "PasswordChange";
    public const string ResendCode = "ResendCode";
}
