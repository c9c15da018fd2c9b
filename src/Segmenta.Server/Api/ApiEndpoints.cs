using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Server.Security;

namespace Segmenta.Server.Api;

/// <summary>The /v1 API: ingestion, profiles, queries and management (docs/api.md).</summary>
public static class ApiEndpoints
{
    /// <summary>The CORS policy the ingestion routes use (origins from <c>server.cors_origins</c>).</summary>
    public const string IngestCors = "ingest-cors";

    /// <summary>Registers the API's services (authentication, authorisation, rate limits, CORS).</summary>
    public static IServiceCollection AddSegmentaApi(this IServiceCollection services, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<QueryGate>();
        services.AddOpenApi();
        services.AddSingleton<Ingestion.IngestPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<Ingestion.IngestPipeline>());
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(SegmentaPolicies.Ingest, p => p.RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, SegmentaPolicies.Ingest, SegmentaPolicies.Admin))
            .AddPolicy(SegmentaPolicies.Admin, p => p.RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, SegmentaPolicies.Admin));
        services.AddCors(o => o.AddPolicy(IngestCors, p => p
            .WithOrigins([.. settings.CorsOrigins]).WithMethods("POST").WithHeaders("Authorization", "Content-Type")));
        services.AddRateLimiter(o =>
        {
            // One bucket per key (by name): a flood from one key cannot starve the others.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var name = context.User.Identity?.IsAuthenticated == true ? "key:" + context.User.FindFirstValue(ClaimTypes.Name) : "anonymous";
                return RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.RequestsPerSecondPerKey,
                    TokensPerPeriod = settings.RequestsPerSecondPerKey,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (rejected, ct) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests for this key",
                    $"the limit is {settings.RequestsPerSecondPerKey} requests per second per key; retry after 1 s").ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>Adds authentication, rate limiting, CORS and authorisation to the pipeline (in that order).</summary>
    public static WebApplication UseSegmentaApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Core.SegmentaInputException e) when (!context.Response.HasStarted)
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid request", e.Message).ConfigureAwait(false);
            }
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseCors();
        app.UseAuthorization();
        app.UseAdminAudit();
        return app;
    }

    /// <summary>Maps the /v1 routes.</summary>
    public static IEndpointRouteBuilder MapSegmentaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapAdminRoutes();
        app.MapIngestRoutes();
        app.MapQueryRoutes();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
