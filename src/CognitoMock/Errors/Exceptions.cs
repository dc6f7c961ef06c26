namespace CognitoMock.Errors;

// One type per AWS error code; the code on the wire is the type name (SEMANTICS §1).

public sealed class InvalidParameterException(string message) : CognitoException(message);

public sealed class ResourceNotFoundException(string message) : CognitoException(message)
{
    public static ResourceNotFoundException UserPool(string userPoolId) =>
        new($"User pool {userPoolId} does not exist.");

    public static ResourceNotFoundException UserPoolClient(string clientId) =>
        new($"User pool client {clientId} does not exist.");

    public static ResourceNotFoundException Device() => new("Device does not exist.");
}

public sealed class UserNotFoundException() : CognitoException("User does not exist.");

public sealed class NotAuthorizedException(string message) : CognitoException(message);

public sealed class InvalidPasswordException(string message) : CognitoException(message);

public sealed class UsernameExistsException(string message) : CognitoException(message);

public sealed class AliasExistsException(string message) : CognitoException(message);

public sealed class UnsupportedUserStateException(string message) : CognitoException(message);

public sealed class TooManyRequestsException() : CognitoException("Rate exceeded");

public sealed class InternalErrorException(string message) : CognitoException(message)
{
    public override int StatusCode => 500;
}

// Errors of the AWS JSON protocol itself rather than of Cognito's model.

public sealed class SerializationException(string message) : CognitoException(message);

public sealed class UnknownOperationException(string message) : CognitoException(message);

public sealed class MissingAuthenticationTokenException() : CognitoException("Missing Authentication Token");
