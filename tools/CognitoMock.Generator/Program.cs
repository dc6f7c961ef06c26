using CognitoMock.Generator;

// dotnet run --project tools/CognitoMock.Generator [-- --check]
// Writes the generated wire layer from the embedded service model; --check only says whether it is current.
var root = ApiGenerator.FindRepositoryRoot(Directory.GetCurrentDirectory());
var check = args.Contains("--check");
var stale = 0;
foreach (var (path, text) in ApiGenerator.Generate(File.ReadAllText(Path.Combine(root, ApiGenerator.ModelPath))))
{
    var file = Path.Combine(root, path);
    if (File.Exists(file) && File.ReadAllText(file) == text)
    {
        continue;
    }

    stale++;
    if (check)
    {
        Console.WriteLine($"stale: {path}");
        continue;
    }

    File.WriteAllText(file, text);
    Console.WriteLine($"wrote {path}");
}

if (stale == 0)
{
    Console.WriteLine("the generated files are current");
}

return check && stale > 0 ? 1 : 0;
