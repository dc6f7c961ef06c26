using System.Text;
using CognitoMock.Domain;

namespace CognitoMock.Tests.Domain;

/// <summary>RFC 6238 appendix B's SHA-1 test vectors, cut to the six digits Cognito uses.</summary>
public sealed class TotpTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Code_MatchesTheRfcVectors(long unixTime, string code)
    {
        Totp.Code(Secret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime))).Should().Be(code);
    }

    [Fact]
    public void Match_AcceptsOneStepEitherSide_AndNoMore()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);

        Totp.Match(Secret, Totp.Code(Secret, step - 1), now).Should().Be(step - 1);
        Totp.Match(Secret, Totp.Code(Secret, step + 1), now).Should().Be(step + 1);
        Totp.Match(Secret, Totp.Code(Secret, step - 2), now).Should().BeNull();
        Totp.Match(Secret, Totp.Code(Secret, step + 2), now).Should().BeNull();
    }

    [Fact]
    public void Base32_RoundTrips_AndRefusesWhatIsNotBase32()
    {
        Totp.ToBase32(Secret).Should().Be("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        Totp.FromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").Should().Equal(Secret);
        Totp.FromBase32("gezdgnbv").Should().Equal(Totp.FromBase32("GEZDGNBV"));
        Totp.FromBase32("not base32!").Should().BeNull();
    }
}
