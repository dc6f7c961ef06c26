using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using CognitoMock.Seeding;
using CognitoMock.Srp;
using CognitoMock.Testing;

namespace CognitoMock.Benchmarks;

/// <summary>
/// A full SRP sign-in (InitiateAuth, the client's proof, RespondToAuthChallenge) and ListDevices with its access
/// token, through the in-process pipeline; beside them, the raw costs that bound a sign-in: the server's three
/// 3072-bit exponentiations, the client's, and the two RS256 signatures of the tokens.
/// </summary>
[MemoryDiagnoser]
public class SignInBenchmarks
{
    private const string Pool = "us-east-1_BenchSignIn";
    private const string Client = "benchsigninclient000000001";
    private const string Password = "Passw0rd!";

    private InProcessCognitoMock _mock = null!;
    private HttpClient _http = null!;
    private string _accessToken = "";
    private BigInteger _verifier;
    private RSA _rsa = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mock = InProcessCognitoMock.Start();
        _mock.Seed(new SeedDocument
        {
            UserPools =
            [
                new SeedUserPool
                {
                    Id = Pool,
                    Name = "bench",
                    DeviceConfiguration = new SeedDeviceConfiguration(),
                    Clients = [new SeedClient { ClientId = Client, ClientName = "bench", ExplicitAuthFlows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
                    Users = [new SeedUser { Username = "alice", Password = Password, Devices = [.. Enumerable.Range(0, 3).Select(i => new SeedDevice { DeviceName = $"device {i}" })] }],
                },
            ],
        });
        _http = _mock.CreateClient();
        _accessToken = JsonNode.Parse(SrpSignIn().GetAwaiter().GetResult())!["AuthenticationResult"]!["AccessToken"]!.GetValue<string>();
        _verifier = SrpGroup.Verifier("BenchSignIn", "alice", Password, new BigInteger(12345));
        _rsa = RSA.Create(2048);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _mock.Dispose();
    }

    [Benchmark]
    public async Task<string> SrpSignIn()
    {
        var a = SrpGroup.FromUnsignedBytes(RandomNumberGenerator.GetBytes(32));
        var clientPublic = BigInteger.ModPow(SrpGroup.G, a, SrpGroup.N);
        var challenge = JsonNode.Parse(await Call("InitiateAuth",
            $$$"""{"AuthFlow":"USER_SRP_AUTH","ClientId":"{{{Client}}}","AuthParameters":{"USERNAME":"alice","SRP_A":"{{{clientPublic.ToString("x", CultureInfo.InvariantCulture)}}}"}}"""))!;
        var parameters = challenge["ChallengeParameters"]!;
        var block = parameters["SECRET_BLOCK"]!.GetValue<string>();
        var serverPublic = SrpGroup.ParseHex(parameters["SRP_B"]!.GetValue<string>());
        var u = SrpGroup.HashToInteger(SrpGroup.Pad(clientPublic), SrpGroup.Pad(serverPublic));
        var x = SrpGroup.PrivateValue("BenchSignIn", "alice", Password, SrpGroup.ParseHex(parameters["SALT"]!.GetValue<string>()));
        var baseValue = ((serverPublic - SrpGroup.K * BigInteger.ModPow(SrpGroup.G, x, SrpGroup.N)) % SrpGroup.N + SrpGroup.N) % SrpGroup.N;
        var key = SrpServer.DerivedKey(u, BigInteger.ModPow(baseValue, a + u * x, SrpGroup.N));
        var timestamp = SrpTimestamp.Format(DateTime.UtcNow);
        var signature = Convert.ToBase64String(SrpServer.Signature(key, "BenchSignIn", "alice", Convert.FromBase64String(block), timestamp));
        return await Call("RespondToAuthChallenge",
            $$$"""{"ClientId":"{{{Client}}}","ChallengeName":"PASSWORD_VERIFIER","ChallengeResponses":{"USERNAME":"alice","PASSWORD_CLAIM_SECRET_BLOCK":"{{{block}}}","TIMESTAMP":"{{{timestamp}}}","PASSWORD_CLAIM_SIGNATURE":"{{{signature}}}"}}""");
    }

    [Benchmark]
    public Task<string> ListDevicesWithAccessToken() => Call("ListDevices", $$"""{"AccessToken":"{{_accessToken}}"}""");

    /// <summary>What the server must exponentiate per sign-in: g^b for B, v^u, then (A·v^u)^b for S.</summary>
    [Benchmark]
    public BigInteger ServerExponentiations()
    {
        var server = SrpServer.Start(_verifier, () => RandomNumberGenerator.GetBytes(32));
        var u = server.Scrambler(server.PublicValue);
        return server.Premaster(server.PublicValue, u);
    }

    /// <summary>What the benchmark's own client exponentiates per sign-in: A, g^x and the premaster.</summary>
    [Benchmark]
    public BigInteger ClientExponentiations()
    {
        var a = SrpGroup.FromUnsignedBytes(RandomNumberGenerator.GetBytes(32));
        var x = SrpGroup.FromUnsignedBytes(RandomNumberGenerator.GetBytes(32));
        var clientPublic = BigInteger.ModPow(SrpGroup.G, a, SrpGroup.N);
        return BigInteger.ModPow(clientPublic + BigInteger.ModPow(SrpGroup.G, x, SrpGroup.N), a + x * x, SrpGroup.N);
    }

    /// <summary>The access and ID tokens of a sign-in: two RS256 signatures.</summary>
    [Benchmark]
    public byte[] TwoRs256Signatures()
    {
        var data = Encoding.ASCII.GetBytes(_accessToken);
        _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private async Task<string> Call(string operation, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{operation}: {body}");
    }
}
