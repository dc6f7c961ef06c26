using System.Text;
using BenchmarkDotNet.Attributes;
using CognitoMock.Testing;

namespace CognitoMock.Benchmarks;

/// <summary>
/// AdminListDevices through the in-process HTTP pipeline (TestServer): routing, validation, lookup, paging
/// and serialisation, for pools of 1,000 and 100,000 users, users of 1, 60 and 1,000 devices, and each way
/// of naming the user. A page is at most 60 devices, so the 1,000-device user answers one page and a token.
/// </summary>
[MemoryDiagnoser]
public class AdminListDevicesBenchmarks
{
    private InProcessCognitoMock _mock = null!;
    private HttpClient _http = null!;
    private string _path = "";
    private byte[] _body = [];

    [Params(1_000, 100_000)]
    public int PoolUsers { get; set; }

    [Params(1, 60, 1000)]
    public int Devices { get; set; }

    [Params("username", "alias", "sub")]
    public string Lookup { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkPools.CopyOf(PoolUsers);
        _mock = InProcessCognitoMock.Start(s => s.DataPath = _path);
        _http = _mock.CreateClient();
        _body = Encoding.UTF8.GetBytes($$"""{"UserPoolId":"{{BenchmarkPools.Pool}}","Username":"{{BenchmarkPools.Name(Lookup, Devices)}}"}""");
        var check = AdminListDevices().GetAwaiter().GetResult();
        if (!check.Contains("\"DeviceKey\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The benchmark request does not list devices: {check}");
        }
    }

    [Benchmark]
    public async Task<string> AdminListDevices()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(_body) };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminListDevices");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await _http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mock.Dispose();
        File.Delete(_path);
    }
}
