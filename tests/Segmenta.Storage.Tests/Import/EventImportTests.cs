using Segmenta.Testing;
using Segmenta.Storage.Import;

namespace Segmenta.Storage.Tests.Import;

/// <summary>Event presets (Segment, GA4, generic CSV), sessions and identity stitching, on small hand-made files.</summary>
public sealed class EventImportTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-events-");

    public void Dispose() => _temp.Dispose();


    [Fact]
    public async Task Import_SegmentSpec_MapsTypesIdsAndDuplicates()
    {
        // Given six Segment messages: a page, a product view, an order, an identify, a repeated messageId, and a broken line
        await using var ws = await TestWorkspace.CreateAsync();
        var file = _temp.Write("segment.jsonl", """
            {"type":"page","messageId":"m1","anonymousId":"a1","timestamp":"2024-05-01T10:00:00Z","properties":{"url":"https://shop/x"},"context":{"device":{"type":"Mobile"},"campaign":{"medium":"email","name":"spring"}}}
            {"type":"track","event":"Product Viewed","messageId":"m2","anonymousId":"a1","timestamp":"2024-05-01T10:05:00Z","properties":{"product_id":"p9","category":"shoes","price":49.5}}
            {"type":"track","event":"Order Completed","messageId":"m3","anonymousId":"a1","userId":"u1","timestamp":"2024-05-01T10:20:00+09:00","properties":{"order_id":"o1","revenue":99}}
            {"type":"identify","messageId":"m4","anonymousId":"a1","userId":"u1","timestamp":"2024-05-01T10:21:00Z"}
            {"type":"track","event":"Product Viewed","messageId":"m2","anonymousId":"a1","timestamp":"2024-05-01T10:05:00Z"}
            {"type":"track", this is not json
            """);

        // When imported
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Events, file, "segment"));

        // Then 4 events are stored, the repeat and the broken line are quarantined with their rows
        Assert.Equal(6, report.RowsRead);
        Assert.Equal(4, report.RowsAccepted);
        Assert.Equal(1, report.QuarantinedByReason["duplicate_event"]);
        Assert.Equal(1, report.QuarantinedByReason["malformed_row"]);
        Assert.Equal([5L, 6L], report.Samples.Select(s => s.Row).Order().ToArray());
        var types = await ws.Engine.QueryAsync("SELECT event_type, device, channel, campaign, product_id, value, order_id, strftime(occurred_at, '%H:%M') FROM events ORDER BY event_id");
        Assert.Equal("page_view", types.Rows[0][0]);
        Assert.Equal(("mobile", "email", "spring"), ((string?)types.Rows[0][1], (string?)types.Rows[0][2], (string?)types.Rows[0][3]));
        Assert.Equal(("product_view", "p9", 49.5), ((string?)types.Rows[1][0], (string?)types.Rows[1][4], (double?)types.Rows[1][5]));
        // +09:00 is converted to UTC: 10:20 in Seoul is 01:20 UTC
        Assert.Equal(("purchase", "o1", "01:20"), ((string?)types.Rows[2][0], (string?)types.Rows[2][6], (string?)types.Rows[2][7]));
        Assert.Equal(1, await ws.CountAsync("SELECT count(*) FROM identities WHERE anonymous_id = 'a1' AND customer_id = 'u1'"));
    }

    [Fact]
    public async Task Import_Ga4Export_ReadsMicrosecondsParamsAndItems()
    {
        // Given two GA4 export rows
        await using var ws = await TestWorkspace.CreateAsync();
        var file = _temp.Write("ga4.jsonl", """
            {"event_name":"view_item","event_timestamp":"1714557600000000","user_pseudo_id":"g1","event_params":[{"key":"page_location","value":{"string_value":"https://shop/p/7"}}],"device":{"category":"desktop"},"traffic_source":{"medium":"organic","name":"(organic)"},"items":[{"item_id":"p7","item_category":"bags"}]}
            {"event_name":"purchase","event_timestamp":"1714557900000000","user_pseudo_id":"g1","user_id":"u7","ecommerce":{"transaction_id":"T1","purchase_revenue":120.5},"items":[{"item_id":"p7"}]}
            """);

        // When imported
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Events, file, "ga4"));

        // Then both are stored with UTC times from microseconds, the page from event_params and the item
        Assert.Equal(2, report.RowsAccepted);
        var rows = await ws.Engine.QueryAsync("SELECT event_type, strftime(occurred_at, '%Y-%m-%d %H:%M:%S'), page_url, product_id, category, value, order_id FROM events ORDER BY occurred_at");
        Assert.Equal(["product_view", "2024-05-01 10:00:00", "https://shop/p/7", "p7", "bags"], rows.Rows[0][..5].Cast<string>().ToArray());
        Assert.Equal(("purchase", 120.5, "T1"), ((string?)rows.Rows[1][0], (double?)rows.Rows[1][5], (string?)rows.Rows[1][6]));
        // And both events form one session of the identified customer u7 (5 minutes apart)
        Assert.Equal(1, await ws.CountAsync("SELECT count(*) FROM sessions"));
        Assert.Equal("u7", await ws.Engine.ScalarAsync<string>("SELECT customer_id FROM sessions"));
    }

    [Fact]
    public async Task Import_GenericEvents_SessionsSplitAfterThirtyMinutes()
    {
        // Given one visitor's events at 10:00, 10:29, 11:00 (31-minute gap) and 11:30 (30 minutes: same session), and another visitor
        await using var ws = await TestWorkspace.CreateAsync();
        var file = _temp.Write("events.csv", """
            event_id,anonymous_id,event_type,occurred_at
            e1,v1,page_view,2024-05-01 10:00:00
            e2,v1,product_view,2024-05-01 10:29:00
            e3,v1,page_view,2024-05-01 11:00:00
            e4,v1,add_to_cart,2024-05-01 11:30:00
            e5,v2,page_view,2024-05-01 10:10:00
            e6,,page_view,2024-05-01 10:10:00
            e7,v2,page_view,yesterday
            """);

        // When imported
        var report = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Events, file));

        // Then v1 has two sessions (2 + 2 events), v2 one, and rows 6 and 7 are quarantined for identity and date
        Assert.Equal(5, report.RowsAccepted);
        Assert.Equal(["customer_id:missing", "occurred_at:bad_date"], report.Samples.Select(s => $"{s.Field}:{s.Reason}").ToArray());
        var sessions = await ws.Engine.QueryAsync("SELECT actor_id, events FROM sessions ORDER BY actor_id, started_at");
        Assert.Equal(["anon:v1=2", "anon:v1=2", "anon:v2=1"], sessions.Rows.Select(r => $"{r[0]}={r[1]}").ToArray());
    }

    [Fact]
    public async Task Import_SecondBatch_ContinuesAndStitchesSessionsOfTheFirst()
    {
        // Given a first file: visitor a9 at 10:00 and 10:10, customer u5 at 09:00
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Events, _temp.Write("e1.csv", """
            event_id,customer_id,anonymous_id,event_type,occurred_at
            e1,,a9,page_view,2024-05-01 10:00:00
            e2,,a9,product_view,2024-05-01 10:10:00
            e3,u5,,page_view,2024-05-01 09:00:00
            """)));

        // When a second file brings a9 signing up as u9 at 10:25 and u5 back at 12:00
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Events, _temp.Write("e2.csv", """
            event_id,customer_id,anonymous_id,event_type,occurred_at
            e4,u9,a9,signup,2024-05-01 10:25:00
            e5,u5,,page_view,2024-05-01 12:00:00
            """)));

        // Then a9's earlier visits join u9's session (gaps 10 and 15 minutes), u5 has two sessions,
        // and the result equals a full rebuild
        var sessions = await ws.Engine.QueryAsync("SELECT actor_id, events FROM sessions ORDER BY actor_id, started_at");
        Assert.Equal(["u5=1", "u5=1", "u9=3"], sessions.Rows.Select(r => $"{r[0]}={r[1]}").ToArray());
        var before = await ws.Engine.QueryAsync("SELECT event_id, session_id FROM events ORDER BY event_id");
        await ws.Importer.RebuildSessionsAsync();
        var after = await ws.Engine.QueryAsync("SELECT event_id, session_id FROM events ORDER BY event_id");
        Assert.Equal(before.Rows.Select(r => $"{r[0]}:{r[1]}"), after.Rows.Select(r => $"{r[0]}:{r[1]}"));
    }

    [Fact]
    public async Task Import_Customers_PseudonymisesAndUpserts()
    {
        // Given a workspace that pseudonymises contacts
        await using var ws = await TestWorkspace.CreateAsync(new ImportSettings { PseudonymiseContacts = true, PseudonymSalt = "s" });
        var first = _temp.Write("c1.csv", """
            customer_id,email,consent_email,country
            c1,Ann@Example.com,yes,KR
            c2,bob@example.com,0,KR
            c2,dup@example.com,1,KR
            c3,,maybe,KR
            """);
        var second = _temp.Write("c2.csv", """
            customer_id,consent_email
            c1,false
            """);

        // When both files are imported
        var r1 = await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Customers, first));
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Customers, second));

        // Then e-mails are stored as salted hashes of the lower-cased address, duplicates and bad consent quarantined
        Assert.Equal(2, r1.RowsAccepted);
        Assert.Equal(1, r1.QuarantinedByReason["duplicate_customer"]);
        Assert.Equal(1, r1.QuarantinedByReason["bad_bool"]);
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("sann@example.com"u8.ToArray()));
        Assert.Equal(expected, await ws.Engine.ScalarAsync<string>("SELECT email FROM customers WHERE customer_id = 'c1'"));
        // And the second file updated consent but kept the e-mail and country
        var c1 = await ws.Engine.QueryAsync("SELECT consent_email, country, email IS NOT NULL FROM customers WHERE customer_id = 'c1'");
        Assert.Equal([false, "KR", true], c1.Rows[0]);
        Assert.Equal(2, await ws.CountAsync("SELECT count(*) FROM customers"));
    }

    [Fact]
    public async Task Erase_Customer_RemovesEverywhereIncludingStitchedAnonymousEvents()
    {
        // Given customer u1 with an order, identified events under anonymous id a1, and another customer
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Events, _temp.Write("e.csv", """
            event_id,customer_id,anonymous_id,event_type,occurred_at
            e1,,a1,page_view,2024-05-01 10:00:00
            e2,u1,a1,purchase,2024-05-01 10:05:00
            e3,u2,,page_view,2024-05-01 10:05:00
            """)));
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", """
            order_id,customer_id,ordered_at,amount
            o1,u1,2024-05-01 10:05:00,10
            o2,u2,2024-05-01 10:05:00,20
            """)));

        // When u1 is erased
        var removed = await Segmenta.Storage.Privacy.CustomerEraser.EraseAsync(ws.Engine, "u1");

        // Then both of u1's events (also the anonymous one), the order, line, session, identity and profile are gone; u2 stays
        Assert.Equal(2, removed["events"]);
        Assert.Equal(1, removed["orders"]);
        Assert.Equal(0, await ws.CountAsync("SELECT count(*) FROM events WHERE anonymous_id = 'a1' OR customer_id = 'u1'"));
        Assert.Equal(0, await ws.CountAsync("SELECT (SELECT count(*) FROM customers WHERE customer_id = 'u1') + (SELECT count(*) FROM sessions WHERE customer_id = 'u1') + (SELECT count(*) FROM identities)"));
        Assert.Equal(1, await ws.CountAsync("SELECT count(*) FROM orders WHERE customer_id = 'u2'"));
    }
}
