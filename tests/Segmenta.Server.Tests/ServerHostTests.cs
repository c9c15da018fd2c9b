using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Engine.Workspaces;
using Segmenta.Testing;

namespace Segmenta.Server.Tests;

public sealed class ServerHostTests : IDisposable
{
    private readonly TempFolder _folder = new("segmenta-server-");

    [Fact]
    public async Task Serves_health_over_real_http_on_a_free_loopback_port()
    {
        Workspace.Initialise(_folder.Path);
        await using var app = await SegmentaServer.BuildAsync(new ServerOptions { WorkspaceDirectory = _folder.Path, Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var response = await http.GetAsync(new Uri("/v1/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    public void Dispose() => _folder.Dispose();
}
