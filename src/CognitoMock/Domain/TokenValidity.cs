using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>
/// How long an app client's tokens live: its AccessTokenValidity, IdTokenValidity and RefreshTokenValidity in
/// the TokenValidityUnits it names, hours for access and ID tokens and days for refresh tokens when it names
/// none; an hour for access and ID tokens it does not set (the model's documentation of each member).
/// </summary>
public static class TokenValidity
{
    private static readonly TimeSpan ShortestToken = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestToken = TimeSpan.FromDays(1);
    private static readonly TimeSpan ShortestRefresh = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan LongestRefresh = TimeSpan.FromDays(3650);

    public static TimeSpan AccessToken(ClientSettings settings) =>
        settings.AccessTokenValidity is { } value ? Span(value, settings.TokenValidityUnits?.AccessToken ?? "hours") : TimeSpan.FromHours(1);

    public static TimeSpan IdToken(ClientSettings settings) =>
        settings.IdTokenValidity is { } value ? Span(value, settings.TokenValidityUnits?.IdToken ?? "hours") : TimeSpan.FromHours(1);

    public static TimeSpan RefreshToken(ClientSettings settings) =>
        Span(settings.RefreshTokenValidity ?? 30, settings.TokenValidityUnits?.RefreshToken ?? "days");

    /// <summary>
    /// Refuses lifetimes outside what AWS allows: 5 minutes to a day for access and ID tokens, an hour to ten
    /// years for refresh tokens (the TokenValidityUnits documentation of CloudFormation and the CLI).
    /// </summary>
    public static void Validate(ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Require(AccessToken(settings), ShortestToken, LongestToken, "AccessTokenValidity", "5 minutes and 1 day");
        Require(IdToken(settings), ShortestToken, LongestToken, "IdTokenValidity", "5 minutes and 1 day");
        Require(RefreshToken(settings), ShortestRefresh, LongestRefresh, "RefreshTokenValidity", "60 minutes and 10 years");
    }

    private static void Require(TimeSpan lifetime, TimeSpan shortest, TimeSpan longest, string member, string range)
    {
        if (lifetime < shortest || lifetime > longest)
        {
            throw new InvalidParameterException($"{member} must be between {range} in its TokenValidityUnits.");
        }
    }

    private static TimeSpan Span(int value, string unit) => unit switch
    {
        "seconds" => TimeSpan.FromSeconds(value),
        "minutes" => TimeSpan.FromMinutes(value),
        "days" => TimeSpan.FromDays(value),
        _ => TimeSpan.FromHours(value),
    };
}
