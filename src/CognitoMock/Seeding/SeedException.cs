namespace CognitoMock.Seeding;

/// <summary>A seed that cannot load, with the file and the JSON path of the entry at fault.</summary>
public sealed class SeedException(string file, string jsonPath, string problem)
    : Exception($"{file}: {jsonPath}: {problem}")
{
    public string File { get; } = file;

    public string JsonPath { get; } = jsonPath;

    public string Problem { get; } = problem;
}
