namespace CognitoMock.Api;

// Shapes shared by several operations. Names and members are the service model's, verbatim, because the
// protocol layer writes them to the wire as they are. Timestamps are UTC DateTimes.

public sealed class AttributeType
{
    public string Name { get; set; } = "";

    public string? Value { get; set; }
}

public sealed class DeviceType
{
    public string? DeviceKey { get; set; }

    public List<AttributeType>? DeviceAttributes { get; set; }

    public DateTime? DeviceCreateDate { get; set; }

    public DateTime? DeviceLastModifiedDate { get; set; }

    public DateTime? DeviceLastAuthenticatedDate { get; set; }
}
