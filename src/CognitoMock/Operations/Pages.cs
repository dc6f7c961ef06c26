using CognitoMock.Paging;

namespace CognitoMock;

/// <summary>How every listing pages: by key, with the signed, expiring tokens of <see cref="PaginationTokens"/>.</summary>
internal sealed class Pages(PaginationTokens tokens)
{
    /// <summary>Omitted or 0 means a full page (docs/behaviour.md §5, a decision), in every listing that allows 0.</summary>
    internal const int DefaultPageSize = 60;

    /// <summary>
    /// One page of a listing in a stable key order, and a token for the next page when more follow. The token
    /// holds the key of the page's last item, so an item added or removed in between never makes another repeat
    /// or vanish. <paramref name="read"/> gets the key to start after (null on the first page) and how many items
    /// to read: one more than the page, which shows whether another page follows, so the last carries no token.
    /// </summary>
    public (List<T> Items, string? Next) Keyset<T>(
        PageScope scope, string? token, int? limit, RequestContext context, Func<string?, int, List<T>> read, Func<T, string> keyOf)
    {
        var after = token is null ? null : tokens.Read(token, scope, context.RequestId);
        var pageSize = limit is null or 0 ? DefaultPageSize : limit.Value;
        var items = read(after, pageSize + 1);
        if (items.Count <= pageSize)
        {
            return (items, null);
        }

        items.RemoveAt(pageSize);
        return (items, tokens.Issue(scope, keyOf(items[^1])));
    }
}
