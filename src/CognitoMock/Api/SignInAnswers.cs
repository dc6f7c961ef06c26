namespace CognitoMock.Api;

/// <summary>
/// What the outputs of InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge
/// have in common: the model gives each operation a shape of its own, with these four members.
/// </summary>
public interface ISignInAnswer
{
    string? ChallengeName { get; set; }

    string? Session { get; set; }

    Dictionary<string, string?>? ChallengeParameters { get; set; }

    AuthenticationResultType? AuthenticationResult { get; set; }
}

public sealed partial class InitiateAuthResponse : ISignInAnswer;

public sealed partial class AdminInitiateAuthResponse : ISignInAnswer;

public sealed partial class RespondToAuthChallengeResponse : ISignInAnswer;

public sealed partial class AdminRespondToAuthChallengeResponse : ISignInAnswer;
