using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Segmenta.Testing;

namespace Segmenta.Cli.Tests;

/// <summary>Campaigns through the real <c>segmenta</c> process, a real outbox in DuckDB and a real local webhook endpoint.</summary>
public sealed class CampaignCommandTests : IDisposable
{
    private const string Secret = "test-secret";
    private readonly TempFolder _temp = new("segmenta-cli-campaign-");

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// A shop of <paramref name="customers"/> customers c001…: customer i ordered once, on 2025-03-(i mod 5 + 1) at 10:00 UTC,
    /// and has e-mail consent unless <paramref name="noConsent"/>(i). Webhook retries wait 20 ms (doubling).
    /// </summary>
    private async Task<string> ShopAsync(string name, int customers, Func<int, bool> noConsent)
    {
        var ws = _temp.File(name);
        var c = new StringBuilder("customer_id,email,phone,signup_at,gender,age_group,country,region,channel,consent_email,consent_sms,consent_push\n");
        var o = new StringBuilder("order_id,customer_id,ordered_at,product_id,category,quantity,unit_price,coupon_code,campaign_id,status\n");
        for (var i = 1; i <= customers; i++)
        {
            c.Append(CultureInfo.InvariantCulture, $"c{i:000},c{i:000}@example.com,,2025-01-01T00:00:00Z,,,KR,,organic,{(noConsent(i) ? "false" : "true")},false,false\n");
            o.Append(CultureInfo.InvariantCulture, $"o{i:0000},c{i:000},2025-03-{i % 5 + 1:00}T10:00:00Z,p1,Fashion,1,20.00,,,placed\n");
        }
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "customers", _temp.Write(name + "-customers.csv", c.ToString()))).ExitCode);
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "orders", _temp.Write(name + "-orders.csv", o.ToString()))).ExitCode);
        var settingsFile = Path.Combine(ws, "segmenta.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        settings["campaigns"]!["webhook_retry_base_ms"] = 20;
        settings["campaigns"]!["webhook_secret"] = Secret;
        await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());
        return ws;
    }

    [Fact]
    public async Task TriggeredWebhook_RunTwiceOnTheSameDay_SendsEachMessageOnce_NoneWithoutConsent()
    {
        // Given 40 customers (every 4th without e-mail consent) and a trigger "5 days since the last purchase"
        var ws = await ShopAsync("twice", 40, i => i % 4 == 0);
        using var receiver = new WebhookReceiver(Secret, (_, _) => 200);
        var create = await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", "winback", "--trigger", "days_since_last_purchase", "--days", "5",
            "--channel", "webhook", "--url", receiver.Url, "--body", "Hi {{customer_id}}");
        Assert.Equal(0, create.ExitCode);

        // When it runs twice on 7 March
        var first = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "winback", "--now", "2025-03-07T10:00:00Z");
        var second = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "winback", "--now", "2025-03-07T15:30:00Z");

        // Then the customers whose last order was on 2 March (i mod 5 = 1) and who consented got exactly one message each
        var expected = Enumerable.Range(1, 40).Where(i => i % 5 == 1 && i % 4 != 0).Select(i => $"winback|c{i:000}|2025-03-07").ToList();
        Assert.Equal(6, expected.Count);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(8, first.Json.GetProperty("matched").GetInt64());
        Assert.Equal(2, first.Json.GetProperty("no_consent").GetInt64());
        Assert.Equal(6, first.Json.GetProperty("sent").GetInt64());
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, second.Json.GetProperty("planned").GetInt64());
        Assert.Equal(0, second.Json.GetProperty("sent").GetInt64());
        Assert.Equal(expected, receiver.Acknowledged.Order(StringComparer.Ordinal));
        Assert.Equal(6, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureOk));
        Assert.DoesNotContain(receiver.Requests, r => r.Key.Contains("|c016|", StringComparison.Ordinal) || r.Key.Contains("|c036|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BandChangeTrigger_FiresForMovesBetweenTheLastTwoScorings()
    {
        // Given ten customers scored on 6 and 7 March: c003 and c006 move up into band 5, c004 and c008 fall to band 1,
        // the others keep their band (old band = 1 + i mod 5)
        var ws = await ShopAsync("band", 10, _ => false);
        var rows = new List<string>();
        for (var i = 1; i <= 10; i++)
        {
            var old = 1 + i % 5;
            var now = i % 3 == 0 ? 5 : i % 4 == 0 ? 1 : old;
            rows.Add($"('2025-03-06', 'c{i:000}', 0.1, {old}, 'lightgbm', NULL), ('2025-03-07', 'c{i:000}', 0.1, {now}, 'lightgbm', NULL)");
        }
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "sql",
            "CREATE TABLE purchase_predictions (as_of DATE, customer_id VARCHAR, probability DOUBLE, band INTEGER, model VARCHAR, reasons VARCHAR)")).ExitCode);
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "sql", "INSERT INTO purchase_predictions VALUES " + string.Join(", ", rows))).ExitCode);
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", "up", "--trigger", "band_change", "--trigger-band", "5",
            "--channel", "csv", "--body", "hi {{customer_id}}")).ExitCode);
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", "any", "--trigger", "band_change",
            "--channel", "csv", "--body", "hi {{customer_id}}")).ExitCode);

        // When both run on 7 March, and the "any" one again on 9 March (no new scoring since the 7th)
        var up = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "up", "--now", "2025-03-07T10:00:00Z");
        var any = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "any", "--now", "2025-03-07T10:00:00Z");
        var later = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "any", "--now", "2025-03-09T10:00:00Z");

        // Then "into band 5" matches c003 and c006, "any change" also c004 and c008, and a stale scoring fires nothing
        Assert.Equal(2, up.Json.GetProperty("matched").GetInt64());
        Assert.Equal(4, any.Json.GetProperty("matched").GetInt64());
        Assert.Equal(0, later.Json.GetProperty("matched").GetInt64());
        var bad = await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", "x", "--trigger", "band_change", "--trigger-band", "0", "--channel", "csv", "--body", "hi");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("band 0 does not exist", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalControlGroup_KeptOutOfEveryCampaign()
    {
        // Given 200 consenting customers and a 10 % global control group
        var ws = await ShopAsync("global", 200, _ => false);
        var settingsFile = Path.Combine(ws, "segmenta.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        settings["campaigns"]!["global_control_percent"] = 10;
        await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());
        // the group, computed here from its definition: StableHash.Unit("global-control", id) < 0.10
        var held = Enumerable.Range(1, 200).Select(i => $"c{i:000}").Where(id => Core.Experiments.StableHash.Unit("global-control", id) < 0.10).ToHashSet();
        Assert.InRange(held.Count, 8, 35);

        // When two different campaigns run for everyone who bought
        foreach (var id in new[] { "one", "two" })
        {
            Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", id, "--where", "frequency >= 1", "--channel", "csv", "--consent", "email", "--body", "hi {{customer_id}}")).ExitCode);
        }
        var one = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "one", "--now", "2025-03-07T10:00:00Z");
        var two = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "two", "--now", "2025-03-07T10:00:00Z");

        // Then each plans exactly the others, and neither CSV names a held-out customer
        foreach (var run in new[] { one, two })
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(held.Count, run.Json.GetProperty("global_control").GetInt64());
            Assert.Equal(200 - held.Count, run.Json.GetProperty("planned").GetInt64());
            var csv = await File.ReadAllTextAsync(run.Json.GetProperty("output").GetString()!);
            Assert.DoesNotContain(held, id => csv.Contains(id + ",", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Webhook_FailingThreeTimesThenSucceeding_ReceivesExactlyOneDelivery()
    {
        // Given one customer and an endpoint answering 503 three times, then 200
        var ws = await ShopAsync("retry", 1, _ => false);
        using var receiver = new WebhookReceiver(Secret, (n, _) => n <= 3 ? 503 : 200);
        var create = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "create", "hello", "--where", "frequency >= 1",
            "--channel", "webhook", "--url", receiver.Url, "--body", "Hello {{customer_id}}");
        Assert.Equal(0, create.ExitCode);
        // A one-off campaign's occurrence is its creation day, so each customer gets it once ever.
        var key = "hello|c001|" + create.Json.GetProperty("created").GetString();

        // When the campaign runs
        var run = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "hello", "--now", "2025-03-07T10:00:00Z");

        // Then four signed attempts carried the same key, and exactly one was acknowledged; the outbox says sent
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, run.Json.GetProperty("sent").GetInt64());
        Assert.Equal(0, run.Json.GetProperty("failed").GetInt64());
        Assert.Equal(4, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal(key, r.Key));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureOk));
        Assert.Equal([key], receiver.Acknowledged);
        var list = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "list");
        var outbox = list.Json.GetProperty("campaigns")[0].GetProperty("outbox");
        Assert.Equal(1, outbox.GetProperty("sent").GetInt64());
        Assert.False(outbox.TryGetProperty("pending", out _));
    }

    [Fact]
    public async Task Run_KilledMidway_RerunSendsNothingTwiceAndMissesNothing()
    {
        // Given 30 consenting customers and an endpoint; the test kills the segmenta process when the 10th request arrives
        var ws = await ShopAsync("kill", 30, _ => false);
        Process? victim = null;
        var killedAt = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var receiver = new WebhookReceiver(Secret, (n, key) =>
        {
            if (n != 10)
            {
                return 200;
            }
            victim!.Kill(entireProcessTree: true);
            killedAt.TrySetResult(key);
            return null; // the killed sender never hears back
        });
        var create = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "create", "spring", "--where", "frequency >= 1",
            "--channel", "webhook", "--url", receiver.Url, "--body", "Spring sale, {{customer_id}}");
        Assert.Equal(0, create.ExitCode);
        var created = create.Json.GetProperty("created").GetString();

        // When the first run is killed mid-way and the campaign is run again
        victim = Start("-w", ws, "campaign", "run", "spring", "--now", "2025-03-07T10:00:00Z");
        await victim.WaitForExitAsync();
        var unanswered = await killedAt.Task;
        Assert.NotEqual(0, victim.ExitCode);
        Assert.Equal(9, receiver.Acknowledged.Count);
        var rerun = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "spring", "--now", "2025-03-07T10:05:00Z");

        // Then every customer's message was acknowledged exactly once; only the unanswered one was re-sent (same key)
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(0, rerun.Json.GetProperty("planned").GetInt64());
        Assert.Equal(21, rerun.Json.GetProperty("sent").GetInt64());
        var expected = Enumerable.Range(1, 30).Select(i => $"spring|c{i:000}|{created}").ToList();
        Assert.Equal(expected, receiver.Acknowledged.Order(StringComparer.Ordinal));
        Assert.Equal(31, receiver.Requests.Count);
        Assert.Equal([unanswered], receiver.Requests.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public async Task Email_UnreachableSmtpServer_ClearErrorAndNothingMarkedSent()
    {
        // Given an e-mail campaign and an SMTP port nobody listens on
        var ws = await ShopAsync("smtp", 5, _ => false);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var settingsFile = Path.Combine(ws, "segmenta.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        settings["campaigns"]!["smtp_host"] = "127.0.0.1";
        settings["campaigns"]!["smtp_port"] = port;
        await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", "mail", "--where", "frequency >= 1",
            "--channel", "email", "--subject", "News", "--body", "Hello")).ExitCode);

        // When it runs
        var run = await SegmentaProcess.RunAsync("-w", ws, "campaign", "run", "mail", "--now", "2025-03-07T10:00:00Z");

        // Then: exit 1, a message naming the server, and all five messages still pending
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach the SMTP server 127.0.0.1:{port}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was sent, 5 messages stay pending", run.Stderr, StringComparison.Ordinal);
        var outbox = (await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "list")).Json.GetProperty("campaigns")[0].GetProperty("outbox");
        Assert.Equal(5, outbox.GetProperty("pending").GetInt64());
        Assert.False(outbox.TryGetProperty("sent", out _));
    }

    [Fact]
    public async Task Create_BadInputs_ExitOneWithClearMessages()
    {
        var ws = await ShopAsync("bad", 2, _ => false);
        var unknown = await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", "x", "--where", "recnecy > 3", "--channel", "csv", "--body", "hi");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown field 'recnecy' at column 1; did you mean 'recency'?", unknown.Stderr, StringComparison.Ordinal);
        var coupon = await SegmentaProcess.RunAsync("-w", ws, "coupon", "create", "k", "--kind", "percent", "--value", "10", "--from", "2025-03-31", "--to", "2025-03-01");
        Assert.Equal(1, coupon.ExitCode);
        Assert.Contains("validity ends (2025-03-01) before it starts (2025-03-31)", coupon.Stderr, StringComparison.Ordinal);
        var delay = await SegmentaProcess.RunAsync("-w", ws, "campaign", "create", "y", "--trigger", "signup", "--days", "-1", "--channel", "csv", "--body", "hi");
        Assert.Equal(1, delay.ExitCode);
        Assert.Contains("trigger signup: delay -1 days is negative", delay.Stderr, StringComparison.Ordinal);
        var list = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "list");
        Assert.Equal(0, list.Json.GetProperty("campaigns").GetArrayLength());
    }

    [Fact]
    public async Task Journey_FirstPurchasesThisMonth_AllNewOnTheFirstStage_WithThePlaybookAction()
    {
        // Given 40 customers whose only order is in the 30 days before the snapshot: every one is "new" (docs/segments.md)
        var ws = await ShopAsync("journey", 40, _ => false);

        // When the 5- and 3-stage journeys are shown
        var five = await SegmentaProcess.RunAsync("-w", ws, "--json", "journey");
        var three = await SegmentaProcess.RunAsync("-w", ws, "--json", "journey", "--map", "3");

        // Then all 40 sit on awareness / acquisition as "new" with the welcome coupon; all 12 playbook lines are shown
        Assert.Equal(0, five.ExitCode);
        var cells = five.Json.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(12, cells.Count);
        var newCell = cells.Single(c => c.GetProperty("audience").GetString() == "new");
        Assert.Equal("awareness", newCell.GetProperty("stage").GetString());
        Assert.Equal(40, newCell.GetProperty("customers").GetInt64());
        Assert.Equal("Welcome coupon", newCell.GetProperty("action").GetString());
        Assert.Equal("advocacy", cells.Single(c => c.GetProperty("audience").GetString() == "vip").GetProperty("stage").GetString());
        Assert.Equal(40, five.Json.GetProperty("stage_totals").GetProperty("awareness").GetInt64());
        Assert.Equal(40, five.Json.GetProperty("stage_totals").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(40, three.Json.GetProperty("stage_totals").GetProperty("acquisition").GetInt64());
        Assert.Equal(["acquisition", "conversion", "retention"], three.Json.GetProperty("stages").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("segmenta predict train", five.Json.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_CsvCampaignWithCouponAndControl_MatchHandComputedFigures()
    {
        // Given 20 customers, a 10 % coupon and a CSV campaign holding out half as control
        var ws = await ShopAsync("results", 20, _ => false);
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "coupon", "create", "spring10", "--kind", "percent", "--value", "10",
            "--from", "2025-03-01", "--to", "2025-03-31")).ExitCode);
        var create = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "create", "spring", "--where", "frequency >= 1", "--channel", "csv",
            "--consent", "email", "--coupon", "spring10", "--holdout", "50", "--body", "Use {{coupon_code}}");
        Assert.Equal(0, create.ExitCode);
        var run = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "run", "spring", "--now", "2025-03-07T10:00:00Z");
        Assert.Equal(0, run.ExitCode);
        var control = run.Json.GetProperty("control").GetInt64();
        var treated = run.Json.GetProperty("sent").GetInt64();
        Assert.Equal(20, control + treated);
        Assert.InRange(control, 1, 19);
        var lines = (await File.ReadAllLinesAsync(run.Json.GetProperty("output").GetString()!)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(treated, lines.Count);
        Assert.All(lines, l => Assert.Equal("Use " + l[5], l[4]));
        var controlIds = Enumerable.Range(1, 20).Select(i => $"c{i:000}").Except(lines.Select(l => l[1])).ToList();

        // When two treated customers redeem their codes (typed in lower case) on 45.00 orders, a third uses the first one's
        // code, and one control customer buys for 30.00
        var orders = new StringBuilder("order_id,customer_id,ordered_at,product_id,category,quantity,unit_price,coupon_code,campaign_id,status\n")
            .Append(CultureInfo.InvariantCulture, $"r1,{lines[0][1]},2025-03-08T12:00:00Z,p1,Fashion,1,45.00,{lines[0][5].ToLowerInvariant()},,placed\n")
            .Append(CultureInfo.InvariantCulture, $"r2,{lines[1][1]},2025-03-09T12:00:00Z,p1,Fashion,1,45.00,{lines[1][5]},,placed\n")
            .Append(CultureInfo.InvariantCulture, $"r3,{lines[2][1]},2025-03-09T13:00:00Z,p1,Fashion,1,45.00,{lines[0][5]},,placed\n")
            .Append(CultureInfo.InvariantCulture, $"r4,{controlIds[0]},2025-03-10T12:00:00Z,p1,Fashion,1,30.00,,,placed\n");
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "orders", _temp.Write("results-later.csv", orders.ToString()))).ExitCode);
        var status = await SegmentaProcess.RunAsync("-w", ws, "--json", "coupon", "status", "spring10", "--today", "2025-04-01");
        var results = await SegmentaProcess.RunAsync("-w", ws, "--json", "campaign", "results", "spring");

        // Then: 2 of the issued codes redeemed, one reuse rejected, the rest expired on 1 April; discount 2 × 45 × 10 / 90 = 10.00
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(treated, status.Json.GetProperty("issued").GetInt64());
        Assert.Equal(2, status.Json.GetProperty("redeemed").GetInt64());
        Assert.Equal(treated - 2, status.Json.GetProperty("expired").GetInt64());
        Assert.Equal(1, status.Json.GetProperty("rejected").GetProperty("other_customer").GetInt64());
        Assert.Equal(10.0, status.Json.GetProperty("discount_cost").GetDouble(), 6);
        // and the results follow docs/campaigns.md §4 with send cost 10 and margin 30 %
        Assert.Equal(0, results.ExitCode);
        var r = results.Json;
        double t = treated, c = control;
        Assert.Equal(3 / t, r.GetProperty("arms")[0].GetProperty("conversion_rate").GetDouble(), 9);
        Assert.Equal(1 / c, r.GetProperty("arms")[1].GetProperty("conversion_rate").GetDouble(), 9);
        var incremental = (135 / t - 30 / c) * t;
        Assert.Equal(incremental, r.GetProperty("incremental_revenue").GetDouble(), 6);
        Assert.Equal(2 / t, r.GetProperty("redemption_rate").GetDouble(), 9);
        Assert.Equal(10.0, r.GetProperty("coupon_cost").GetDouble(), 6);
        Assert.Equal(10 * t, r.GetProperty("send_cost").GetDouble(), 6);
        Assert.Equal((0.3 * incremental - 10 - 10 * t) / (10 + 10 * t), r.GetProperty("roi").GetDouble(), 9);
        // and the HTML report carries the same campaign row (redemption rate 2 / treated, as a percentage or a fraction)
        var report = await SegmentaProcess.RunAsync("-w", ws, "--json", "report", "--out", Path.Combine(ws, "r.html"));
        Assert.Equal(0, report.ExitCode);
        var html = await File.ReadAllTextAsync(Path.Combine(ws, "r.html"));
        Assert.Contains("<h2>Campaigns</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>spring</td>", html, StringComparison.Ordinal);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "segmenta.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment.Remove("SEGMENTA_WORKSPACE");
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }
}
