using BenchmarkDotNet.Attributes;
using CognitoMock.Api;

namespace CognitoMock.Benchmarks;

/// <summary>
/// The engine alone, without HTTP: <see cref="CognitoBackend"/> called directly on a LiteDB file, for pools of
/// 1,000 and 100,000 users. Beside the pipeline benchmarks (AdminGetUserBenchmarks, AdminListDevicesBenchmarks,
/// UserWriteBenchmarks), the difference is what routing, validation and JSON cost.
/// </summary>
public abstract class EngineBenchmark : PooledMockBenchmark
{
    protected static readonly RequestContext Context = new("bench", null);

    protected CognitoBackend Backend => Mock.Backend;
}

/// <summary>AdminGetUser of a user named by its username, its verified email alias or its sub.</summary>
public class EngineAdminGetUserBenchmarks : EngineBenchmark
{
    private AdminGetUserRequest _request = null!;

    [Params("username", "alias", "sub")]
    public string Lookup { get; set; } = "";

    [Benchmark]
    public AdminGetUserResponse AdminGetUser() => Backend.AdminGetUser(_request, Context);

    protected override void Prepare()
    {
        _request = new AdminGetUserRequest { UserPoolId = BenchmarkPools.Pool, Username = BenchmarkPools.Name(Lookup, 1) };
        if (AdminGetUser().Username != "target1")
        {
            throw new InvalidOperationException($"AdminGetUser by {Lookup} did not find target1.");
        }
    }
}

/// <summary>
/// AdminListDevices of one page of 60 (the most a page holds) for a user of 60 devices and one of 1,000: the
/// page costs the same however many devices come after it.
/// </summary>
public class EngineAdminListDevicesBenchmarks : EngineBenchmark
{
    private AdminListDevicesRequest _request = null!;

    [Params(60, 1000)]
    public int Devices { get; set; }

    [Benchmark]
    public AdminListDevicesResponse AdminListDevices() => Backend.AdminListDevices(_request, Context);

    protected override void Prepare()
    {
        _request = new AdminListDevicesRequest { UserPoolId = BenchmarkPools.Pool, Username = BenchmarkPools.Name("username", Devices), Limit = 60 };
        if (AdminListDevices().Devices?.Count != 60)
        {
            throw new InvalidOperationException($"AdminListDevices of target{Devices} did not answer a page of 60.");
        }
    }
}

/// <summary>AdminUpdateUserAttributes moving a user's verified email alias between two addresses, each call a real change.</summary>
public class EngineAdminUpdateUserAttributesBenchmarks : EngineBenchmark
{
    private AdminUpdateUserAttributesRequest[] _requests = [];
    private int _calls;

    [Benchmark]
    public AdminUpdateUserAttributesResponse AdminUpdateUserAttributes() =>
        Backend.AdminUpdateUserAttributes(_requests[_calls++ % 2], Context);

    protected override void Prepare()
    {
        _requests = [.. Enumerable.Range(0, 2).Select(i => new AdminUpdateUserAttributesRequest
        {
            UserPoolId = BenchmarkPools.Pool,
            Username = "target1",
            UserAttributes =
            [
                new AttributeType { Name = "email", Value = $"target1+{i}@example.com" },
                new AttributeType { Name = "email_verified", Value = "true" },
            ],
        })];
        AdminUpdateUserAttributes();
        AdminUpdateUserAttributes();
    }
}
