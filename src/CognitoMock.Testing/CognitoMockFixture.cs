namespace CognitoMock.Testing;

/// <summary>
/// An xunit class fixture over <see cref="InProcessCognitoMock"/>: one mock for a test class. Derive from it
/// to seed it, e.g. <c>public sealed class DemoMock() : CognitoMockFixture(s => s.SeedFiles.Add("demo.json"));</c>
/// </summary>
public class CognitoMockFixture : IDisposable
{
    public CognitoMockFixture()
        : this(null)
    {
    }

    protected CognitoMockFixture(Action<AspNetCore.CognitoMockSettings>? configure) => Mock = InProcessCognitoMock.Start(configure);

    public InProcessCognitoMock Mock { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Mock.Dispose();
        }
    }
}
