using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Paging;

namespace CognitoMock;

public sealed partial class CognitoBackend
{
    public CreateUserPoolClientResponse CreateUserPoolClient(CreateUserPoolClientRequest request, RequestContext context)
    {
        // The model's ClientSecret documentation: a custom secret, or a generated one, not both.
        if (request.GenerateSecret == true && request.ClientSecret is not null)
        {
            throw new InvalidParameterException("GenerateSecret and a ClientSecret cannot both be given.");
        }

        var flows = request.ExplicitAuthFlows ?? [.. AppClientDefaults.ExplicitAuthFlows];
        var settings = AppClientDefaults.Complete(request);
        var client = Store.Write(tx =>
        {
            var pool = RequirePool(request.UserPoolId);
            AppClientDefaults.Validate(pool, settings, flows, "creating");
            var now = Now;
            var client = new AppClient
            {
                UserPoolId = pool.Id,
                ClientName = request.ClientName,
                ClientSecret = request.ClientSecret ?? (request.GenerateSecret == true ? Ids.ClientSecret() : null),
                ExplicitAuthFlows = flows,
                Settings = settings,
                CreationDate = now,
                LastModifiedDate = now,
            };
            do
            {
                client.ClientId = Ids.ClientId();
            }
            while (Store.GetClient(client.ClientId) is not null);

            tx.InsertClient(client);
            return client;
        });
        return new CreateUserPoolClientResponse { UserPoolClient = UserPoolClientTypeOf(client) };
    }

    public DescribeUserPoolClientResponse DescribeUserPoolClient(DescribeUserPoolClientRequest request, RequestContext context) =>
        new() { UserPoolClient = UserPoolClientTypeOf(RequireClient(RequirePool(request.UserPoolId), request.ClientId)) };

    /// <summary>What the request leaves out returns to its default (UpdateUserPoolClient's documentation), but the name and secret stay.</summary>
    public UpdateUserPoolClientResponse UpdateUserPoolClient(UpdateUserPoolClientRequest request, RequestContext context)
    {
        var flows = request.ExplicitAuthFlows ?? [.. AppClientDefaults.ExplicitAuthFlows];
        var settings = AppClientDefaults.Complete(request);
        var client = Store.Write(tx =>
        {
            var pool = RequirePool(request.UserPoolId);
            var client = RequireClient(pool, request.ClientId);
            AppClientDefaults.Validate(pool, settings, flows, "updating");
            client.ClientName = request.ClientName ?? client.ClientName;
            client.ExplicitAuthFlows = flows;
            client.Settings = settings;
            client.LastModifiedDate = Now;
            tx.UpdateClient(client);
            return client;
        });
        return new UpdateUserPoolClientResponse { UserPoolClient = UserPoolClientTypeOf(client) };
    }

    public DeleteUserPoolClientResponse DeleteUserPoolClient(DeleteUserPoolClientRequest request, RequestContext context)
    {
        Store.Write(tx => tx.DeleteClient(RequireClient(RequirePool(request.UserPoolId), request.ClientId).ClientId));
        return new DeleteUserPoolClientResponse();
    }

    /// <summary>Clients come in ID order. A pool has few, so a page filters the pool's clients rather than seeking.</summary>
    public ListUserPoolClientsResponse ListUserPoolClients(ListUserPoolClientsRequest request, RequestContext context)
    {
        var pool = RequirePool(request.UserPoolId);
        var (clients, next) = KeysetPage<AppClient>(
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

    /// <summary>The client, which must be the pool's: another pool's client does not exist here.</summary>
    private AppClient RequireClient(UserPool pool, string clientId) =>
        Store.GetClient(clientId) is { } client && client.UserPoolId == pool.Id
            ? client
            : throw ResourceNotFoundException.UserPoolClient(clientId);

    private static UserPoolClientType UserPoolClientTypeOf(AppClient client)
    {
        var type = new UserPoolClientType
        {
            UserPoolId = client.UserPoolId,
            ClientName = client.ClientName,
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            LastModifiedDate = client.LastModifiedDate,
            CreationDate = client.CreationDate,
            ExplicitAuthFlows = client.ExplicitAuthFlows,
        };
        type.CopySettingsFrom(client.Settings);
        return type;
    }
}
