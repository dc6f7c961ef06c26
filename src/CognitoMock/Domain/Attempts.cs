using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>
/// A user's failed attempts, which AWS limits (docs/behaviour.md §13): wrong passwords at sign-in, wrong codes, and
/// requests for codes. Kept on the user, so a limit holds across requests and restarts, and judged by the mock's
/// clock, so a test moves the clock instead of waiting.
/// </summary>
public sealed class UserAttempts
{
    public int PasswordFailures { get; set; }

    public DateTime? PasswordLockedUntil { get; set; }

    public int CodeFailures { get; set; }

    public DateTime? CodeLockedUntil { get; set; }

    /// <summary>When the user asked for a code, within the last hour.</summary>
    public List<DateTime> CodeRequests { get; set; } = [];
}

/// <summary>The limits on a user's attempts, with the answers AWS gives when one is reached.</summary>
public static class AttemptLimits
{
    /// <summary>Failed sign-ins before the first lockout (AWS's developer guide: five).</summary>
    public const int PasswordFailuresAllowed = 5;

    /// <summary>The longest lockout: the guide's "approximately 15 minutes".</summary>
    public static readonly TimeSpan LongestPasswordLockout = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes before codes are refused for <see cref="CodeLockout"/> [decision].</summary>
    public const int CodeFailuresAllowed = 5;

    public static readonly TimeSpan CodeLockout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Codes a user may ask for in an hour: AWS documents between 5 and 20 for password resets; the mock takes 5,
    /// the number seen to trip it (amazon-cognito-identity-js issue 548).
    /// </summary>
    public const int CodeRequestsPerHour = 5;

    /// <summary>AWS's words when a sign-in comes during a lockout (seen: amazon-cognito-identity-js issue 506).</summary>
    public static NotAuthorizedException PasswordAttemptsExceeded() => new("Password attempts exceeded");

    /// <summary>AWS's words for too many codes or code guesses (seen: aws-sdk-android issue 627, amplify-js 8013).</summary>
    public static LimitExceededException AttemptLimitExceeded() => new("Attempt limit exceeded, please try after some time.");

    public static bool PasswordLocked(User user, DateTime now) => user.Attempts.PasswordLockedUntil > now;

    /// <summary>
    /// A wrong password or proof: from the fifth in a row, a lockout of a second that doubles with each further one,
    /// up to 15 minutes (AWS's developer guide, "lockout behavior").
    /// </summary>
    public static void PasswordFailed(User user, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var attempts = user.Attempts;
        attempts.PasswordFailures++;
        if (attempts.PasswordFailures >= PasswordFailuresAllowed)
        {
            var doublings = Math.Min(attempts.PasswordFailures - PasswordFailuresAllowed, 20);
            var lockout = TimeSpan.FromSeconds(Math.Pow(2, doublings));
            attempts.PasswordLockedUntil = now + (lockout < LongestPasswordLockout ? lockout : LongestPasswordLockout);
        }
    }

    public static void PasswordSucceeded(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Attempts.PasswordFailures = 0;
        user.Attempts.PasswordLockedUntil = null;
    }

    /// <summary>Refuses a code while codes are locked for the user.</summary>
    public static void RequireCodesAllowed(User user, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Attempts.CodeLockedUntil > now)
        {
            throw AttemptLimitExceeded();
        }
    }

    public static void CodeFailed(User user, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var attempts = user.Attempts;
        if (++attempts.CodeFailures >= CodeFailuresAllowed)
        {
            attempts.CodeFailures = 0;
            attempts.CodeLockedUntil = now + CodeLockout;
        }
    }

    public static void CodeSucceeded(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Attempts.CodeFailures = 0;
        user.Attempts.CodeLockedUntil = null;
    }

    /// <summary>Counts a request for a code, refusing it past <see cref="CodeRequestsPerHour"/> in the last hour.</summary>
    public static void CodeRequested(User user, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var requests = user.Attempts.CodeRequests;
        requests.RemoveAll(at => at <= now - TimeSpan.FromHours(1));
        if (requests.Count >= CodeRequestsPerHour)
        {
            throw AttemptLimitExceeded();
        }

        requests.Add(now);
    }
}
