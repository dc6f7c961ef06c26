using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoMock.AspNetCore.Faults;
using CognitoMock.Seeding;
using CognitoMock.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CognitoMock.AspNetCore.Admin;

/// <summary>
/// The mock's own endpoints, under a path no AWS operation uses: reset the state, load a seed document,
/// export the state as one, read or move the clock, read the SMS codes sent, inject faults.
/// </summary>
internal static class AdminEndpoints
{
    private static ClockState ClockOf(CognitoBackend backend) =>
        new(backend.Time.GetUtcNow(), backend.Time is AdjustableClock clock ? clock.Offset.TotalSeconds : 0);

    public const string Prefix = "/_mock";

    public static void Map(RouteGroupBuilder group, CognitoMockSettings settings)
    {
        if (settings.AdminToken is { } token)
        {
            group.AddEndpointFilter(async (context, next) =>
                context.HttpContext.Request.Headers.Authorization.ToString() == "Bearer " + token
                    ? await next(context)
                    : Results.Json(new AdminMessage($"The {Prefix} endpoints need the header Authorization: Bearer <AdminToken>."),
                        AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status401Unauthorized));
        }

        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (AdminRefusal refusal)
            {
                return Results.Json(new AdminMessage(refusal.Message), AdminJson.Default.AdminMessage, statusCode: refusal.Status);
            }
        });

        group.MapPost("/reset", (CognitoBackend backend) =>
        {
            backend.Reset();
            return Results.Json(new AdminMessage("The state is empty."), AdminJson.Default.AdminMessage);
        });

        group.MapPost("/seed", async (HttpRequest request, Seeder seeder) =>
        {
            // Seeding is synchronous LiteDB work; the body is buffered first so no thread blocks on the network.
            using var body = await AdminBody.ReadAllAsync(request, long.MaxValue);
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
        group.MapPost("/clock", async (HttpRequest request, CognitoBackend backend) =>
        {
            var change = await AdminBody.ReadAsync(request, settings.MaxRequestBodyBytes, AdminJson.Default.ClockChange, "a clock change");
            if (backend.Time is not AdjustableClock clock)
            {
                return Results.Json(new AdminMessage("This mock's clock is not adjustable here; an in-process mock's clock is its Clock property."),
                    AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status409Conflict);
            }

            Move(clock, change);
            return Results.Json(ClockOf(backend), AdminJson.Default.ClockState);
        });

        // The SMS messages the mock "sent" (it sends none): MFA codes for tests to read, newest last.
        group.MapGet("/sms", (HttpRequest request, CognitoBackend backend) =>
        {
            var (userPoolId, username) = SmsFilter(request.Query);
            return Results.Json(
                backend.Sms.Messages.Where(m => (userPoolId is null || m.UserPoolId == userPoolId) && (username is null || m.Username == username)).ToList(),
                AdminJson.Default.ListSentSms);
        });

        // Faults for users' resilience tests: list, add one, or clear them.
        group.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Status.ToList(), AdminJson.Default.ListFaultRuleStatus));
        group.MapPost("/faults", async (HttpRequest request, FaultInjector faults) =>
        {
            var rule = await AdminBody.ReadAsync(request, settings.MaxRequestBodyBytes, AdminJson.Default.FaultRule, "a fault rule");
            try
            {
                faults.Add(rule);
            }
            catch (ArgumentException e)
            {
                throw new AdminRefusal(e.Message);
            }

            return Results.Json(faults.Status.ToList(), AdminJson.Default.ListFaultRuleStatus);
        });
        group.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Json(new AdminMessage("No faults are set."), AdminJson.Default.AdminMessage);
        });

        group.MapGet("/export", async (HttpResponse response, CognitoBackend backend) =>
        {
            response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(response.Body, SeedExporter.Export(backend.Store), SeedJsonContext.Default.SeedDocument);
        });
    }

    /// <summary>
    /// The filters of GET /_mock/sms. A misspelt filter would otherwise be ignored and the answer hold every user's
    /// messages, so an unknown parameter, or one given twice, is refused. Names match as ASP.NET matches them, in
    /// any case.
    /// </summary>
    private static (string? UserPoolId, string? Username) SmsFilter(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!name.Equals("userPoolId", StringComparison.OrdinalIgnoreCase) && !name.Equals("username", StringComparison.OrdinalIgnoreCase))
            {
                throw new AdminRefusal($"{AdminBody.Quoted(name)} is not a parameter of {Prefix}/sms; its parameters are userPoolId and username.");
            }

            if (values.Count > 1)
            {
                throw new AdminRefusal($"{name} is given {values.Count} times; give it once.");
            }
        }

        return (query["userPoolId"].FirstOrDefault(), query["username"].FirstOrDefault());
    }

    /// <summary>Sets the clock to Now, then moves it by AdvanceSeconds: checked whole first, so a refused change changes nothing.</summary>
    private static void Move(AdjustableClock clock, ClockChange change)
    {
        if (change.Now is { } now && (now < AdjustableClock.Earliest || now > AdjustableClock.Latest))
        {
            throw new AdminRefusal($"Now must be {AdjustableClock.Range}.");
        }

        var seconds = change.AdvanceSeconds ?? 0;
        var refused = $"AdvanceSeconds must keep the clock {AdjustableClock.Range}.";
        if (!(Math.Abs(seconds) <= (AdjustableClock.Latest - AdjustableClock.Earliest).TotalSeconds))
        {
            throw new AdminRefusal(refused);
        }

        try
        {
            if (change.Now is { } start)
            {
                clock.SetUtcNow(start + TimeSpan.FromSeconds(seconds));
            }
            else
            {
                clock.Advance(TimeSpan.FromSeconds(seconds));
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new AdminRefusal(refused);
        }
    }
}

public sealed record AdminMessage(string Message);

/// <summary>A change to the clock: set it to Now, then move it by AdvanceSeconds (negative moves back).</summary>
public sealed record ClockChange(DateTimeOffset? Now, double? AdvanceSeconds);

public sealed record ClockState(DateTimeOffset Now, double OffsetSeconds);

[JsonSerializable(typeof(AdminMessage))]
[JsonSerializable(typeof(SeedSummary))]
[JsonSerializable(typeof(ClockChange))]
[JsonSerializable(typeof(List<FaultRuleStatus>))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(List<SentSms>))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClockState))]
public sealed partial class AdminJson : JsonSerializerContext;
