using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Bench.Duplicates;

/// <summary>The real app on Kestrel over the bench database, so API latencies include HTTP, auth and JSON.</summary>
/// <remarks>The type argument is any type of the web assembly: the bench has a Program of its own.</remarks>
internal sealed class BenchApp(string connectionString) : WebApplicationFactory<IdeaHub.Web.Duplicates.DuplicateOptions>
{
    public const string Password = "IdeaHub#Bench2026";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(Path.Combine(CheckoutRoot(), "src", "IdeaHub.Web"));
        builder.UseSetting("ConnectionStrings:IdeaHub", connectionString);
        builder.UseSetting("IdeaHub:SeedDemo", "true");
        builder.UseSetting("IdeaHub:SignIn:PerIpPermits", "100000");
        builder.UseSetting("IdeaHub:SignIn:PerUserPermits", "100000");
        builder.UseSetting("IDEAHUB_DEMO_PASSWORD", Password);
        builder.UseSetting("Duplicates:RunWorker", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private static string CheckoutRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IdeaHub.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("IdeaHub.sln not found above " + AppContext.BaseDirectory);
    }

    public string Start()
    {
        UseKestrel(0);
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
