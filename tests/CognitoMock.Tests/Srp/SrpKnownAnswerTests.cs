using System.Numerics;
using System.Text.Json;
using CognitoMock.Srp;

namespace CognitoMock.Tests.Srp;

/// <summary>
/// Replays the round trips recorded from amazon-cognito-identity-js 6.3.21 (srp-vectors.json beside this file;
/// docs/behaviour.md §9) with the recorded server secret b, and checks each server-side value exactly.
/// </summary>
public sealed class SrpKnownAnswerTests
{
    public static TheoryData<int> Vectors => [.. Enumerable.Range(0, Load().Count)];

    [Fact]
    public void TheGroup_IsTheRfc3526PrimeWithItsRecordedMultiplier()
    {
        var vector = Load()[0];
        SrpGroup.N.Should().Be(SrpGroup.ParseHex(vector.GetProperty("N_hex").GetString()!));
        SrpGroup.ToHex(SrpGroup.K).Should().Be(vector.GetProperty("k_hex").GetString());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TheServerSide_ReproducesBUSKeyAndTheClientsSignature(int index)
    {
        var v = Load()[index];
        var server = new SrpServer(Hex(v, "v_hex"), Hex(v, "b_hex"));
        var clientPublic = Hex(v, "A_hex");

        server.PublicValue.Should().Be(Hex(v, "B_hex"));
        var u = server.Scrambler(clientPublic);
        u.Should().Be(Hex(v, "u_hex"));
        var premaster = server.Premaster(clientPublic, u);
        premaster.Should().Be(Hex(v, "S_hex"));
        var key = SrpServer.DerivedKey(u, premaster);
        Convert.ToHexStringLower(key).Should().Be(v.GetProperty("hkdf_key_hex").GetString());
        server.SessionKey(clientPublic).Should().Equal(key);

        var signature = SrpServer.Signature(key, Text(v, "prefix"), Text(v, "identity"),
            Convert.FromBase64String(Text(v, "SECRET_BLOCK")), Text(v, "TIMESTAMP"));
        Convert.ToBase64String(signature).Should().Be(Text(v, "PASSWORD_CLAIM_SIGNATURE"));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TheRecordedTimestamp_ParsesAndFormatsBackToItself(int index)
    {
        var timestamp = Text(Load()[index], "TIMESTAMP");

        SrpTimestamp.TryParse(timestamp, out var parsed).Should().BeTrue();
        SrpTimestamp.Format(parsed).Should().Be(timestamp);
    }

    [Fact]
    public void AnAThatIsAMultipleOfN_IsRefused()
    {
        var server = new SrpServer(new BigInteger(5), new BigInteger(7));

        var act = () => server.SessionKey(SrpGroup.N * 2);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ParseHex_AcceptsEitherCaseAndLeadingZeros()
    {
        SrpGroup.ParseHex("00ff").Should().Be(new BigInteger(255));
        SrpGroup.ParseHex("FF").Should().Be(new BigInteger(255));
        SrpGroup.ParseHex("8").Should().Be(new BigInteger(8));
    }

    [Fact]
    public void Pad_IsJavasMinimalTwosComplement()
    {
        SrpGroup.Pad(new BigInteger(0x7f)).Should().Equal(0x7f);
        SrpGroup.Pad(new BigInteger(0x80)).Should().Equal(0x00, 0x80);
        SrpGroup.Pad(new BigInteger(0x0100)).Should().Equal(0x01, 0x00);
    }

    private static List<JsonElement> Load()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Srp", "srp-vectors.json"));
        using var document = JsonDocument.Parse(file);
        return [.. document.RootElement.GetProperty("vectors").EnumerateArray().Select(e => e.Clone())];
    }

    private static BigInteger Hex(JsonElement vector, string name) => SrpGroup.ParseHex(Text(vector, name));

    private static string Text(JsonElement vector, string name) => vector.GetProperty(name).GetString()!;
}
