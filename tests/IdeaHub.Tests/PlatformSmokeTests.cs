using System.Net;
using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;

namespace IdeaHub.Tests;

public sealed class PlatformSmokeTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Ready_after_migrations_on_an_empty_database()
    {
        var res = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task Token_with_wrong_password_is_a_401_problem()
    {
        var res = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "asn.dinkes", password = "salah" });
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Demo_user_gets_a_token()
    {
        using var client = await app.ClientAsAsync("asn.dinkes");
        Assert.NotNull(client.DefaultRequestHeaders.Authorization);
    }
}
