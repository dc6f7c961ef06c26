using System.Text.Json;

namespace CognitoMock.Seeding;

/// <summary>
/// Reads a seed document from a stream it can seek in, without holding its users in memory: a first pass reads
/// everything but the pools' Users arrays, noting where each array starts; each pool's Users then reads its
/// users from there, a few at a time, as the loader asks for them. An exported seed of 100,000 users and a
/// million devices is 600 MB of JSON; read whole it would take gigabytes.
/// </summary>
internal static class SeedFileReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static SeedDocument Read(Stream json, string file)
    {
        var (header, usersAt) = Header(json, file);
        using var headerJson = new MemoryStream(header);
        var document = ReadWhole(headerJson, file);
        foreach (var (pool, offset) in usersAt)
        {
            // A null pool, or a null UserPools after a repeated member, is refused later at its path.
            if (document.UserPools is { } pools && pool < pools.Count && pools[pool] is { } read)
            {
                read.Users = new StreamedUsers(json, offset, $"$.UserPools[{pool}].Users", file);
            }
        }

        return document;
    }

    /// <summary>A whole seed document read at once, with the serializer's errors as this file's, at their paths.</summary>
    public static SeedDocument ReadWhole(Stream json, string file)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SeedJsonContext.Default.SeedDocument)
                ?? throw new SeedException(file, "$", "the document is null.");
        }
        catch (JsonException e)
        {
            throw new SeedException(file, e.Path ?? "$", $"not a seed document: {e.Message}");
        }
    }

    /// <summary>The document with every pool's Users array left empty, and where each of those arrays starts.</summary>
    private static (byte[] Header, Dictionary<int, long> UsersAt) Header(Stream json, string file)
    {
        json.Position = 0;
        var chunks = new JsonChunks(json, skipByteOrderMark: true);
        var usersAt = new Dictionary<int, long>();
        using var header = new MemoryStream();
        using (var writer = new Utf8JsonWriter(header))
        {
            var (inUserPools, pool, skipping, usersNext) = (false, -1, false, false);
            var where = new JsonPathTracker();
            var reader = chunks.Reader();
            while (true)
            {
                bool more;
                try
                {
                    more = Next(ref reader, chunks);
                }
                catch (JsonException e)
                {
                    throw new SeedException(file, where.Path, $"not a seed document: {e.Message}");
                }

                if (!more)
                {
                    break;
                }

                var depth = reader.CurrentDepth;
                if (skipping)
                {
                    if (reader.TokenType == JsonTokenType.EndArray && depth == 3)
                    {
                        writer.WriteEndArray();
                        skipping = false;
                    }

                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when depth == 1:
                        inUserPools = reader.ValueTextEquals("UserPools");
                        break;
                    case JsonTokenType.StartObject when depth == 2 && inUserPools:
                        pool++;
                        break;
                    case JsonTokenType.PropertyName when depth == 3 && inUserPools:
                        usersNext = reader.ValueTextEquals("Users");
                        break;
                    case JsonTokenType.StartArray when depth == 3 && usersNext:
                        usersAt[pool] = chunks.Position(ref reader);
                        writer.WriteStartArray();
                        skipping = true;
                        continue;
                }

                where.Track(ref reader);
                try
                {
                    Copy(ref reader, writer);
                }
                catch (InvalidOperationException e)
                {
                    // A string that is not valid UTF-8.
                    throw new SeedException(file, where.Path, $"not a seed document: {e.Message}");
                }
            }
        }

        return (header.ToArray(), usersAt);
    }

    /// <summary>Moves to the next token, reading more of the stream as needed; false at the end of the document.</summary>
    private static bool Next(ref Utf8JsonReader reader, JsonChunks chunks)
    {
        while (true)
        {
            if (reader.Read())
            {
                return true;
            }

            chunks.Advance(ref reader);
            if (!chunks.More())
            {
                return false;
            }

            reader = chunks.Reader();
        }
    }

    private static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); break;
            case JsonTokenType.EndObject: writer.WriteEndObject(); break;
            case JsonTokenType.StartArray: writer.WriteStartArray(); break;
            case JsonTokenType.EndArray: writer.WriteEndArray(); break;
            case JsonTokenType.PropertyName: writer.WritePropertyName(reader.GetString()!); break;
            case JsonTokenType.String: writer.WriteStringValue(reader.GetString()); break;
            case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
            case JsonTokenType.True: writer.WriteBooleanValue(true); break;
            case JsonTokenType.False: writer.WriteBooleanValue(false); break;
            case JsonTokenType.Null: writer.WriteNullValue(); break;
        }
    }

    private static SeedException NotJson(string file, JsonException e) =>
        new(file, "$", $"not a seed document: {e.Message}");

    /// <summary>One pool's users, read from the stream when enumerated, 256 at a time.</summary>
    private sealed class StreamedUsers(Stream json, long offset, string path, string file) : IEnumerable<SeedUser>
    {
        private const int Batch = 256;

        public IEnumerator<SeedUser> GetEnumerator()
        {
            json.Position = offset;
            var chunks = new JsonChunks(json, skipByteOrderMark: false);
            var cursor = new Cursor();
            while (!cursor.Ended && ReadBatch(chunks, cursor) is { Count: > 0 } batch)
            {
                foreach (var user in batch)
                {
                    yield return user;
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The next users of the array, none at its end. Each one is read only once all of it is in the buffer.</summary>
        private List<SeedUser> ReadBatch(JsonChunks chunks, Cursor cursor)
        {
            var batch = new List<SeedUser>(Batch);
            var reader = chunks.Reader();
            while (batch.Count < Batch)
            {
                // A copy over the same buffer as the reader: the checkpoint to come back to if a user is cut off.
                var before = reader;
                bool read;
                try
                {
                    read = reader.Read();
                }
                catch (JsonException e)
                {
                    throw NotJson(file, e);
                }

                if (!read)
                {
                    chunks.Advance(ref reader);
                    if (!chunks.More())
                    {
                        throw new SeedException(file, $"{path}[{cursor.Index}]", "not a seed document: it ends inside the users.");
                    }

                    reader = chunks.Reader();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
                {
                    cursor.Ended = true;
                    break;
                }

                if (reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 0)
                {
                    continue; // the array's own start
                }

                var whole = reader;
                bool complete;
                try
                {
                    complete = whole.TrySkip();
                }
                catch (JsonException e)
                {
                    throw NotJson(file, e);
                }

                if (!complete)
                {
                    // Back to before this user, with more of the stream behind it.
                    chunks.Advance(ref before);
                    if (!chunks.More())
                    {
                        throw new SeedException(file, $"{path}[{cursor.Index}]", "not a seed document: it ends inside this user.");
                    }

                    reader = chunks.Reader();
                    continue;
                }

                batch.Add(User(ref reader, $"{path}[{cursor.Index}]"));
                cursor.Index++;
            }

            chunks.Advance(ref reader);
            return batch;
        }

        private SeedUser User(ref Utf8JsonReader reader, string at)
        {
            try
            {
                return JsonSerializer.Deserialize(ref reader, SeedJsonContext.Default.SeedUser)
                    ?? throw new SeedException(file, at, "a user is an object, not null.");
            }
            catch (JsonException e)
            {
                throw new SeedException(file, at + (e.Path ?? "$")[1..], $"not a seed document: {e.Message}");
            }
        }
    }

    /// <summary>The JSON path of the value being read, as the serializer writes paths: $.UserPools[0].Name.</summary>
    private sealed class JsonPathTracker
    {
        private readonly List<(bool Array, int Index, string? Property)> _frames = [];

        public string Path => "$" + string.Concat(_frames.Select(f => f.Array ? (f.Index >= 0 ? $"[{f.Index}]" : "") : f.Property is null ? "" : "." + f.Property));

        public void Track(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    _frames[^1] = _frames[^1] with { Property = reader.GetString() };
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _frames.RemoveAt(_frames.Count - 1);
                    break;
                default:
                    if (_frames.Count > 0 && _frames[^1].Array)
                    {
                        _frames[^1] = _frames[^1] with { Index = _frames[^1].Index + 1 };
                    }

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        _frames.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                    }

                    break;
            }
        }
    }

    private sealed class Cursor
    {
        public int Index { get; set; }

        public bool Ended { get; set; }
    }

    /// <summary>A stream read into a buffer as a reader needs it, keeping the reader's state between refills.</summary>
    private sealed class JsonChunks
    {
        private readonly Stream _stream;
        private readonly long _origin;
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private long _shifted;
        private bool _final;
        private JsonReaderState _state = new(Options);

        public JsonChunks(Stream stream, bool skipByteOrderMark)
        {
            _stream = stream;
            _origin = stream.Position;
            More();
            if (skipByteOrderMark && _buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3;
            }
        }

        public Utf8JsonReader Reader() => new(_buffer.AsSpan(_start, _end - _start), _final, _state);

        /// <summary>Where in the stream the reader's current token starts.</summary>
        public long Position(ref Utf8JsonReader reader) => _origin + _shifted + _start + reader.TokenStartIndex;

        /// <summary>Keeps what the reader has not consumed, and its state, for the next reader.</summary>
        public void Advance(ref Utf8JsonReader reader)
        {
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        /// <summary>Reads more of the stream behind what is kept; false when it has ended.</summary>
        public bool More()
        {
            if (_final)
            {
                return false;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _shifted, _start) = (_end - _start, _shifted + _start, 0);
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            _final = read == 0;
            return true;
        }
    }
}
