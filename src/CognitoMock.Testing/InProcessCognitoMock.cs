using Amazon.Runtime;
using CognitoMock.AspNetCore;
using CognitoMock.AspNetCore.Faults;
using CognitoMock.Messages;
using CognitoMock.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CognitoMock.Testing;

/// <summary>
/// A mock running inside the test process on ASP.NET Core's TestServer: the same app as the standalone
/// server, with no socket. Its clock is a <see cref="FakeTimeProvider"/> the test moves, and its state is
/// in memory unless the settings name a file.
/// </summary>
/// <example>
/// <code>
/// using var mock = InProcessCognitoMock.Start(s => s.SeedFiles.Add("seed-data/demo.json"));
/// var http = mock.CreateClient();
/// mock.Clock.Advance(TimeSpan.FromHours(2));
/// </code>
/// </example>
public sealed class InProcessCognitoMock : IDisposable, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer _server;

    private InProcessCognitoMock(WebApplication app, CognitoMockSettings settings, FakeTimeProvider clock)
    {
        _app = app;
        _server = app.GetTestServer();
        Settings = settings;
        Clock = clock;
        Backend = app.Services.GetRequiredService<CognitoBackend>();
        Seeder = app.Services.GetRequiredService<Seeder>();
        Faults = app.Services.GetRequiredService<FaultInjector>();
    }

    public CognitoMockSettings Settings { get; }

    /// <summary>The mock's clock. Advance it to expire tokens and sessions without waiting.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The engine, for inspecting state directly.</summary>
    public CognitoBackend Backend { get; }

    public Seeder Seeder { get; }

    /// <summary>
    /// The messages the mock "sent": confirmation and reset codes, invitations, MFA codes. Read a code with
    /// <c>Messages.LastCodeFor(pool, username)</c>, or await the one an action is about to send with
    /// <c>Messages.NextAsync</c>.
    /// </summary>
    public Outbox Messages => Backend.Messages;

    /// <summary>Faults to inject into chosen operations: throttling, internal errors, latency.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The base URL requests go to; only this mock's handler can reach it.</summary>
    public Uri BaseUrl => _server.BaseAddress;

    /// <summary>
    /// Starts a mock. <paramref name="configure"/> may seed it, name a data file or change the engine
    /// options; the clock it finds in the settings is a FakeTimeProvider at the current time, and may be
    /// replaced by another FakeTimeProvider.
    /// </summary>
    public static InProcessCognitoMock Start(Action<CognitoMockSettings>? configure = null)
    {
        var settings = new CognitoMockSettings { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        configure?.Invoke(settings);
        var clock = settings.Clock as FakeTimeProvider
            ?? throw new ArgumentException("The in-process mock's clock must be a FakeTimeProvider.", nameof(configure));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCognitoMock(settings);
        var app = builder.Build();
        app.MapCognitoMock();
        CognitoMockStartup.Seed(app.Services.GetRequiredService<CognitoBackend>(), settings);
        app.Start();
        return new InProcessCognitoMock(app, settings, clock);
    }

    /// <summary>A handler that sends requests to this mock in memory.</summary>
    public HttpMessageHandler CreateHandler() => new CanonicalUriHandler { InnerHandler = _server.CreateHandler() };

    /// <summary>An HttpClient whose base address is this mock.</summary>
    public HttpClient CreateClient() => new(CreateHandler()) { BaseAddress = BaseUrl };

    /// <summary>
    /// Points an AWS SDK client config at this mock: its ServiceURL, and an HttpClientFactory whose clients
    /// send through this mock's in-memory handler. AmazonCognitoIdentityProviderConfig derives from
    /// ClientConfig, so the SDK's own Cognito client works unchanged.
    /// </summary>
    public void ConfigureClient(ClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.ServiceURL = BaseUrl.ToString();
        config.AuthenticationRegion = Settings.Engine.Region;
        config.HttpClientFactory = new InMemoryHttpClientFactory(this);
    }

    /// <summary>Empties the state: every pool, client, user and device.</summary>
    public void Reset() => Backend.Reset();

    public SeedSummary Seed(SeedDocument document) => Seeder.Load(document, "seed document");

    public SeedSummary SeedFile(string path) => Seeder.LoadFile(path);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class InMemoryHttpClientFactory(InProcessCognitoMock mock) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(mock.CreateHandler());

        // Each SDK client gets its own HttpClient over the test server; the SDK's cache is keyed on settings
        // that cannot tell two in-process mocks apart.
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }

    /// <summary>
    /// The AWS SDK builds request URIs without path canonicalisation, which TestServer cannot read
    /// (Uri.GetComponents throws), so each request's URI is parsed again before it goes in.
    /// </summary>
    private sealed class CanonicalUriHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } uri)
            {
                request.RequestUri = new Uri(uri.AbsoluteUri);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
