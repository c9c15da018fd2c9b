using System.Net;
using System.Text;
using System.Text.Json;

namespace Segmenta.Server.Tests;

public sealed class BadInputTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    [Fact]
    public async Task Each_bad_request_gets_its_4xx_problem_nothing_is_stored_and_others_are_still_served()
    {
        await using var server = await RunningServer.StartAsync("""{ "max_body_bytes": 4096, "requests_per_second_per_key": 20 }""");
        using var ingest = server.Client(server.IngestKey);
        var track = new Uri("/v1/track", UriKind.Relative);

        var malformed = await ExpectProblemAsync(await ingest.PostAsync(track, Json("""{"messageId":"x-1","userId":"c-1","event":"A" """)), HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", malformed.GetProperty("title").GetString());

        var wrongType = await ExpectProblemAsync(await ingest.PostAsync(track, Json("""{"messageId":"x-2","userId":"c-1","event":"Order Completed","properties":{"revenue":"12,000"}}""")), HttpStatusCode.BadRequest);
        Assert.Equal("properties.revenue", wrongType.GetProperty("field").GetString());
        Assert.Contains("must be a number, not a string", wrongType.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var badTime = await ExpectProblemAsync(await ingest.PostAsync(new Uri("/v1/batch", UriKind.Relative),
            Json("""{"batch":[{"type":"page","messageId":"x-3","anonymousId":"a"},{"type":"track","messageId":"x-4","userId":"c","event":"E","timestamp":"yesterday"}]}""")), HttpStatusCode.BadRequest);
        Assert.Equal("batch[1].timestamp", badTime.GetProperty("field").GetString());

        var noId = await ExpectProblemAsync(await ingest.PostAsync(new Uri("/v1/orders", UriKind.Relative), Json("""{"userId":"c-1","lines":[{"unitPrice":10}]}""")), HttpStatusCode.BadRequest);
        Assert.Equal("orderId", noId.GetProperty("field").GetString());

        var big = "{\"batch\":[" + string.Join(',', Enumerable.Range(0, 100).Select(i => $$"""{"type":"track","messageId":"big-{{i}}","userId":"c-1","event":"Product Viewed"}""")) + "]}";
        var tooLarge = await ExpectProblemAsync(await ingest.PostAsync(new Uri("/v1/batch", UriKind.Relative), Json(big)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4096 bytes", tooLarge.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using (var nobody = server.Client(null))
        {
            await ExpectProblemAsync(await nobody.PostAsync(track, Json("""{"messageId":"x-5","userId":"c-1","event":"A"}""")), HttpStatusCode.Unauthorized);
        }
        await ExpectProblemAsync(await ingest.GetAsync(new Uri("/v1/customers/c-1", UriKind.Relative)), HttpStatusCode.Forbidden);

        // A flood from the ingest key: the bucket (20 a second) runs dry and it gets 429 with Retry-After ...
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await ingest.GetAsync(new Uri("/v1/health", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
                await ExpectProblemAsync(response, HttpStatusCode.TooManyRequests);
                break;
            }
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // ... while another key is still served, and its good event is stored.
        using var admin = server.Client(server.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(track, Json("""{"messageId":"good-1","userId":"c-1","event":"Product Viewed"}"""))).StatusCode);
        Assert.Equal(1, await IngestionTests.CountAsync(server, "SELECT count(*) FROM events"));
        Assert.Equal(1, await IngestionTests.CountAsync(server, "SELECT count(*) FROM events WHERE event_id = 'good-1'"));
        Assert.Equal(0, await IngestionTests.CountAsync(server, "SELECT count(*) FROM orders"));
    }

    [Fact]
    public async Task Browsers_from_an_allowed_origin_get_cors_headers_and_others_do_not()
    {
        await using var server = await RunningServer.StartAsync("""{ "cors_origins": ["https://shop.example"] }""");
        using var http = server.Client(null);
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/v1/track", UriKind.Relative));
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return await http.SendAsync(request);
        }
        var allowed = await PreflightAsync("https://shop.example");
        Assert.Equal("https://shop.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var other = await PreflightAsync("https://evil.example");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(null);
        var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var route in new[] { "/v1/track", "/v1/batch", "/v1/orders", "/v1/customers/{id}", "/v1/segments", "/v1/segments/{id}/members" })
        {
            Assert.Contains(route, paths);
        }
    }
}
