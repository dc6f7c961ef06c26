using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoMock.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CognitoMock.AspNetCore.Admin;

/// <summary>
/// The mock's own endpoints, under a path no AWS operation uses: reset the state, load a seed document,
/// export the state as one, read or move the clock.
/// </summary>
internal static class AdminEndpoints
{
    private static ClockState ClockOf(CognitoBackend backend) =>
        new(backend.Time.GetUtcNow(), backend.Time is AdjustableClock clock ? clock.Offset.TotalSeconds : 0);

    public const string Prefix = "/_mock";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/reset", (CognitoBackend backend) =>
        {
            backend.Reset();
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

        // The standalone server's clock: read it, or move it to expire tokens and sessions without waiting.
        group.MapGet("/clock", (CognitoBackend backend) => Results.Json(ClockOf(backend), AdminJson.Default.ClockState));
        group.MapPost("/clock", (ClockChange change, CognitoBackend backend) =>
        {
            if (backend.Time is not AdjustableClock clock)
            {
                return Results.Json(new AdminMessage("This mock's clock is not adjustable here; an in-process mock's clock is its Clock property."),
                    AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status409Conflict);
            }

            if (change.Now is { } now)
            {
                clock.SetUtcNow(now);
            }

            clock.Advance(TimeSpan.FromSeconds(change.AdvanceSeconds ?? 0));
            return Results.Json(ClockOf(backend), AdminJson.Default.ClockState);
        });

        group.MapGet("/export", async (HttpResponse response, CognitoBackend backend) =>
        {
            response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(response.Body, SeedExporter.Export(backend.Store), SeedJsonContext.Default.SeedDocument);
        });
    }
}

internal sealed record AdminMessage(string Message);

/// <summary>A change to the clock: set it to Now, then move it by AdvanceSeconds (negative moves back).</summary>
internal sealed record ClockChange(DateTimeOffset? Now, double? AdvanceSeconds);

internal sealed record ClockState(DateTimeOffset Now, double OffsetSeconds);

[JsonSerializable(typeof(AdminMessage))]
[JsonSerializable(typeof(SeedSummary))]
[JsonSerializable(typeof(ClockChange))]
[JsonSerializable(typeof(ClockState))]
internal sealed partial class AdminJson : JsonSerializerContext;
