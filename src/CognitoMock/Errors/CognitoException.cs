namespace CognitoMock.Errors;

/// <summary>
/// An error the service answers with. The AWS error code is the type's name, so the wire writer never
/// keeps a second table of codes; the HTTP status is 400 unless the model says otherwise.
/// </summary>
public abstract class CognitoException : Exception
{
    protected CognitoException(string message) : base(message)
    {
    }

    public string Code => GetType().Name;

    public virtual int StatusCode => 400;
}
