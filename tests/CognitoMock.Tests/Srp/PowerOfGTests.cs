using System.Numerics;
using CognitoMock.Srp;

namespace CognitoMock.Tests.Srp;

/// <summary>The fixed-base table behind verifiers and B must give exactly what ModPow gives, at every width.</summary>
public sealed class PowerOfGTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(3072)]
    public void PowerOfG_IsModPow(int bits)
    {
        var random = new Random(bits);
        for (var i = 0; i < 20; i++)
        {
            var exponent = Exponent(random, bits);
            SrpGroup.PowerOfG(exponent).Should().Be(BigInteger.ModPow(SrpGroup.G, exponent, SrpGroup.N), $"2^{exponent:X} mod N");
        }
    }

    [Fact]
    public void PowerOfG_OfTheLargestTabledExponent_AndOfSingleDigits_IsModPow()
    {
        var largest = (BigInteger.One << 512) - 1;
        SrpGroup.PowerOfG(largest).Should().Be(BigInteger.ModPow(SrpGroup.G, largest, SrpGroup.N));
        for (var shift = 0; shift < 512; shift += 4)
        {
            var single = new BigInteger(0xF) << shift;
            SrpGroup.PowerOfG(single).Should().Be(BigInteger.ModPow(SrpGroup.G, single, SrpGroup.N), $"15·16^{shift / 4}");
        }
    }

    private static BigInteger Exponent(Random random, int bits)
    {
        if (bits == 0)
        {
            return BigInteger.Zero;
        }

        var bytes = new byte[(bits + 7) / 8];
        random.NextBytes(bytes);
        var value = new BigInteger(bytes, isUnsigned: true) & ((BigInteger.One << bits) - 1);
        return value | (BigInteger.One << (bits - 1)); // exactly `bits` wide
    }
}
