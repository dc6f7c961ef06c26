using CognitoMock.Errors;

namespace CognitoMock.Api;

public abstract partial class CognitoIdentityProviderBase
{
    /// <summary>What an operation of the model answers until the engine implements it (docs/behaviour.md §1).</summary>
    protected static UnknownOperationException NotImplemented(string operation) =>
        new($"{operation} is a Cognito operation that CognitoMock does not implement yet.");
}
