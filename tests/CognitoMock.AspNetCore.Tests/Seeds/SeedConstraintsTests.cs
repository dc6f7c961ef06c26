using CognitoMock.AspNetCore.Model;
using CognitoMock.Seeding;

namespace CognitoMock.AspNetCore.Tests.Seeds;

/// <summary>
/// The seed loader holds seeds to a copy of the model's constraints (the engine does not read the model): each
/// entry must be what the model says of its shape, as the protocol layer reads and compiles it.
/// </summary>
public sealed class SeedConstraintsTests
{
    [Fact]
    public void EverySeedConstraint_IsTheModelsConstraintOfItsShape()
    {
        var shapes = ShapesOfTheModelsInputs();

        foreach (var constraint in SeedConstraints.All)
        {
            var shape = shapes[constraint.Shape];
            (shape.Min ?? 0).Should().Be(constraint.Min, constraint.Shape);
            shape.Max.Should().Be(constraint.Max, constraint.Shape);
            shape.Pattern?.Text.Should().Be(constraint.Pattern, constraint.Shape);
            (shape.Pattern is null).Should().Be(constraint.Pattern is null, constraint.Shape);
            shape.Sensitive.Should().Be(constraint.Sensitive, constraint.Shape);
            if (constraint.Pattern is not null)
            {
                constraint.DotNetPattern.Should().Be(ModelPattern.ToDotNet(constraint.Pattern), $"{constraint.Shape} is compiled as the protocol layer compiles it");
            }
        }
    }

    private static Dictionary<string, Shape> ShapesOfTheModelsInputs()
    {
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        var pending = new Stack<Shape>(ServiceModel.Cognito.Operations.Values.Select(o => o.Input).OfType<Shape>());
        while (pending.TryPop(out var shape))
        {
            if (!shapes.TryAdd(shape.Name, shape))
            {
                continue;
            }

            foreach (var inner in shape.Members.Select(m => m.Shape).Append(shape.Element).Append(shape.Key).Append(shape.Value).OfType<Shape>())
            {
                pending.Push(inner);
            }
        }

        return shapes;
    }
}
