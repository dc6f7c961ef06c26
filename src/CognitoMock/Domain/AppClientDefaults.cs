using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>What an app client's settings are when they are left out, and which settings it may have.</summary>
public static class AppClientDefaults
{
    /// <summary>The flows of a client created without ExplicitAuthFlows (the model's ExplicitAuthFlows documentation).</summary>
    public static readonly IReadOnlyList<string> ExplicitAuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"];

    private static readonly string[] LegacyAuthFlows = ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"];

    /// <summary>
    /// The settings given, with AWS's defaults for what is missing: refresh tokens for 30 days (0 means the
    /// default, as the model's RefreshTokenValidity documentation says), no OAuth, token revocation on, 3-minute
    /// sessions (the model's documentation of each). UpdateUserPoolClient resets what it leaves out to these
    /// (its documentation), so it completes its request the same way.
    /// </summary>
    public static ClientSettings Complete(ClientSettings given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return given with
        {
            RefreshTokenValidity = given.RefreshTokenValidity is null or 0 ? 30 : given.RefreshTokenValidity,
            AllowedOAuthFlowsUserPoolClient = given.AllowedOAuthFlowsUserPoolClient ?? false,
            EnableTokenRevocation = given.EnableTokenRevocation ?? true,
            EnablePropagateAdditionalUserContextData = given.EnablePropagateAdditionalUserContextData ?? false,
            AuthSessionValidity = given.AuthSessionValidity ?? 3,
        };
    }

    /// <summary>
    /// Refuses settings a client cannot have: legacy auth flows beside ALLOW_ ones (the model's ExplicitAuthFlows
    /// documentation), token lifetimes out of range, and read or write attributes the pool does not have.
    /// <paramref name="action"/> is "creating" or "updating", for the message.
    /// </summary>
    public static void Validate(UserPool pool, ClientSettings settings, IReadOnlyCollection<string> flows, string action)
    {
        if (flows.Any(f => LegacyAuthFlows.Contains(f)) && flows.Any(f => f.StartsWith("ALLOW_", StringComparison.Ordinal)))
        {
            throw new InvalidParameterException(
                "ExplicitAuthFlows cannot mix the legacy values ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH with values that begin with ALLOW_.");
        }

        TokenValidity.Validate(settings);
        if (settings.ReadAttributes?.Any(a => !StandardAttributes.IsKnown(pool, a)) == true)
        {
            throw new InvalidParameterException($"Invalid read attributes specified while {action} a client");
        }

        if (settings.WriteAttributes?.Any(a => !StandardAttributes.IsKnown(pool, a)) == true)
        {
            throw new InvalidParameterException($"Invalid write attributes specified while {action} a client");
        }
    }
}
