using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Paging;

namespace CognitoMock;

public sealed partial class CognitoBackend
{
    public CreateUserPoolResponse CreateUserPool(CreateUserPoolRequest request, RequestContext context)
    {
        var aliases = request.AliasAttributes ?? [];
        var usernameAttributes = request.UsernameAttributes ?? [];
        if (aliases.Count > 0 && usernameAttributes.Count > 0)
        {
            throw new InvalidParameterException("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
        }

        var now = Now;
        var pool = new UserPool
        {
            Name = request.PoolName,
            AliasAttributes = [.. aliases.Distinct(StringComparer.Ordinal)],
            UsernameAttributes = [.. usernameAttributes.Distinct(StringComparer.Ordinal)],
            CaseSensitive = request.UsernameConfiguration?.CaseSensitive ?? true,
            DeviceConfiguration = DeviceConfigurationOf(request.DeviceConfiguration),
            Schema = PoolSchema.Build(request.Schema),
            Settings = UserPoolDefaults.Complete(request),
            CreationDate = now,
            LastModifiedDate = now,
        };
        Store.Write(tx =>
        {
            // Nine alphanumerics rarely repeat, but a seeded randomness replayed over a kept data file would.
            do
            {
                pool.Id = Ids.UserPoolId();
            }
            while (Store.GetPool(pool.Id) is not null);

            tx.InsertPool(pool);
        });
        return new CreateUserPoolResponse { UserPool = UserPoolTypeOf(pool) };
    }

    public DescribeUserPoolResponse DescribeUserPool(DescribeUserPoolRequest request, RequestContext context) =>
        new() { UserPool = UserPoolTypeOf(RequirePool(request.UserPoolId)) };

    public UpdateUserPoolResponse UpdateUserPool(UpdateUserPoolRequest request, RequestContext context)
    {
        Store.Write(tx =>
        {
            var pool = RequirePool(request.UserPoolId);
            var settings = UserPoolDefaults.Complete(request);
            // What the request leaves out returns to its default, except UserPoolTier (UpdateUserPool's
            // documentation) and the tags, which TagResource manages too [decision].
            settings.UserPoolTier = request.UserPoolTier ?? pool.Settings.UserPoolTier;
            settings.UserPoolTags = request.UserPoolTags ?? pool.Settings.UserPoolTags;
            pool.Settings = settings;
            pool.Name = request.PoolName ?? pool.Name;
            pool.DeviceConfiguration = DeviceConfigurationOf(request.DeviceConfiguration);
            pool.LastModifiedDate = Now;
            tx.UpdatePool(pool);
        });
        return new UpdateUserPoolResponse();
    }

    public DeleteUserPoolResponse DeleteUserPool(DeleteUserPoolRequest request, RequestContext context)
    {
        Store.Write(tx =>
        {
            var pool = RequirePool(request.UserPoolId);
            if (pool.Settings.DeletionProtection == UserPoolDefaults.DeletionProtectionActive)
            {
                // AWS's words (seen: localstack#11947).
                throw new InvalidParameterException(
                    "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.");
            }

            tx.DeletePool(pool.Id);
        });
        // The key went with the pool; a pool made again under the same ID gets a new one.
        SigningKeys.Forget(request.UserPoolId);
        return new DeleteUserPoolResponse();
    }

    /// <summary>Pools come in ID order, paged by key like every listing here.</summary>
    public ListUserPoolsResponse ListUserPools(ListUserPoolsRequest request, RequestContext context)
    {
        var (pools, next) = KeysetPage(
            new PageScope(nameof(ListUserPools), "", ""), request.NextToken, request.MaxResults, context, Store.PoolPage, p => p.Id);
        return new ListUserPoolsResponse
        {
            UserPools = pools.ConvertAll(p => new UserPoolDescriptionType
            {
                Id = p.Id,
                Name = p.Name,
                LambdaConfig = p.Settings.LambdaConfig,
                LastModifiedDate = p.LastModifiedDate,
                CreationDate = p.CreationDate,
            }),
            NextToken = next,
        };
    }

    private UserPoolType UserPoolTypeOf(UserPool pool)
    {
        var type = new UserPoolType
        {
            Id = pool.Id,
            Name = pool.Name,
            LastModifiedDate = pool.LastModifiedDate,
            CreationDate = pool.CreationDate,
            SchemaAttributes = PoolSchema.Describe(pool),
            AliasAttributes = pool.AliasAttributes.Count > 0 ? pool.AliasAttributes : null,
            UsernameAttributes = pool.UsernameAttributes.Count > 0 ? pool.UsernameAttributes : null,
            DeviceConfiguration = pool.DeviceConfiguration is { } devices
                ? new DeviceConfigurationType
                {
                    ChallengeRequiredOnNewDevice = devices.ChallengeRequiredOnNewDevice,
                    DeviceOnlyRememberedOnUserPrompt = devices.DeviceOnlyRememberedOnUserPrompt,
                }
                : null,
            EstimatedNumberOfUsers = Store.UserCount(pool.Id),
            UsernameConfiguration = new UsernameConfigurationType { CaseSensitive = pool.CaseSensitive },
            Arn = $"arn:aws:cognito-idp:{Options.Region}:{Options.AccountId}:userpool/{pool.Id}",
        };
        type.CopySettingsFrom(pool.Settings);
        return type;
    }

    /// <summary>Any DeviceConfiguration turns device tracking on (SEMANTICS §4); an omitted flag is false.</summary>
    private static DeviceConfiguration? DeviceConfigurationOf(DeviceConfigurationType? given) =>
        given is null
            ? null
            : new DeviceConfiguration
            {
                ChallengeRequiredOnNewDevice = given.ChallengeRequiredOnNewDevice ?? false,
                DeviceOnlyRememberedOnUserPrompt = given.DeviceOnlyRememberedOnUserPrompt ?? false,
            };
}
