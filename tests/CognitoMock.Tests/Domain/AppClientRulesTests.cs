using CognitoMock.Domain;
using CognitoMock.Errors;

namespace CognitoMock.Tests.Domain;

public sealed class AppClientRulesTests
{
    [Fact]
    public void SecretHash_IsBase64OfHmacSha256OfUsernameAndClientIdKeyedByTheSecret()
    {
        // Computed independently: base64(hmac.new(secret, b"alice" + client_id, sha256).digest()) in Python.
        SecretHash.Compute("1example23456789secret", "alice", "7example23456789client").Should().Be("Yh6iMzMRGv57lHd26jBVL4Qt0NQoa4CINBXLBWsDz08=");
    }

    [Fact]
    public void SecretHash_AClientWithoutASecret_NeedsNone()
    {
        var act = () => SecretHash.Verify(new AppClient { ClientId = "public" }, "alice", null);

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData(null, null, null, 60, 60, 30 * 24 * 60)]
    [InlineData(2, 3, 10, 120, 180, 10 * 24 * 60)]
    [InlineData(5, 1440, 60, 5, 1440, 60)]
    public void TokenValidity_IsInTheUnitsGiven_HoursAndDaysWhenNone(int? access, int? id, int? refresh, int accessMinutes, int idMinutes, int refreshMinutes)
    {
        var units = access == 5 ? new TokenUnits { AccessToken = "minutes", IdToken = "minutes", RefreshToken = "minutes" } : null;
        var settings = AppClientDefaults.Complete(new ClientSettings
        {
            AccessTokenValidity = access,
            IdTokenValidity = id,
            RefreshTokenValidity = refresh,
            TokenValidityUnits = units,
        });

        TokenValidity.AccessToken(settings).Should().Be(TimeSpan.FromMinutes(accessMinutes));
        TokenValidity.IdToken(settings).Should().Be(TimeSpan.FromMinutes(idMinutes));
        TokenValidity.RefreshToken(settings).Should().Be(TimeSpan.FromMinutes(refreshMinutes));
        TokenValidity.Validate(settings);
    }

    [Theory]
    [InlineData(299, 3600, 3600, "AccessTokenValidity")]
    [InlineData(86401, 3600, 3600, "AccessTokenValidity")]
    [InlineData(3600, 299, 3600, "IdTokenValidity")]
    [InlineData(3600, 3600, 3599, "RefreshTokenValidity")]
    [InlineData(3600, 3600, 315360001, "RefreshTokenValidity")]
    public void TokenValidity_OutsideAwsRanges_IsInvalid(int access, int id, int refresh, string member)
    {
        var seconds = new TokenUnits { AccessToken = "seconds", IdToken = "seconds", RefreshToken = "seconds" };
        var settings = new ClientSettings { AccessTokenValidity = access, IdTokenValidity = id, RefreshTokenValidity = refresh, TokenValidityUnits = seconds };

        var act = () => TokenValidity.Validate(settings);

        act.Should().Throw<InvalidParameterException>().WithMessage($"{member} must be between *");
    }

    [Fact]
    public void Complete_TreatsARefreshTokenValidityOfZeroAsTheDefault()
    {
        AppClientDefaults.Complete(new ClientSettings { RefreshTokenValidity = 0 }).RefreshTokenValidity.Should().Be(30);
    }
}
