using System.Text;
using BenchmarkDotNet.Attributes;

namespace CognitoMock.Benchmarks;

/// <summary>
/// The management API through the in-process HTTP pipeline, for pools of 1,000 and 100,000 users: neither a
/// lookup nor a write may cost more in the larger pool, because each is a few index seeks and a write touches
/// only the user's own documents.
/// </summary>
public abstract class ManagementBenchmark : PooledMockBenchmark
{
    private HttpClient? _http;

    protected async Task<string> CallAsync(string operation, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await (_http ??= Mock.CreateClient()).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{operation} failed: {text}");
    }

    protected static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}

/// <summary>AdminGetUser of one of the pool's users, named by its username or by its verified email alias.</summary>
public class AdminGetUserBenchmarks : ManagementBenchmark
{
    private byte[] _body = [];

    [Params("username", "alias")]
    public string Lookup { get; set; } = "";

    [Benchmark]
    public Task<string> AdminGetUser() => CallAsync(nameof(AdminGetUser), _body);

    protected override void Prepare()
    {
        _body = Utf8($$"""{"UserPoolId":"{{BenchmarkPools.Pool}}","Username":"{{BenchmarkPools.Name(Lookup, 1)}}"}""");
        AdminGetUser().GetAwaiter().GetResult();
    }
}

/// <summary>
/// AdminCreateUser of a new user (its temporary password hashed and turned into an SRP verifier, the same work at
/// any pool size), and AdminUpdateUserAttributes moving a user's verified email alias between two addresses.
/// </summary>
public class UserWriteBenchmarks : ManagementBenchmark
{
    private int _created;
    private int _updated;

    [Benchmark]
    public Task<string> AdminCreateUser() => CallAsync(nameof(AdminCreateUser), Utf8($$"""
        {"UserPoolId":"{{BenchmarkPools.Pool}}","Username":"bench-{{Interlocked.Increment(ref _created)}}","MessageAction":"SUPPRESS",
         "TemporaryPassword":"Passw0rd!","UserAttributes":[{"Name":"given_name","Value":"Bench"}]}
        """));

    [Benchmark]
    public Task<string> AdminUpdateUserAttributes() => CallAsync(nameof(AdminUpdateUserAttributes), Utf8($$"""
        {"UserPoolId":"{{BenchmarkPools.Pool}}","Username":"target1",
         "UserAttributes":[{"Name":"email","Value":"target1+{{Interlocked.Increment(ref _updated) % 2}}@example.com"},{"Name":"email_verified","Value":"true"}]}
        """));

    protected override void Prepare()
    {
        AdminCreateUser().GetAwaiter().GetResult();
        AdminUpdateUserAttributes().GetAwaiter().GetResult();
    }
}
