using CognitoMock.AspNetCore.Faults;
using CognitoMock.AspNetCore.Protocol;
using CognitoMock.Randomness;
using CognitoMock.Seeding;
using CognitoMock.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoMock.AspNetCore;

public static class CognitoMockServiceCollectionExtensions
{
    /// <summary>Registers one mock instance: its store, its engine and its endpoints.</summary>
    public static IServiceCollection AddCognitoMock(this IServiceCollection services, CognitoMockSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(_ => Store.Open(settings.DataPath, settings.DataPassword));
        services.AddSingleton(provider => new CognitoBackend(
            provider.GetRequiredService<Store>(),
            settings.Engine,
            settings.Clock ?? TimeProvider.System,
            settings.Randomness ?? CryptoRandomness.Instance));
        services.AddSingleton(provider => new Seeder(provider.GetRequiredService<CognitoBackend>()));
        services.AddSingleton(provider => new FaultInjector(provider.GetRequiredService<CognitoBackend>().Random));
        services.AddSingleton<AwsJsonEndpoint>();
        return services;
    }
}
