using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Domain;
using CognitoMock.Seeding;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Devices;

/// <summary>docs/behaviour.md §5: Limit, stable keyset paging, and the last page without a token.</summary>
public sealed class AdminListDevicesPagingTests
{
    private const string Pool = "us-east-1_Paging1";

    [Theory]
    [InlineData(null, 60)]
    [InlineData(0, 60)]
    [InlineData(1, 1)]
    [InlineData(59, 59)]
    [InlineData(60, 60)]
    public async Task AdminListDevices_Limit_GivesThatManyAndZeroOrOmittedMeansSixty(int? limit, int expected)
    {
        using var mock = MockWithDevices(75);

        var response = await new Wire(mock).CallAsync("AdminListDevices", Request(limit, null));

        response.ShouldBeOk();
        response.Json["Devices"]!.AsArray().Should().HaveCount(expected);
        response.Json["PaginationToken"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData(61, "Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60")]
    [InlineData(-1, "Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0")]
    public async Task AdminListDevices_LimitOutsideZeroToSixty_IsAValidationError(int limit, string violation)
    {
        using var mock = MockWithDevices(1);

        var response = await new Wire(mock).CallAsync("AdminListDevices", Request(limit, null));

        response.ShouldBeError("InvalidParameterException", "1 validation error detected: " + violation);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(60)]
    public async Task AdminListDevices_PagingToTheEnd_YieldsEveryDeviceOnceAndTheLastPageHasNoToken(int limit)
    {
        using var mock = MockWithDevices(75);
        var wire = new Wire(mock);

        var (keys, pages) = await ListAllAsync(wire, limit);

        keys.Should().OnlyHaveUniqueItems().And.HaveCount(75);
        keys.Should().BeEquivalentTo(mock.Backend.Store.DevicesOf(OwnerId(mock)).Select(d => d.DeviceKey));
        pages.Should().Be((75 + limit - 1) / limit);
    }

    [Fact]
    public async Task AdminListDevices_AnExactMultipleOfTheLimit_EndsWithoutAnEmptyPage()
    {
        using var mock = MockWithDevices(60);

        var response = await new Wire(mock).CallAsync("AdminListDevices", Request(null, null));

        response.ShouldBeOk();
        response.Json["Devices"]!.AsArray().Should().HaveCount(60);
        response.Json.ContainsKey("PaginationToken").Should().BeFalse();
    }

    [Fact]
    public async Task AdminListDevices_DevicesAddedAndDeletedBetweenPages_NeverRepeatOrSkipAnother()
    {
        using var mock = MockWithDevices(30);
        var wire = new Wire(mock);
        var store = mock.Backend.Store;
        var first = await wire.CallAsync("AdminListDevices", Request(10, null));
        var firstKeys = Keys(first);

        // Between pages: one device of the first page and one not yet seen go away, and a device that sorts
        // before the cursor and one after it arrive.
        var ordered = store.DevicePage(OwnerId(mock), false, null, 100);
        var unseen = ordered[20];
        store.Write(tx =>
        {
            tx.DeleteDevice(ordered[3]);
            tx.DeleteDevice(unseen);
            tx.InsertDevice(NewDevice(mock, "us-east-1_00000000-0000-4000-8000-00000000e001", ordered[0].DeviceCreateDate!.Value.AddSeconds(-1)));
            tx.InsertDevice(NewDevice(mock, "us-east-1_00000000-0000-4000-8000-00000000e002", ordered[^1].DeviceCreateDate!.Value.AddSeconds(1)));
        });
        var rest = new List<string>();
        var token = first.Json["PaginationToken"]!.GetValue<string>();
        while (token is not null)
        {
            var page = await wire.CallAsync("AdminListDevices", Request(10, token));
            page.ShouldBeOk();
            rest.AddRange(Keys(page));
            token = page.Json["PaginationToken"]?.GetValue<string>();
        }

        var expectedRest = ordered.Skip(10).Select(d => d.DeviceKey).Where(k => k != unseen.DeviceKey)
            .Append("us-east-1_00000000-0000-4000-8000-00000000e002");
        rest.Should().Equal(expectedRest);
        rest.Should().NotIntersectWith(firstKeys);
    }

    private static async Task<(List<string> Keys, int Pages)> ListAllAsync(Wire wire, int limit)
    {
        var keys = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await wire.CallAsync("AdminListDevices", Request(limit, token));
            page.ShouldBeOk();
            pages++;
            keys.AddRange(Keys(page));
            token = page.Json["PaginationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return (keys, pages);
    }

    internal static InProcessCognitoMock MockWithDevices(int count, Action<CognitoMockSettings>? configure = null)
    {
        var mock = InProcessCognitoMock.Start(configure);
        mock.Seed(new SeedDocument
        {
            UserPools =
            [
                new SeedUserPool
                {
                    Id = Pool,
                    Name = "paging",
                    AliasAttributes = ["email"],
                    Users =
                    [
                        new SeedUser
                        {
                            Username = "owner",
                            Attributes = [new() { Name = "email", Value = "owner@example.com" }, new() { Name = "email_verified", Value = "true" }],
                            // Several devices share a creation time, so the key breaks ties in the order.
                            Devices = [.. Enumerable.Range(0, count).Select(i => new SeedDevice
                            {
                                DeviceName = $"device {i}",
                                DeviceCreateDate = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i / 3),
                            })],
                        },
                        new SeedUser { Username = "other", Devices = [new SeedDevice { DeviceName = "not the owner's" }] },
                    ],
                },
            ],
        });
        return mock;
    }

    internal static object Request(int? limit, string? token, string username = "owner") => limit is null
        ? token is null ? new { UserPoolId = Pool, Username = username } : new { UserPoolId = Pool, Username = username, PaginationToken = token }
        : token is null ? new { UserPoolId = Pool, Username = username, Limit = limit } : new { UserPoolId = Pool, Username = username, Limit = limit, PaginationToken = token };

    internal static List<string> Keys(WireResponse page) =>
        [.. page.Json["Devices"]!.AsArray().Select(d => d!["DeviceKey"]!.GetValue<string>())];

    private static string OwnerId(InProcessCognitoMock mock) =>
        mock.Backend.Store.UsersOf(Pool).Single(u => u.Username == "owner").Id;

    private static Device NewDevice(InProcessCognitoMock mock, string key, DateTime created) => new()
    {
        DeviceKey = key,
        UserId = OwnerId(mock),
        DeviceGroupKey = "-NewGroup",
        Confirmed = true,
        Remembered = true,
        DeviceCreateDate = created,
        DeviceLastModifiedDate = created,
    };
}
