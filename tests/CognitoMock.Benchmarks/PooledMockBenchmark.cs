using BenchmarkDotNet.Attributes;
using CognitoMock.Testing;

namespace CognitoMock.Benchmarks;

/// <summary>
/// A mock on its own copy of a seeded pool of <see cref="PoolUsers"/> users (a LiteDB file), started once per
/// benchmark case; the subclass builds its requests in <see cref="Prepare"/>.
/// </summary>
[MemoryDiagnoser]
public abstract class PooledMockBenchmark
{
    private string _path = "";

    [Params(1_000, 100_000)]
    public int PoolUsers { get; set; }

    protected InProcessCognitoMock Mock { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkPools.CopyOf(PoolUsers);
        Mock = InProcessCognitoMock.Start(s => s.DataPath = _path);
        Prepare();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Mock.Dispose();
        File.Delete(_path);
    }

    /// <summary>Called once the mock runs: build the requests, and check that each one does what it should.</summary>
    protected abstract void Prepare();
}
