using CognitoMock.AspNetCore.Admin;
using CognitoMock.AspNetCore.Hosted;
using CognitoMock.AspNetCore.OpenId;
using CognitoMock.AspNetCore.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoMock.AspNetCore;

public static class CognitoMockEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the mock: the AWS JSON 1.1 endpoint at POST /, each pool's /.well-known keys and OpenID
    /// configuration, GET /confirmUser for confirmation links, and the /_mock admin endpoints unless the settings turn them off.
    /// </summary>
    public static IEndpointRouteBuilder MapCognitoMock(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        endpoints.MapPost("/", services.GetRequiredService<AwsJsonEndpoint>().HandleAsync);
        WellKnownEndpoints.Map(endpoints);
        ConfirmUserEndpoint.Map(endpoints);
        var settings = services.GetRequiredService<CognitoMockSettings>();
        if (settings.AdminEndpoints)
        {
            AdminEndpoints.Map(endpoints.MapGroup(AdminEndpoints.Prefix), settings);
        }

        return endpoints;
    }
}
