using System.Globalization;
using CognitoMock.AspNetCore;
using CognitoMock.AspNetCore.Protocol;
using CognitoMock.Seeding;

namespace CognitoMock.Server;

/// <summary>
/// The server's settings: first ASP.NET configuration (appsettings.json, then environment variables such as
/// CognitoMock__Port), then the command line over it. Keys under "CognitoMock": Host, Port, Data, Seed (a
/// list), Generate, Reset, DataPassword, Region, AccountId, PaginationTokenTtl, Authentication,
/// MaxRequestBodyBytes, AdminEndpoints, AdminToken, TrustForwardedFor, IssuerBaseUrl, Credentials:&lt;access key id&gt; (the
/// strict mode's secrets).
/// </summary>
internal sealed class ServerOptions
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 9329;

    /// <summary>Where the state lives when nothing says otherwise: under the working folder.</summary>
    public static readonly string DefaultDataPath = Path.Combine("data", "cognito-mock.db");

    public string Host { get; set; } = DefaultHost;

    public int Port { get; set; } = DefaultPort;

    public bool Reset { get; set; }

    public CognitoMockSettings Settings { get; } = new() { DataPath = DefaultDataPath };

    /// <summary>Whether any seed or generator was asked for; without one, an empty store gets the demo data.</summary>
    public bool SeedsGiven => Settings.SeedFiles.Count > 0 || Settings.Generate is not null;

    public static ServerOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("CognitoMock");
        var options = new ServerOptions();
        var settings = options.Settings;
        options.Host = section["Host"] ?? options.Host;
        options.Port = Parse(section, "Port", int.Parse) ?? options.Port;
        options.Reset = Parse(section, "Reset", bool.Parse) ?? false;
        settings.DataPath = section["Data"] ?? settings.DataPath;
        settings.DataPassword = section["DataPassword"];
        settings.SeedFiles.AddRange(section.GetSection("Seed").GetChildren().Select(c => c.Value).OfType<string>());
        settings.Generate = section["Generate"] is { } generate ? GeneratorOptions.Parse(generate) : null;
        settings.Engine.Region = section["Region"] ?? settings.Engine.Region;
        settings.Engine.AccountId = section["AccountId"] ?? settings.Engine.AccountId;
        settings.Engine.PaginationTokenTtl = Parse(section, "PaginationTokenTtl", s => TimeSpan.Parse(s, CultureInfo.InvariantCulture)) ?? settings.Engine.PaginationTokenTtl;
        settings.Authentication = Parse(section, "Authentication", s => Enum.Parse<AuthenticationMode>(s, ignoreCase: true)) ?? settings.Authentication;
        settings.MaxRequestBodyBytes = Parse(section, "MaxRequestBodyBytes", long.Parse) ?? settings.MaxRequestBodyBytes;
        settings.AdminEndpoints = Parse(section, "AdminEndpoints", bool.Parse) ?? settings.AdminEndpoints;
        foreach (var pair in section.GetSection("Credentials").GetChildren().Where(c => c.Value is not null))
        {
            settings.Credentials[pair.Key] = pair.Value!;
        }

        settings.AdminToken = section["AdminToken"];
        settings.TrustForwardedFor = Parse(section, "TrustForwardedFor", bool.Parse) ?? settings.TrustForwardedFor;
        settings.IssuerBaseUrl = section["IssuerBaseUrl"] ?? settings.IssuerBaseUrl;
        return options;
    }

    private static T? Parse<T>(IConfigurationSection section, string key, Func<string, T> parse) where T : struct
    {
        var text = section[key];
        try
        {
            return text is null ? null : parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"CognitoMock:{key} = '{text}' is not valid: {e.Message}", e);
        }
    }
}
