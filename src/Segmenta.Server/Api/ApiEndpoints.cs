using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Segmenta.Server.Api;

/// <summary>The /v1 API: ingestion, profiles, queries and management (docs/api.md).</summary>
public static class ApiEndpoints
{
    /// <summary>Registers the API's services (authentication, authorisation, ingestion pipeline).</summary>
    public static IServiceCollection AddSegmentaApi(this IServiceCollection services)
    {
        // Placeholder until API keys land: both policies are registered so routes can name them.
        services.AddAuthorizationBuilder()
            .AddPolicy(SegmentaPolicies.Ingest, p => p.RequireAssertion(_ => true))
            .AddPolicy(SegmentaPolicies.Admin, p => p.RequireAssertion(_ => true));
        return services;
    }

    /// <summary>Maps the /v1 routes.</summary>
    public static IEndpointRouteBuilder MapSegmentaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
