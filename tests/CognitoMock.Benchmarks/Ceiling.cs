using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CognitoMock.Benchmarks;

/// <summary>
/// The fastest an AWS JSON endpoint can be on this machine with this stack: Kestrel, hosted the way the
/// standalone server hosts it (slim builder, warnings-only logging, loopback), reading each request's body to
/// its end and answering a fixed JSON of an AdminGetUser answer's size. The load harness measures it in the
/// same run as the emulators, so their numbers read as a fraction of what the machine allows right then.
/// </summary>
internal static class Ceiling
{
    private static readonly byte[] Answer = """
        {"Enabled":true,"UserAttributes":[{"Name":"sub","Value":"350eb6a3-9ad0-49f7-8aba-e8711b12e844"},{"Name":"given_name","Value":"Marian"},{"Name":"family_name","Value":"Kreiger"},{"Name":"name","Value":"Marian Kreiger"},{"Name":"email","Value":"marian.kreiger.5@bobbie.com"},{"Name":"email_verified","Value":"true"},{"Name":"phone_number","Value":"+1555000000005"},{"Name":"phone_number_verified","Value":"true"}],"UserCreateDate":1738247184.46,"UserLastModifiedDate":1738247184.46,"UserStatus":"CONFIRMED","Username":"marian.kreiger5"}
        """u8.ToArray();

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            // Drain the body as any real endpoint must; its content does not matter.
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.ContentLength = Answer.Length;
            await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"Ceiling listening on {url}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
