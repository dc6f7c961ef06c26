using CognitoMock.Domain;

namespace CognitoMock.Tests.Domain;

public sealed class PoolSchemaTests
{
    [Fact]
    public void Build_TakesAStandardNameAsAChangeAndAnyOtherAsACustomAttribute()
    {
        var built = PoolSchema.Build(
        [
            new SchemaAttribute { Name = "email", Required = true },
            new SchemaAttribute { Name = "custom:plan" },
            new SchemaAttribute { Name = "email_verified" },
        ]);
        var pool = new UserPool { Schema = built };

        built.Select(a => a.Name).Should().Equal("email", "plan", "email_verified");
        PoolSchema.RequiredAttributes(pool).Should().Equal("email");
        PoolSchema.Find(pool, "custom:plan")!.AttributeDataType.Should().Be("String");
        PoolSchema.Find(pool, "custom:email_verified").Should().NotBeNull();
        PoolSchema.Find(pool, "plan").Should().BeNull();
        PoolSchema.Find(pool, "custom:email").Should().BeNull();
        PoolSchema.Find(pool, "email")!.Required.Should().BeTrue();
        PoolSchema.Find(pool, "given_name")!.Required.Should().BeFalse();
    }

    [Fact]
    public void Describe_ListsEveryStandardAttributeOnceThenTheCustomOnes()
    {
        var pool = new UserPool { Schema = PoolSchema.Build([new SchemaAttribute { Name = "plan" }, new SchemaAttribute { Name = "email", Mutable = false }]) };

        var described = PoolSchema.Describe(pool);

        described.Select(a => a.Name).Should().Equal(StandardAttributes.Schema.Select(a => a.Name).Append("custom:plan"));
        described.Single(a => a.Name == "email").Mutable.Should().BeFalse();
        StandardAttributes.Schema.Single(a => a.Name == "email").Mutable.Should().BeTrue("the shared standard schema is never changed");
    }
}
