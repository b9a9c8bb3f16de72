using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace IdeaHub.Web.Realtime;

public static class RealtimeExtensions
{
    public const string HubPath = "/hubs/feedback";

    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 16 * 1024;
            // The browser client (wwwroot/js/realtime.js) pings every 15 s and waits 30 s for the server: keep these in step.
            o.KeepAliveInterval = TimeSpan.FromSeconds(15);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
        });
        services.AddSingleton<ProposalEventOrdering>();
        services.AddSingleton<ProposalWatchers>();
        services.AddSingleton<IFeedbackPush, SignalRFeedbackPush>();
        services.AddScoped<IProposalEvents, ProposalEventPublisher>();
        services.AddScoped<NotificationReader>();

        // Browsers' WebSocket API cannot set headers: bearer clients may pass the token as access_token, on hubs only.
        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            var inner = o.Events.OnMessageReceived;
            o.Events.OnMessageReceived = async ctx =>
            {
                await inner(ctx);
                if (ctx.Token is null && IsHubTokenRequest(ctx.Request)) ctx.Token = ctx.Request.Query["access_token"];
            };
        });
        services.PostConfigure<PolicySchemeOptions>("IdeaHub", o =>
        {
            var inner = o.ForwardDefaultSelector;
            o.ForwardDefaultSelector = ctx => IsHubTokenRequest(ctx.Request) ? IdentityConstants.BearerScheme : inner?.Invoke(ctx);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        app.MapHub<FeedbackHub>(HubPath);
        app.MapNotificationsApi();
        return app;
    }

    private static bool IsHubTokenRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token");
}
