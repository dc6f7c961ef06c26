using CognitoMock.Api;

namespace CognitoMock.SignIn;

/// <summary>
/// What a sign-in step answers, whichever of InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and
/// AdminRespondToAuthChallenge it was: a challenge to answer next, or the tokens. Each of the four operations
/// writes it as its own output shape.
/// </summary>
public sealed record SignInStep(string? ChallengeName, string? Session, Dictionary<string, string?> ChallengeParameters, AuthenticationResultType? AuthenticationResult)
{
    public static SignInStep Tokens(AuthenticationResultType result) => new(null, null, [], result);

    public static SignInStep Challenge(string name, string? session, Dictionary<string, string?> parameters) => new(name, session, parameters, null);

    /// <summary>This step as the output shape of the operation that took it.</summary>
    public T As<T>() where T : ISignInAnswer, new() => new()
    {
        ChallengeName = ChallengeName,
        Session = Session,
        ChallengeParameters = ChallengeParameters,
        AuthenticationResult = AuthenticationResult,
    };
}
