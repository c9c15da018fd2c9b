using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Segmenta.Testing;

namespace Segmenta.Server.Tests;

/// <summary>The real <c>segmenta keys</c> command, then the real server accepting and refusing its keys.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task Keys_created_listed_and_revoked_from_the_cli_work_as_scoped_and_only_hashes_are_stored()
    {
        var folder = new TempFolder("segmenta-keys-"); // the server below deletes it
        var w = folder.Path;
        var created = await SegmentaProcess.RunAsync("-w", w, "--json", "keys", "create", "shop-web", "--scope", "ingest");
        Assert.Equal(0, created.ExitCode);
        var key = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("key").GetString()!;
        Assert.StartsWith("sk_", key, StringComparison.Ordinal);
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", w, "keys", "create", "old", "--scope", "admin")).ExitCode);

        var badScope = await SegmentaProcess.RunAsync("-w", w, "keys", "create", "x", "--scope", "root");
        Assert.Equal(1, badScope.ExitCode);
        Assert.Contains("expected ingest or admin", badScope.Stderr + badScope.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await SegmentaProcess.RunAsync("-w", w, "keys", "create", "shop-web", "--scope", "ingest")).ExitCode); // name taken

        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", w, "keys", "revoke", "old")).ExitCode);
        Assert.Equal(1, (await SegmentaProcess.RunAsync("-w", w, "keys", "revoke", "old")).ExitCode);
        var list = JsonDocument.Parse((await SegmentaProcess.RunAsync("-w", w, "--json", "keys", "list")).Stdout).RootElement.GetProperty("keys");
        Assert.Equal(["shop-web", "old"], list.EnumerateArray().Select(k => k.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("revoked_at").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, list[1].GetProperty("revoked_at").ValueKind);

        // The database holds the SHA-256 of the key, never the key.
        await using (var workspace = await Engine.Workspaces.Workspace.OpenAsync(w))
        {
            var stored = await workspace.Engine.ScalarAsync<string>("SELECT key_hash FROM api_keys WHERE name = 'shop-web'");
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored);
            Assert.Equal(0, await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE contains(key_hash, $1)", [key[3..]]));
        }

        await using var server = await RunningServer.StartAsync(folder: folder);
        using var http = server.Client(key);
        var body = new StringContent("""{"messageId":"k-1","userId":"c-1","event":"Signed Up"}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/v1/track", UriKind.Relative), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(new Uri("/v1/keys", UriKind.Relative))).StatusCode);
    }
}
