using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Segmenta.Server.Dashboard;

/// <summary>The web dashboard on the same host as the API.</summary>
public static class DashboardEndpoints
{
    /// <summary>Registers the dashboard's services.</summary>
    public static IServiceCollection AddSegmentaDashboard(this IServiceCollection services) => services;

    /// <summary>Maps the dashboard's pages and assets.</summary>
    public static IEndpointRouteBuilder MapSegmentaDashboard(this IEndpointRouteBuilder app) => app;
}
