namespace CognitoMock.Messages;

/// <summary>The trigger sources of AWS's CustomMessage trigger: why a message is sent.</summary>
public static class TriggerSources
{
    public const string SignUp = "CustomMessage_SignUp";
    public const string ResendCode = "CustomMessage_ResendCode";
    public const string ForgotPassword = "CustomMessage_ForgotPassword";
    public const string UpdateUserAttribute = "CustomMessage_UpdateUserAttribute";
    public const string VerifyUserAttribute = "CustomMessage_VerifyUserAttribute";
    public const string AdminCreateUser = "CustomMessage_AdminCreateUser";
    public const string Authentication = "CustomMessage_Authentication";
}
