using System.Net;
using System.Text.Json;

namespace Segmenta.Server.Tests;

public sealed class SecurityTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Admin_routes_need_an_admin_key_by_header_or_cookie()
    {
        await using var server = await RunningServer.StartAsync();
        using (var none = server.Client(null))
        {
            var response = await none.GetAsync(new Uri("/v1/keys", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("API key is required", (await ProblemAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
        }
        using (var wrong = server.Client("sk_not-a-real-key"))
        {
            var response = await wrong.GetAsync(new Uri("/v1/keys", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("unknown or revoked", (await ProblemAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
        }
        using (var ingest = server.Client(server.IngestKey))
        {
            var response = await ingest.GetAsync(new Uri("/v1/keys", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("scope 'ingest'", (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var admin = server.Client(server.AdminKey))
        {
            var response = await admin.GetAsync(new Uri("/v1/keys", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
            Assert.Equal(2, keys.GetArrayLength());
            Assert.DoesNotContain(server.AdminKey, keys.ToString(), StringComparison.Ordinal);
        }
        using (var cookie = server.Client(null))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/keys", UriKind.Relative));
            request.Headers.Add("Cookie", "segmenta_key=" + server.AdminKey);
            Assert.Equal(HttpStatusCode.OK, (await cookie.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task A_revoked_key_stops_working_and_admin_actions_are_audited()
    {
        await using var server = await RunningServer.StartAsync();
        var extra = await Security.ApiKeyStore.CreateAsync(server.Workspace, "temp-admin", "admin");
        using var client = server.Client(extra);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/v1/keys", UriKind.Relative))).StatusCode);
        Assert.True(await Security.ApiKeyStore.RevokeAsync(server.Workspace, "temp-admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/v1/keys", UriKind.Relative))).StatusCode);

        using var admin = server.Client(server.AdminKey);
        var audit = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/audit", UriKind.Relative))).RootElement.GetProperty("entries");
        var rows = audit.EnumerateArray().Select(e => (e.GetProperty("key_name").GetString(), e.GetProperty("action").GetString(), e.GetProperty("status").GetInt32())).ToList();
        Assert.Contains(("temp-admin", "GET /v1/keys", 200), rows);
    }
}
