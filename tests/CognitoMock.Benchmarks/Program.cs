using BenchmarkDotNet.Running;
using CognitoMock.Benchmarks;

// dotnet run -c Release --project tests/CognitoMock.Benchmarks -- --filter '*AdminListDevices*'
// Each run seeds its pools afresh (the first case of each pool size pays for it), then measures.
BenchmarkPools.ClearCache();
BenchmarkSwitcher.FromAssembly(typeof(AdminListDevicesBenchmarks).Assembly).Run(args);
