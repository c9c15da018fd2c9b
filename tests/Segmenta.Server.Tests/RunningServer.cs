using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Engine.Workspaces;
using Segmenta.Server.Security;
using Segmenta.Testing;

namespace Segmenta.Server.Tests;

/// <summary>A real server on a free loopback port over a fresh workspace, with one ingest and one admin key.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(TempFolder folder, WebApplication app, Uri address, string ingestKey, string adminKey)
    {
        Folder = folder;
        App = app;
        Address = address;
        IngestKey = ingestKey;
        AdminKey = adminKey;
    }

    public TempFolder Folder { get; }
    public WebApplication App { get; }
    public Uri Address { get; }
    public string IngestKey { get; }
    public string AdminKey { get; }
    public Workspace Workspace => App.Services.GetRequiredService<Workspace>();

    /// <summary>Starts a server; <paramref name="serverSection"/> is the JSON of segmenta.json's "server" section.</summary>
    public static async Task<RunningServer> StartAsync(string? serverSection = null, TempFolder? folder = null, Func<Workspace, Task>? seed = null)
    {
        folder ??= new TempFolder("segmenta-server-");
        string ingest, admin;
        if (!File.Exists(Path.Combine(folder.Path, Workspace.SettingsFile)))
        {
            Workspace.Initialise(folder.Path);
        }
        if (serverSection is not null)
        {
            var file = Path.Combine(folder.Path, Workspace.SettingsFile);
            var text = File.ReadAllText(file).TrimEnd();
            File.WriteAllText(file, text[..^1].TrimEnd() + ",\n  \"server\": " + serverSection + "\n}\n");
        }
        await using (var workspace = await Workspace.OpenAsync(folder.Path))
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            ingest = await ApiKeyStore.CreateAsync(workspace, "shop-web-" + suffix, "ingest");
            admin = await ApiKeyStore.CreateAsync(workspace, "marketing-" + suffix, "admin");
            if (seed is not null)
            {
                await seed(workspace);
            }
        }
        var app = await SegmentaServer.BuildAsync(new ServerOptions { WorkspaceDirectory = folder.Path, Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningServer(folder, app, new Uri(address), ingest, admin);
    }

    public HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Folder.Dispose();
    }
}
