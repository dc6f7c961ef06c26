namespace CognitoMock.AspNetCore.Protocol;

internal static class AwsJson
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetHeader = "X-Amz-Target";
    public const string RequestIdHeader = "x-amzn-RequestId";
}
