using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoMock.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CognitoMock.AspNetCore.Admin;

/// <summary>
/// The mock's own endpoints, under a path no AWS operation uses: reset the state, load a seed document,
/// export the state as one.
/// </summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/_mock";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/reset", (CognitoBackend backend) =>
        {
            backend.Store.Write(tx => tx.Reset());
            return Results.Json(new AdminMessage("The state is empty."), AdminJson.Default.AdminMessage);
        });

        group.MapPost("/seed", async (HttpRequest request, Seeder seeder) =>
        {
            // Seeding is synchronous LiteDB work; the body is buffered first so no thread blocks on the network.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
            body.Position = 0;
            try
            {
                return Results.Json(seeder.LoadJson(body, "request body"), AdminJson.Default.SeedSummary);
            }
            catch (SeedException e)
            {
                return Results.Json(new AdminMessage(e.Message), AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        group.MapGet("/export", async (HttpResponse response, CognitoBackend backend) =>
        {
            response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(response.Body, SeedExporter.Export(backend.Store), SeedJsonContext.Default.SeedDocument);
        });
    }
}

internal sealed record AdminMessage(string Message);

[JsonSerializable(typeof(AdminMessage))]
[JsonSerializable(typeof(SeedSummary))]
internal sealed partial class AdminJson : JsonSerializerContext;
