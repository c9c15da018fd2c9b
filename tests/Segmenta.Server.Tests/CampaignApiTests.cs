using System.Net;
using System.Text.Json;
using Segmenta.Core.Campaigns;
using Segmenta.Engine.Campaigns;
using Segmenta.Storage.Import;

namespace Segmenta.Server.Tests;

/// <summary>GET /v1/campaigns and /v1/campaigns/{id}/results over real HTTP, against the engine's own figures.</summary>
public sealed class CampaignApiTests
{
    [Fact]
    public async Task Campaigns_ListAndResults_EqualTheEngine()
    {
        // Given a shop of 12 consenting customers and a CSV campaign with a 25 % control group, run once
        var folder = new Testing.TempFolder("segmenta-campaign-api-");
        Engine.Campaigns.CampaignResults? expected = null;
        await using var server = await RunningServer.StartAsync(folder: folder, seed: async ws =>
        {
            var customers = folder.Write("c.csv", "customer_id,email,consent_email,consent_sms\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"c{i:00},c{i:00}@example.com,true,true\n")));
            var orders = folder.Write("o.csv", "order_id,customer_id,ordered_at,amount\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"o{i:00},c{i:00},2025-03-01 10:00:00,{10 * i}\n")));
            await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Customers, customers));
            await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, orders));
            var now = new DateTime(2025, 3, 7, 10, 0, 0, DateTimeKind.Utc);
            await CampaignRunner.CreateAsync(ws, new CampaignDefinition { Id = "spring", Where = "frequency >= 1", Channel = CampaignChannel.Csv, Body = "hi", HoldoutPercent = 25 }, now);
            await CampaignRunner.RunAsync(ws, "spring", now);
            expected = await Engine.Campaigns.CampaignResults.MeasureAsync(ws, "spring", null);
        });
        using var admin = server.Client(server.AdminKey);

        // When the API is asked
        var list = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/campaigns", UriKind.Relative))).RootElement;
        var results = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/campaigns/spring/results", UriKind.Relative))).RootElement;
        var unknown = await admin.GetAsync(new Uri("/v1/campaigns/nope/results", UriKind.Relative));
        var experiment = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/experiments/spring", UriKind.Relative))).RootElement;
        using var ingest = server.Client(server.IngestKey);
        var forbidden = await ingest.GetAsync(new Uri("/v1/campaigns", UriKind.Relative));

        // Then the list names the campaign with its outbox counts, the results carry the engine's figures, and an
        // unknown campaign or an ingest-only key gets a clear 4xx
        var campaign = Assert.Single(list.GetProperty("campaigns").EnumerateArray());
        Assert.Equal("spring", campaign.GetProperty("campaign").GetProperty("id").GetString());
        Assert.NotNull(expected);
        // control = StableHash.Unit("campaign:spring", id) < 0.25 (docs/campaigns.md), computed here from the definition
        var control = Enumerable.Range(1, 12).Count(i => Core.Experiments.StableHash.Unit("campaign:spring", $"c{i:00}") < 0.25);
        Assert.Equal(12 - control, results.GetProperty("sent").GetInt64());
        Assert.Equal(12, expected.Arms.Sum(a => a.Customers));
        Assert.Equal(expected.Arms.Count, results.GetProperty("arms").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no campaign 'nope'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        // and the same campaign as an A/B test: both arms with the engine's customer counts, one comparison against control
        Assert.Equal("control", experiment.GetProperty("control_arm").GetString());
        var arms = experiment.GetProperty("arms").EnumerateArray().ToList();
        Assert.Equal(2, arms.Count);
        Assert.Equal(12, arms.Sum(a => a.GetProperty("count").GetInt64()));
        Assert.Equal(control, arms.Single(a => a.GetProperty("arm").GetString() == "control").GetProperty("count").GetInt64());
        Assert.Single(experiment.GetProperty("comparisons").EnumerateArray());
    }
}
