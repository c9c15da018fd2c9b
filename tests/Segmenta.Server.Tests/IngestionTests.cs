using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Server.Api;
using Segmenta.Server.Ingestion;

namespace Segmenta.Server.Tests;

public sealed class IngestionTests
{
    internal static async Task<long> CountAsync(RunningServer server, string sql)
    {
        await server.App.Services.GetRequiredService<IngestPipeline>().WaitLoadedAsync();
        return await server.App.Services.GetRequiredService<QueryGate>().RunAsync(e => e.ScalarAsync<long>(sql));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Segment_calls_land_in_events_with_sessions_and_identities_and_duplicates_are_ignored()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.IngestKey);
        var page = """{"messageId":"m-1","anonymousId":"a-1","timestamp":"2026-03-01T10:00:00Z","properties":{"url":"https://shop/1"}}""";
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/v1/page", UriKind.Relative), Json(page))).StatusCode);
        var batch = """
            {"batch":[
              {"type":"track","messageId":"m-2","anonymousId":"a-1","userId":"c-1","event":"Product Viewed","timestamp":"2026-03-01T10:05:00Z","properties":{"product_id":"p-9","price":12.5}},
              {"type":"identify","messageId":"m-3","anonymousId":"a-1","userId":"c-1","timestamp":"2026-03-01T10:06:00+09:00"},
              {"type":"track","messageId":"m-2","anonymousId":"a-1","userId":"c-1","event":"Product Viewed","timestamp":"2026-03-01T10:05:00Z"}
            ]}
            """;
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/v1/batch", UriKind.Relative), Json(batch))).StatusCode);
        // the same page call again: acknowledged, not stored twice
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/v1/page", UriKind.Relative), Json(page))).StatusCode);

        Assert.Equal(3, await CountAsync(server, "SELECT count(*) FROM events"));
        Assert.Equal(3, await CountAsync(server, "SELECT count(DISTINCT event_id) FROM events"));
        Assert.Equal(1, await CountAsync(server, "SELECT count(*) FROM events WHERE event_id = 'm-2' AND event_type = 'product_view' AND product_id = 'p-9' AND value = 12.5"));
        // 10:06+09:00 is 01:06 UTC
        Assert.Equal(1, await CountAsync(server, "SELECT count(*) FROM events WHERE event_id = 'm-3' AND occurred_at = TIMESTAMP '2026-03-01 01:06:00'"));
        Assert.Equal(1, await CountAsync(server, "SELECT count(*) FROM identities WHERE anonymous_id = 'a-1' AND customer_id = 'c-1'"));
        // the anonymous page view and the identified product view (5 min apart) are one session of c-1
        Assert.Equal(1, await CountAsync(server, "SELECT count(DISTINCT session_id) FROM events WHERE event_id IN ('m-1', 'm-2')"));
    }

    [Fact]
    public async Task Orders_land_in_orders_and_lines_and_repeats_of_an_order_id_are_ignored()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.IngestKey);
        var order = """{"orderId":"o-1","userId":"c-1","timestamp":"2026-03-01T10:00:00Z","country":"KR","lines":[{"productId":"p-1","quantity":2,"unitPrice":1500},{"productId":"p-2","unitPrice":700}]}""";
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/v1/orders", UriKind.Relative), Json(order))).StatusCode);
        }
        Assert.Equal(1, await CountAsync(server, "SELECT count(*) FROM orders WHERE order_id = 'o-1' AND lines = 2 AND items = 3 AND amount = 3700 AND customer_id = 'c-1'"));
        Assert.Equal(2, await CountAsync(server, "SELECT count(*) FROM order_lines"));
        Assert.Equal(1, await CountAsync(server, "SELECT count(*) FROM customers WHERE customer_id = 'c-1' AND country = 'KR'"));
    }

    [Fact]
    public async Task A_restart_keeps_acknowledged_messages_once_and_remembers_message_ids()
    {
        var folder = new Segmenta.Testing.TempFolder("segmenta-server-");
        var server = await RunningServer.StartAsync(folder: folder);
        using (var http = server.Client(server.IngestKey))
        {
            for (var i = 0; i < 20; i++)
            {
                var body = $$"""{"messageId":"m-{{i}}","userId":"c-{{i % 3}}","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}""";
                Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/v1/track", UriKind.Relative), Json(body))).StatusCode);
            }
        }
        await server.App.StopAsync();
        await server.App.DisposeAsync();

        await using var again = await RunningServer.StartAsync(folder: folder);
        using (var http = again.Client(again.IngestKey))
        {
            var body = """{"messageId":"m-7","userId":"c-1","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}""";
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/v1/track", UriKind.Relative), Json(body))).StatusCode);
        }
        Assert.Equal(20, await CountAsync(again, "SELECT count(*) FROM events WHERE event_type = 'signup'"));
        Assert.Equal(20, await CountAsync(again, "SELECT count(DISTINCT event_id) FROM events"));
    }
}

public sealed class IncrementalSessionTests
{
    [Fact]
    public async Task Sessions_built_load_by_load_equal_a_full_rebuild()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.IngestKey);
        var pipeline = server.App.Services.GetRequiredService<IngestPipeline>();
        var random = new Random(42);
        var start = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var id = 0;
        // Several loads: mostly in time order per person, some late events, anonymous visitors identified later.
        for (var load = 0; load < 8; load++)
        {
            var items = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                var person = random.Next(0, 12);
                var anonymous = random.Next(0, 4) == 0;
                var minutes = load * 25 + random.Next(0, 25) - (random.Next(0, 10) == 0 ? random.Next(30, 200) : 0);
                var at = start.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
                var who = anonymous ? $"\"anonymousId\":\"a-{person}\"" : random.Next(0, 6) == 0 ? $"\"anonymousId\":\"a-{person}\",\"userId\":\"c-{person}\"" : $"\"userId\":\"c-{person}\"";
                var type = random.Next(0, 3) == 0 ? "\"type\":\"page\"" : "\"type\":\"track\",\"event\":\"Product Viewed\"";
                items.Add($$"""{{{type}},"messageId":"s-{{id++}}",{{who}},"timestamp":"{{at}}"}""");
            }
            var response = await http.PostAsync(new Uri("/v1/batch", UriKind.Relative), new StringContent("{\"batch\":[" + string.Join(',', items) + "]}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await pipeline.WaitLoadedAsync();
        }
        var gate = server.App.Services.GetRequiredService<QueryGate>();
        const string EventSessions = "SELECT string_agg(event_id || '=' || session_id, ';' ORDER BY event_id) FROM events";
        const string SessionRows = """
            SELECT string_agg(concat_ws('|', session_id, actor_id, customer_id, started_at, ended_at, events, page_views, product_views), ';' ORDER BY session_id)
            FROM sessions
            """;
        var incremental = (await gate.RunAsync(e => e.ScalarAsync<string>(EventSessions)), await gate.RunAsync(e => e.ScalarAsync<string>(SessionRows)));
        Assert.Equal(480, await IngestionTests.CountAsync(server, "SELECT count(*) FROM events"));
        await gate.RunAsync(async e => { await server.Workspace.CreateImporter().RebuildSessionsAsync(); return 0; });
        var rebuilt = (await gate.RunAsync(e => e.ScalarAsync<string>(EventSessions)), await gate.RunAsync(e => e.ScalarAsync<string>(SessionRows)));
        Assert.Equal(rebuilt.Item1, incremental.Item1);
        Assert.Equal(rebuilt.Item2, incremental.Item2);
    }
}
