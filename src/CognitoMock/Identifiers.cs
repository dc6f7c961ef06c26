using CognitoMock.Randomness;

namespace CognitoMock;

/// <summary>The formats of the IDs Cognito hands out (docs/behaviour.md §4; issue 3 for pools and clients).</summary>
public sealed class Identifiers(string region, IRandomness random)
{
    public string Region { get; } = region;

    public string UserPoolId() => $"{Region}_{random.Alphanumeric(9)}";

    public string ClientId() => random.LowerAlphanumeric(26);

    public string ClientSecret() => random.LowerAlphanumeric(51);

    public string Sub() => random.Uuid();

    public string DeviceKey() => $"{Region}_{random.Uuid()}";

    public string DeviceGroupKey() => "-" + random.Alphanumeric(8);
}
