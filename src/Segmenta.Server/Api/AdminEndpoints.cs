using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Server.Security;
using Segmenta.Storage.Access;

namespace Segmenta.Server.Api;

/// <summary>Key listing and the audit log; plus the middleware that writes an audit row for every admin request.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps <c>GET /v1/keys</c> and <c>GET /v1/audit</c>.</summary>
    public static IEndpointRouteBuilder MapAdminRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/keys", async (QueryGate gate, Engine.Workspaces.Workspace workspace, CancellationToken ct) =>
        {
            var keys = await gate.RunAsync(_ => ApiKeyStore.ListAsync(workspace, ct), ct).ConfigureAwait(false);
            return Results.Ok(new { keys = keys.Select(k => new { name = k.Name, scope = k.Scope, created_at = k.CreatedAt, revoked_at = k.RevokedAt }) });
        }).RequireAuthorization(SegmentaPolicies.Admin);

        app.MapGet("/v1/audit", async (QueryGate gate, int? limit, CancellationToken ct) =>
        {
            var table = await gate.RunAsync(e => AccessTables.AuditAsync(e, Math.Clamp(limit ?? 100, 1, 10_000), ct), ct).ConfigureAwait(false);
            return Results.Ok(new { entries = table.ToDictionaries() });
        }).RequireAuthorization(SegmentaPolicies.Admin);
        return app;
    }

    /// <summary>After each request on an admin route: one audit row (key name, method and route, path, status).</summary>
    public static WebApplication UseAdminAudit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            var endpoint = context.GetEndpoint();
            var isAdmin = endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == SegmentaPolicies.Admin) == true;
            var name = context.User.FindFirstValue(ClaimTypes.Name);
            if (!isAdmin || name is null)
            {
                return;
            }
            var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
            var entry = new AuditEntry(DateTime.UtcNow, name, $"{context.Request.Method} {pattern}", context.Request.Path.Value ?? "", context.Response.StatusCode);
            var gate = context.RequestServices.GetRequiredService<QueryGate>();
            await gate.RunAsync(async e => { await AccessTables.AppendAuditAsync(e, [entry], CancellationToken.None).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
        });
        return app;
    }
}
