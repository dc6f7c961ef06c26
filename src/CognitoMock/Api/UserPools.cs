namespace CognitoMock.Api;

public sealed class CreateUserPoolRequest : UserPoolSettings
{
    public string PoolName { get; set; } = "";

    public List<string>? AliasAttributes { get; set; }

    public List<string>? UsernameAttributes { get; set; }

    public DeviceConfigurationType? DeviceConfiguration { get; set; }

    public List<SchemaAttributeType>? Schema { get; set; }

    public UsernameConfigurationType? UsernameConfiguration { get; set; }
}

public sealed class CreateUserPoolResponse
{
    public UserPoolType? UserPool { get; set; }
}

public sealed class DescribeUserPoolRequest
{
    public string UserPoolId { get; set; } = "";
}

public sealed class DescribeUserPoolResponse
{
    public UserPoolType? UserPool { get; set; }
}

/// <summary>The settings it has no member for (aliases, username attributes, case, schema) cannot change.</summary>
public sealed class UpdateUserPoolRequest : UserPoolSettings
{
    public string UserPoolId { get; set; } = "";

    public string? PoolName { get; set; }

    public DeviceConfigurationType? DeviceConfiguration { get; set; }
}

public sealed class UpdateUserPoolResponse;

public sealed class DeleteUserPoolRequest
{
    public string UserPoolId { get; set; } = "";
}

public sealed class DeleteUserPoolResponse;

public sealed class ListUserPoolsRequest
{
    public string? NextToken { get; set; }

    public int MaxResults { get; set; }
}

public sealed class ListUserPoolsResponse
{
    public List<UserPoolDescriptionType> UserPools { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class UserPoolType : UserPoolSettings
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public DateTime? LastModifiedDate { get; set; }

    public DateTime? CreationDate { get; set; }

    public List<SchemaAttributeType>? SchemaAttributes { get; set; }

    public List<string>? AliasAttributes { get; set; }

    public List<string>? UsernameAttributes { get; set; }

    public DeviceConfigurationType? DeviceConfiguration { get; set; }

    public int? EstimatedNumberOfUsers { get; set; }

    public UsernameConfigurationType? UsernameConfiguration { get; set; }

    public string? Arn { get; set; }
}

public sealed class UserPoolDescriptionType
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public LambdaConfigType? LambdaConfig { get; set; }

    public DateTime? LastModifiedDate { get; set; }

    public DateTime? CreationDate { get; set; }
}
