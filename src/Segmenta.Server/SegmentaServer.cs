using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Segmenta.Engine.Workspaces;
using Segmenta.Server.Api;
using Segmenta.Server.Dashboard;
using Segmenta.Server.Security;

namespace Segmenta.Server;

/// <summary>
/// The <c>segmenta serve</c> host: one workspace, the /v1 API (ingestion, profiles, queries) and
/// the dashboard on the same ASP.NET Core app. The host only wires; the work lives in Engine.
/// </summary>
public static class SegmentaServer
{
    /// <summary>Opens the workspace and builds the app; the caller starts it (RunAsync or StartAsync).</summary>
    public static async Task<WebApplication> BuildAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = ServerSettings.Read(options.WorkspaceDirectory);
        var workspace = await Workspace.OpenAsync(options.WorkspaceDirectory, cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        // No request logging: URLs and bodies can carry customer ids and e-mail addresses.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // A factory registration so the container disposes (closes) the workspace with the app.
        builder.Services.AddSingleton(_ => workspace);
        builder.Services.AddSingleton(options);
        builder.Services.AddSegmentaApi(settings);
        builder.Services.AddSegmentaDashboard();

        var app = builder.Build();
        await ApiKeyStore.AttachAsync(workspace, app.Services.GetRequiredService<ApiKeyRing>(), cancellationToken).ConfigureAwait(false);
        app.UseSegmentaApi();
        app.MapSegmentaApi();
        app.MapSegmentaDashboard();
        return app;
    }
}
