using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Paging;

namespace CognitoMock;

public sealed partial class CognitoBackend
{
    public override CreateUserPoolClientResponse CreateUserPoolClient(CreateUserPoolClientRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The model's ClientSecret documentation: a custom secret, or a generated one, not both.
        if (request.GenerateSecret == true && request.ClientSecret is not null)
        {
            throw new InvalidParameterException("GenerateSecret and a ClientSecret cannot both be given.");
        }

        var flows = request.ExplicitAuthFlows ?? [.. AppClientDefaults.ExplicitAuthFlows];
        var settings = AppClientDefaults.Complete(ByName.ToDomain<CreateUserPoolClientRequest, ClientSettings>(request));
        var client = Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
            AppClientDefaults.Validate(pool, settings, flows, "creating");
            var now = Now;
            var client = new AppClient
            {
                ClientId = Ids.ClientId(),
                UserPoolId = pool.Id,
                ClientName = request.ClientName,
                ClientSecret = request.ClientSecret ?? (request.GenerateSecret == true ? Ids.ClientSecret() : null),
                ExplicitAuthFlows = flows,
                Settings = settings,
                CreationDate = now,
                LastModifiedDate = now,
            };
            while (tx.GetClient(client.ClientId) is not null)
            {
                client = client with { ClientId = Ids.ClientId() };
            }

            tx.InsertClient(client);
            return client;
        });
        return new CreateUserPoolClientResponse { UserPoolClient = UserPoolClientTypeOf(client) };
    }

    public override DescribeUserPoolClientResponse DescribeUserPoolClient(DescribeUserPoolClientRequest request, RequestContext context) =>
        new() { UserPoolClient = UserPoolClientTypeOf(RequireClient(Store, RequirePool(Store, request.UserPoolId), request.ClientId)) };

    /// <summary>What the request leaves out returns to its default (UpdateUserPoolClient's documentation), but the name and secret stay.</summary>
    public override UpdateUserPoolClientResponse UpdateUserPoolClient(UpdateUserPoolClientRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var flows = request.ExplicitAuthFlows ?? [.. AppClientDefaults.ExplicitAuthFlows];
        var settings = AppClientDefaults.Complete(ByName.ToDomain<UpdateUserPoolClientRequest, ClientSettings>(request));
        var client = Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
            var client = RequireClient(tx, pool, request.ClientId);
            AppClientDefaults.Validate(pool, settings, flows, "updating");
            var updated = client with
            {
                ClientName = request.ClientName ?? client.ClientName,
                ExplicitAuthFlows = flows,
                Settings = settings,
                LastModifiedDate = Now,
            };
            tx.UpdateClient(updated);
            return updated;
        });
        return new UpdateUserPoolClientResponse { UserPoolClient = UserPoolClientTypeOf(client) };
    }

    public override void DeleteUserPoolClient(DeleteUserPoolClientRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Store.Write(tx => tx.DeleteClient(RequireClient(tx, RequirePool(tx, request.UserPoolId), request.ClientId).ClientId));
    }

    /// <summary>Clients come in ID order. A pool has few, so a page filters the pool's clients rather than seeking.</summary>
    public override ListUserPoolClientsResponse ListUserPoolClients(ListUserPoolClientsRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        var (clients, next) = Pages.Keyset<AppClient>(
            new PageScope(nameof(ListUserPoolClients), pool.Id, ""),
            request.NextToken,
            request.MaxResults,
            context,
            (after, take) => [.. Store.ClientsOf(pool.Id).Where(c => after is null || string.CompareOrdinal(c.ClientId, after) > 0).Take(take)],
            c => c.ClientId);
        return new ListUserPoolClientsResponse
        {
            UserPoolClients = clients.ConvertAll(c => new UserPoolClientDescription { ClientId = c.ClientId, UserPoolId = c.UserPoolId, ClientName = c.ClientName }),
            NextToken = next,
        };
    }

    private static UserPoolClientType UserPoolClientTypeOf(AppClient client)
    {
        var type = ByName.ToWire<ClientSettings, UserPoolClientType>(client.Settings);
        type.UserPoolId = client.UserPoolId;
        type.ClientName = client.ClientName;
        type.ClientId = client.ClientId;
        type.ClientSecret = client.ClientSecret;
        type.LastModifiedDate = client.LastModifiedDate;
        type.CreationDate = client.CreationDate;
        type.ExplicitAuthFlows = [.. client.ExplicitAuthFlows];
        return type;
    }
}
