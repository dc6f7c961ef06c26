using System.CommandLine;
using System.Net;
using CognitoMock;
using CognitoMock.AspNetCore;
using CognitoMock.Seeding;
using CognitoMock.Server;
using CognitoMock.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The standalone server: arguments and Kestrel over the same app setup the in-process fixture uses.
var port = new Option<int?>("--port") { Description = $"The port to listen on; 0 picks a free one. Default {ServerOptions.DefaultPort}." };
var host = new Option<string?>("--host") { Description = $"The address to bind. Default {ServerOptions.DefaultHost}." };
var data = new Option<string?>("--data") { Description = $"The LiteDB data file. Default {ServerOptions.DefaultDataPath} under the working folder." };
var seed = new Option<string[]>("--seed") { Description = "A seed file to load into an empty data file; may repeat." };
var generate = new Option<string?>("--generate") { Description = "Generated data for an empty data file, e.g. pools=1,users=100,devices=3,seed=42." };
var reset = new Option<bool>("--reset") { Description = "Empty the data file before loading seeds." };
var check = new Option<bool>("--check") { Description = "Check the data file's invariants and exit: 0 when they hold, 3 when not." };
var command = new RootCommand("CognitoMock: a local, stateful Amazon Cognito User Pools emulator.")
{
    port, host, data, seed, generate, reset, check,
};
command.SetAction(async (parsed, cancel) =>
{
    try
    {
        return await RunAsync(parsed, cancel);
    }
    catch (Exception e) when (e is SeedException or FormatException or IOException)
    {
        await Console.Error.WriteLineAsync($"cognito-mock: {e.Message}");
        return 2;
    }
});
return await command.Parse(args).InvokeAsync();

async Task<int> RunAsync(ParseResult parsed, CancellationToken cancel)
{
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
    var options = ServerOptions.FromConfiguration(builder.Configuration);
    options.Port = parsed.GetValue(port) ?? options.Port;
    options.Host = parsed.GetValue(host) ?? options.Host;
    options.Reset |= parsed.GetValue(reset);
    var settings = options.Settings;
    settings.DataPath = parsed.GetValue(data) ?? settings.DataPath;
    if (parsed.GetValue(check))
    {
        return Check(settings);
    }

    settings.SeedFiles.AddRange(parsed.GetValue(seed) ?? []);
    settings.Generate = parsed.GetValue(generate) is { } spec ? GeneratorOptions.Parse(spec) : settings.Generate;

    settings.Clock ??= new AdjustableClock();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(options.Host), options.Port));
    builder.Services.AddCognitoMock(settings);
    await using var app = builder.Build();
    app.MapCognitoMock();

    var backend = app.Services.GetRequiredService<CognitoBackend>();
    if (options.Reset)
    {
        backend.Reset();
    }

    var demo = Path.Combine(AppContext.BaseDirectory, "seed-data", "demo.json");
    if (!options.SeedsGiven && backend.Store.IsEmpty)
    {
        settings.SeedFiles.Add(demo);
    }

    var loaded = CognitoMockStartup.Seed(backend, settings);
    await app.StartAsync(cancel);
    var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    if (Banner.ExposureWarning(options.Host) is { } warning)
    {
        await Console.Error.WriteLineAsync(warning);
    }

    Console.WriteLine($"CognitoMock listening on {url}");
    Banner.Print(Console.Out, backend, settings, loaded, url);
    await app.WaitForShutdownAsync(cancel);
    return 0;
}

// Opens the file as the server would (no repair), and reports what the store's invariant check finds.
static int Check(CognitoMockSettings settings)
{
    if (DataFile.IsNew(settings.DataPath!))
    {
        Console.Error.WriteLine($"cognito-mock: there is no data file at {Path.GetFullPath(settings.DataPath!)}.");
        return 2;
    }

    using var store = Store.Open(settings.DataPath, settings.DataPassword);
    var report = store.CheckInvariants();
    foreach (var problem in report.Problems)
    {
        Console.WriteLine($"problem: {problem}");
    }

    Console.WriteLine(
        $"{Path.GetFullPath(settings.DataPath!)}: {report.Pools} pools, {report.Clients} app clients, {report.Users} users, " +
        $"{report.Devices} devices; {(report.Holds ? "every invariant holds" : $"{report.Problems.Count} problems")}.");
    return report.Holds ? 0 : 3;
}
