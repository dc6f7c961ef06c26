using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Paging;
using CognitoMock.Storage;

namespace CognitoMock;

public sealed partial class CognitoBackend
{
    public override CreateUserPoolResponse CreateUserPool(CreateUserPoolRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var aliases = request.AliasAttributes ?? [];
        var usernameAttributes = request.UsernameAttributes ?? [];
        PoolRules.RequireAliasesOrUsernameAttributes(aliases, usernameAttributes);
        var now = Now;
        var pool = new UserPool
        {
            Name = request.PoolName,
            AliasAttributes = [.. aliases.Distinct(StringComparer.Ordinal)],
            UsernameAttributes = [.. usernameAttributes.Distinct(StringComparer.Ordinal)],
            CaseSensitive = request.UsernameConfiguration?.CaseSensitive ?? true,
            DeviceConfiguration = DeviceConfigurationOf(request.DeviceConfiguration),
            Schema = PoolSchema.Build(request.Schema is { } schema ? ByName.ToDomain<List<SchemaAttributeType>, List<SchemaAttribute>>(schema) : null),
            Settings = UserPoolDefaults.Complete(ByName.ToDomain<CreateUserPoolRequest, PoolSettings>(request)),
            CreationDate = now,
            LastModifiedDate = now,
        };
        pool = Store.Write(tx =>
        {
            // Nine alphanumerics rarely repeat, but a seeded randomness replayed over a kept data file would.
            var made = pool with { Id = Ids.UserPoolId() };
            while (tx.GetPool(made.Id) is not null)
            {
                made = made with { Id = Ids.UserPoolId() };
            }

            tx.InsertPool(made);
            return made;
        });
        return new CreateUserPoolResponse { UserPool = UserPoolTypeOf(Store, pool) };
    }

    public override DescribeUserPoolResponse DescribeUserPool(DescribeUserPoolRequest request, RequestContext context) =>
        new() { UserPool = UserPoolTypeOf(Store, RequirePool(Store, request.UserPoolId)) };

    public override UpdateUserPoolResponse UpdateUserPool(UpdateUserPoolRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = UserPoolDefaults.Complete(ByName.ToDomain<UpdateUserPoolRequest, PoolSettings>(request));
        Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
            tx.UpdatePool(pool with
            {
                // What the request leaves out returns to its default, except UserPoolTier (UpdateUserPool's
                // documentation) and the tags, which TagResource manages too [decision].
                Settings = settings with
                {
                    UserPoolTier = request.UserPoolTier ?? pool.Settings.UserPoolTier,
                    UserPoolTags = request.UserPoolTags is null ? pool.Settings.UserPoolTags : settings.UserPoolTags,
                },
                Name = request.PoolName ?? pool.Name,
                DeviceConfiguration = DeviceConfigurationOf(request.DeviceConfiguration),
                LastModifiedDate = Now,
            });
        });
        return new UpdateUserPoolResponse();
    }

    public override void DeleteUserPool(DeleteUserPoolRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
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
    }

    /// <summary>Pools come in ID order, paged by key like every listing here.</summary>
    public override ListUserPoolsResponse ListUserPools(ListUserPoolsRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pools, next) = Pages.Keyset(
            new PageScope(nameof(ListUserPools), "", ""), request.NextToken, request.MaxResults, context, Store.PoolPage, p => p.Id);
        return new ListUserPoolsResponse
        {
            UserPools = pools.ConvertAll(p => new UserPoolDescriptionType
            {
                Id = p.Id,
                Name = p.Name,
                LambdaConfig = ByName.ToWire<LambdaTriggers, LambdaConfigType>(p.Settings.LambdaConfig ?? new LambdaTriggers()),
                LastModifiedDate = p.LastModifiedDate,
                CreationDate = p.CreationDate,
            }),
            NextToken = next,
        };
    }

    private UserPoolType UserPoolTypeOf(StoreView view, UserPool pool)
    {
        var type = ByName.ToWire<PoolSettings, UserPoolType>(pool.Settings);
        type.Id = pool.Id;
        type.Name = pool.Name;
        type.LastModifiedDate = pool.LastModifiedDate;
        type.CreationDate = pool.CreationDate;
        type.SchemaAttributes = ByName.ToWire<List<SchemaAttribute>, List<SchemaAttributeType>>(PoolSchema.Describe(pool));
        type.AliasAttributes = pool.AliasAttributes.Count > 0 ? [.. pool.AliasAttributes] : null;
        type.UsernameAttributes = pool.UsernameAttributes.Count > 0 ? [.. pool.UsernameAttributes] : null;
        type.DeviceConfiguration = pool.DeviceConfiguration is { } devices
            ? new DeviceConfigurationType
            {
                ChallengeRequiredOnNewDevice = devices.ChallengeRequiredOnNewDevice,
                DeviceOnlyRememberedOnUserPrompt = devices.DeviceOnlyRememberedOnUserPrompt,
            }
            : null;
        type.EstimatedNumberOfUsers = view.UserCount(pool.Id);
        type.UsernameConfiguration = new UsernameConfigurationType { CaseSensitive = pool.CaseSensitive };
        type.Arn = $"arn:aws:cognito-idp:{Options.Region}:{Options.AccountId}:userpool/{pool.Id}";
        return type;
    }

    /// <summary>Any DeviceConfiguration turns device tracking on (docs/behaviour.md §4); an omitted flag is false.</summary>
    private static DeviceConfiguration? DeviceConfigurationOf(DeviceConfigurationType? given) =>
        given is null ? null : ByName.ToDomain<DeviceConfigurationType, DeviceConfiguration>(given);
}
