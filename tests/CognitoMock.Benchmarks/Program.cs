using System.Globalization;
using BenchmarkDotNet.Running;
using CognitoMock.Benchmarks;

// One exe, three uses:
//   BenchmarkDotNet (no mode):  dotnet run -c Release --project tests/CognitoMock.Benchmarks -- --filter '*Engine*'
//     Each run seeds its pools afresh (the first case of each pool size pays for it), then measures.
//   ceiling <port>:  the load harness's yardstick, a bare Kestrel endpoint (see Ceiling.cs); 0 picks a port.
//   startup <count>: starts <count> in-process fixtures one after another and prints how long each took to
//     answer its first request (see StartupTimes.cs).
// The load harness (Load/run.sh) runs the last two from the built dll.
switch (args)
{
    case ["ceiling", var port]:
        return await Ceiling.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
    case ["startup", var count]:
        return await StartupTimes.RunAsync(int.Parse(count, CultureInfo.InvariantCulture));
    default:
        BenchmarkPools.ClearCache();
        BenchmarkSwitcher.FromAssembly(typeof(AdminListDevicesBenchmarks).Assembly).Run(args);
        return 0;
}
