using System.Reflection;
using System.Text.Json.Nodes;
using CognitoMock.Api;
using CognitoMock.Generator;

namespace CognitoMock.Tests.Api;

/// <summary>The committed wire layer is what the generator makes of the committed model, and covers the whole model.</summary>
public sealed class GeneratedWireLayerTests
{
    private static readonly string Root = ApiGenerator.FindRepositoryRoot(AppContext.BaseDirectory);

    private static string ModelText => File.ReadAllText(Path.Combine(Root, ApiGenerator.ModelPath));

    [Fact]
    public void EveryGeneratedFile_IsWhatTheGeneratorMakesOfTheModel()
    {
        foreach (var (path, text) in ApiGenerator.Generate(ModelText))
        {
            File.ReadAllText(Path.Combine(Root, path)).Should().Be(text, $"{path} is stale: run `dotnet run --project tools/CognitoMock.Generator`");
        }
    }

    [Fact]
    public void TheBaseClass_HasOneMethodPerOperation_NamedAsTheModelNamesIt()
    {
        var operations = JsonNode.Parse(ModelText)!["operations"]!.AsObject().Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        var methods = typeof(CognitoIdentityProviderBase).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual).Select(m => m.Name).Order(StringComparer.Ordinal).ToList();

        operations.Should().HaveCount(122);
        methods.Should().Equal(operations);
    }

    [Fact]
    public void EachSignInOperation_AnswersItsOwnOutputShape()
    {
        string[] outputs = [.. new[] { "InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge", "AdminRespondToAuthChallenge", "GlobalSignOut" }
            .Select(name => typeof(CognitoIdentityProviderBase).GetMethod(name)!.ReturnType.Name)];

        outputs.Should().Equal("InitiateAuthResponse", "AdminInitiateAuthResponse", "RespondToAuthChallengeResponse", "AdminRespondToAuthChallengeResponse", "GlobalSignOutResponse");
        typeof(CognitoIdentityProviderBase).GetMethod("AdminDeleteUser")!.ReturnType.Should().Be(typeof(void), "the model gives AdminDeleteUser no output");
    }
}
