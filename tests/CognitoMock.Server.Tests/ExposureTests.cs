namespace CognitoMock.Server.Tests;

public sealed class ExposureTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Loopback_NeedsNoWarning(string host)
    {
        Banner.ExposureWarning(host).Should().BeNull();
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.10")]
    [InlineData("::")]
    public void AnyOtherAddress_IsWarnedAbout(string host)
    {
        Banner.ExposureWarning(host).Should().Be($"warning: CognitoMock listens on {host}, reachable from other machines. " +
            "It is a test double with no real security: anyone who reaches it can read and change its state.");
    }
}
