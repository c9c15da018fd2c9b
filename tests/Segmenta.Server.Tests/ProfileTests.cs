using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Server.Api;
using Segmenta.Server.Ingestion;
using Segmenta.Storage.Profiles;

namespace Segmenta.Server.Tests;

public sealed class ProfileTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Order(string id, string customer, DateTime at, double price, int quantity, string status = "placed") =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"orderId":"{{id}}","userId":"{{customer}}","timestamp":"{{at:yyyy-MM-ddTHH:mm:ssZ}}","status":"{{status}}","lines":[{"productId":"p-{{quantity}}","quantity":{{quantity}},"unitPrice":{{price}}}]}""");

    [Fact]
    public async Task Live_profiles_built_order_by_order_agree_with_a_full_rfm_and_segment_recompute()
    {
        await using var server = await RunningServer.StartAsync();
        using var ingest = server.Client(server.IngestKey);
        using var admin = server.Client(server.AdminKey);
        var pipeline = server.App.Services.GetRequiredService<IngestPipeline>();
        var random = new Random(7);
        var now = DateTime.UtcNow;
        var n = 0;
        // 5 rounds of orders (each its own load) for 80 customers spread over 400 days, some cancelled or refunded.
        for (var round = 0; round < 5; round++)
        {
            var orders = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                var status = random.Next(0, 15) switch { 0 => "cancelled", 1 => "refunded", _ => "placed" };
                orders.Add(Order($"o-{n++}", $"c-{random.Next(0, 80)}", now.AddDays(-random.Next(0, 400)).AddMinutes(-random.Next(0, 1440)),
                    random.Next(1, 200) * 100, random.Next(1, 4), status));
            }
            Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync(new Uri("/v1/orders", UriKind.Relative), Json("{\"orders\":[" + string.Join(',', orders) + "]}"))).StatusCode);
            await pipeline.WaitLoadedAsync();
        }

        var live = new Dictionary<string, JsonElement>();
        for (var c = 0; c < 80; c++)
        {
            var response = await admin.GetAsync(new Uri($"/v1/customers/c-{c}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                live[$"c-{c}"] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            }
        }
        Assert.True(live.Count > 70);

        // The full recompute: the existing RFM and segment code, for the same as-of day (tomorrow in the shop's zone).
        var refresh = JsonDocument.Parse(await (await admin.PostAsync(new Uri("/v1/segments/refresh?basis=purchases", UriKind.Relative), null)).Content.ReadAsStringAsync()).RootElement;
        var asOf = refresh.GetProperty("as_of").GetString();
        Assert.Equal(live.First().Value.GetProperty("as_of").GetString(), asOf);
        var full = await server.App.Services.GetRequiredService<QueryGate>().RunAsync(e => e.QueryAsync("""
            SELECT s.customer_id, s.r_score, s.f_score, s.m_score, s.recency_days, s.frequency, s.monetary, s.monetary_net, m.segment_id
            FROM rfm_scores s JOIN segment_members m USING (as_of, basis, customer_id)
            WHERE s.as_of = $1::DATE AND s.basis = 'purchases'
            """, [asOf]));
        Assert.Equal(live.Values.Count(p => p.GetProperty("rfm").GetProperty("r").ValueKind == JsonValueKind.Number), full.Rows.Count);
        var segments = new HashSet<string>();
        foreach (var row in full.Rows)
        {
            var p = live[(string)row[0]!];
            Assert.Equal(Convert.ToInt32(row[1], CultureInfo.InvariantCulture), p.GetProperty("rfm").GetProperty("r").GetInt32());
            Assert.Equal(Convert.ToInt32(row[2], CultureInfo.InvariantCulture), p.GetProperty("rfm").GetProperty("f").GetInt32());
            Assert.Equal(Convert.ToInt32(row[3], CultureInfo.InvariantCulture), p.GetProperty("rfm").GetProperty("m").GetInt32());
            Assert.Equal(Convert.ToInt32(row[4], CultureInfo.InvariantCulture), p.GetProperty("rfm").GetProperty("recency_days").GetInt32());
            Assert.Equal(Convert.ToInt64(row[5], CultureInfo.InvariantCulture), p.GetProperty("metrics").GetProperty("orders").GetInt64());
            Assert.Equal(Convert.ToDouble(row[6], CultureInfo.InvariantCulture), p.GetProperty("metrics").GetProperty("revenue").GetDouble(), 6);
            Assert.Equal(Convert.ToDouble(row[7], CultureInfo.InvariantCulture), p.GetProperty("metrics").GetProperty("net_revenue").GetDouble(), 6);
            Assert.Equal((string?)row[8], p.GetProperty("segment").GetString());
            segments.Add((string)row[8]!);
        }
        Assert.True(segments.Count >= 4, "the data should spread customers over several segments: " + string.Join(", ", segments));

        // And the running totals equal a rebuild from order_lines.
        var gate = server.App.Services.GetRequiredService<QueryGate>();
        const string Totals = "SELECT string_agg(concat_ws('|', customer_id, orders, round(monetary, 6), round(taken_back, 6), first_sale_at, last_sale_at, last_paid_at), ';' ORDER BY customer_id) FROM customer_live";
        var incremental = await gate.RunAsync(e => e.ScalarAsync<string>(Totals));
        await gate.RunAsync(async e => { await LiveProfiles.RebuildAsync(e, DateTime.UtcNow); return 0; });
        Assert.Equal(await gate.RunAsync(e => e.ScalarAsync<string>(Totals)), incremental);
    }

    [Fact]
    public async Task An_order_shows_in_the_customer_profile_within_one_second()
    {
        await using var server = await RunningServer.StartAsync();
        using var ingest = server.Client(server.IngestKey);
        using var admin = server.Client(server.AdminKey);
        var now = DateTime.UtcNow;
        var baseline = Enumerable.Range(0, 50).Select(i => Order($"b-{i}", $"c-{i}", now.AddDays(-i * 7), 1000 + i * 100, 1));
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync(new Uri("/v1/orders", UriKind.Relative), Json("{\"orders\":[" + string.Join(',', baseline) + "]}"))).StatusCode);
        await server.App.Services.GetRequiredService<IngestPipeline>().WaitLoadedAsync();
        var before = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/customers/c-49", UriKind.Relative))).RootElement;
        Assert.Equal(1, before.GetProperty("metrics").GetProperty("orders").GetInt64());

        // c-49 (oldest, cheapest history) buys big today.
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync(new Uri("/v1/orders", UriKind.Relative), Json(Order("fresh-1", "c-49", now, 90_000, 2)))).StatusCode);
        JsonElement after;
        do
        {
            after = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/customers/c-49", UriKind.Relative))).RootElement;
        }
        while (after.GetProperty("metrics").GetProperty("orders").GetInt64() == 1 && watch.Elapsed < TimeSpan.FromSeconds(1));
        var elapsed = watch.Elapsed;
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the order took {elapsed.TotalMilliseconds:0} ms to show");
        Assert.Equal(2, after.GetProperty("metrics").GetProperty("orders").GetInt64());
        Assert.Equal(before.GetProperty("metrics").GetProperty("revenue").GetDouble() + 180_000, after.GetProperty("metrics").GetProperty("revenue").GetDouble());
        Assert.Equal(1, after.GetProperty("rfm").GetProperty("recency_days").GetInt32()); // ordered today; scored as of tomorrow
        Assert.Equal(5, after.GetProperty("rfm").GetProperty("r").GetInt32());
        Assert.Equal(5, after.GetProperty("rfm").GetProperty("m").GetInt32());
        Assert.NotEqual(before.GetProperty("segment").GetString(), after.GetProperty("segment").GetString());
    }
}
