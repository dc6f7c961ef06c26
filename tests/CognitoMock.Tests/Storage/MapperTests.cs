using CognitoMock.Domain;
using CognitoMock.Storage;
using LiteDB;

namespace CognitoMock.Tests.Storage;

/// <summary>
/// LiteDB's mapper learns a type's members the first time it maps it, and lets other threads see the type before
/// it has learned them all. The store reads on many threads at once from the start (requests, and the build of
/// the lookup index), so its mapper must know every stored type before it is first used. (The process has one,
/// so each round here makes a new one, as the first store of a process does.)
/// </summary>
public sealed class MapperTests
{
    [Fact]
    public void EveryStoredType_MapsOnManyThreadsAtOnce_FromTheFirstRead()
    {
        using var seeded = TestBackend.Demo();
        var documents = new (Type Type, BsonDocument Document)[]
        {
            (typeof(User), seeded.Store.Collection(StoredKinds.Users).FindAll().MaxBy(d => d.ToString().Length)!),
            (typeof(UserPool), seeded.Store.Collection(StoredKinds.Pools).FindAll().MaxBy(d => d.ToString().Length)!),
            (typeof(AppClient), seeded.Store.Collection(StoredKinds.Clients).FindAll().MaxBy(d => d.ToString().Length)!),
        };

        var failures = new List<Exception>();
        for (var round = 0; round < 20; round++)
        {
            var fresh = StoreMapper.Create();
            var start = new Barrier(8);
            var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
            {
                var (type, document) = documents[i % documents.Length];
                start.SignalAndWait();
                try
                {
                    fresh.ToObject(type, document);
                }
                catch (Exception e)
                {
                    lock (failures)
                    {
                        failures.Add(e);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        failures.Should().BeEmpty();
    }
}
