using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>What a pool may be, whether CreateUserPool or a seed makes it.</summary>
public static class PoolRules
{
    /// <summary>A pool signs users in by aliases beside their usernames, or by attributes in place of them; not both.</summary>
    public static void RequireAliasesOrUsernameAttributes(IReadOnlyCollection<string> aliases, IReadOnlyCollection<string> usernameAttributes)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        ArgumentNullException.ThrowIfNull(usernameAttributes);
        if (aliases.Count > 0 && usernameAttributes.Count > 0)
        {
            throw new InvalidParameterException("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
        }
    }
}
