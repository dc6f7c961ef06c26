namespace CognitoMock.Errors;

// One type per AWS error code; the code on the wire is the type name (docs/behaviour.md §1).

public sealed class InvalidParameterException(string message) : CognitoException(message);

public sealed class ResourceNotFoundException(string message) : CognitoException(message)
{
    public static ResourceNotFoundException UserPool(string userPoolId) =>
        new($"User pool {userPoolId} does not exist.");

    public static ResourceNotFoundException UserPoolClient(string clientId) =>
        new($"User pool client {clientId} does not exist.");

    public static ResourceNotFoundException Device() => new("Device does not exist.");
}

public sealed class UserNotFoundException(string message = "User does not exist.") : CognitoException(message)
{
    /// <summary>
    /// AWS's words for an unknown user of the self-service operations that name it with a client, such as
    /// ForgotPassword (seen: amplify-js issue 11270).
    /// </summary>
    public static UserNotFoundException OfClient() => new("Username/client id combination not found.");
}

public sealed class NotAuthorizedException(string message) : CognitoException(message)
{
    public static NotAuthorizedException IncorrectCredentials() => new("Incorrect username or password.");

    public static NotAuthorizedException InvalidSession() => new("Invalid session for the user, session is expired.");

    /// <summary>AWS's words for a Session answered before (quoted in aws-amplify/amplify-js issues 10849 and 13123).</summary>
    public static NotAuthorizedException SessionUsed() => new("Invalid session for the user, session can only be used once.");
}

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

public sealed class UserNotConfirmedException() : CognitoException("User is not confirmed.");

public sealed class PasswordResetRequiredException() : CognitoException("Password reset required for the user");

public sealed class DeviceKeyExistsException(string message) : CognitoException(message);

public sealed class UnsupportedTokenTypeException(string message) : CognitoException(message);

public sealed class UnsupportedOperationException(string message) : CognitoException(message);

public sealed class UnauthorizedException(string message) : CognitoException(message);

public sealed class InvalidSignatureException(string message) : CognitoException(message);

public sealed class IncompleteSignatureException(string message) : CognitoException(message);

public sealed class UnrecognizedClientException() : CognitoException("The security token included in the request is invalid.");

public sealed class CodeMismatchException(string message) : CognitoException(message);

public sealed class ExpiredCodeException(string message) : CognitoException(message);

public sealed class EnableSoftwareTokenMFAException(string message) : CognitoException(message);

public sealed class SoftwareTokenMFANotFoundException(string message) : CognitoException(message);

public sealed class LimitExceededException(string message) : CognitoException(message);

public sealed class UserPoolAddOnNotEnabledException(string message) : CognitoException(message);

public sealed class RefreshTokenReuseException(string message) : CognitoException(message);
