using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Campaigns;
using Segmenta.Storage.Rfm;
using Segmenta.Storage.Segments;

namespace Segmenta.Storage.Campaigns;

/// <summary>
/// Coupons, issued codes, campaigns and the durable outbox in the workspace database (docs/campaigns.md).
/// The outbox's primary key is the idempotency key (campaign | customer | occurrence day), so planning the same
/// day twice cannot create a second message; codes are issued in the same transaction as their message.
/// </summary>
public static class CampaignStore
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS coupons (coupon_id VARCHAR PRIMARY KEY, definition VARCHAR, created_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS coupon_codes (
            code VARCHAR PRIMARY KEY, coupon_id VARCHAR, customer_id VARCHAR, campaign_id VARCHAR, idempotency_key VARCHAR,
            created_at TIMESTAMP, issued_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS campaigns (campaign_id VARCHAR PRIMARY KEY, definition VARCHAR, created_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS outbox (
            idempotency_key VARCHAR PRIMARY KEY, campaign_id VARCHAR, customer_id VARCHAR, occurrence DATE, arm VARCHAR,
            channel VARCHAR, recipient VARCHAR, subject VARCHAR, body VARCHAR, coupon_code VARCHAR,
            planned_at TIMESTAMP, due_at TIMESTAMP, status VARCHAR, attempts INTEGER, last_error VARCHAR, sent_at TIMESTAMP);
        """;

    /// <summary>Creates the tables if missing (and the snapshot tables conditions read).</summary>
    public static async Task EnsureAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        await SegmentQueries.SnapshotsAsync(engine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a new definition; an existing id is an error (ids name results, so they are never reused).</summary>
    public static async Task SaveAsync(IAnalyticsEngine engine, string table, string id, string definitionJson, DateTime now, CancellationToken cancellationToken = default)
    {
        var (t, key) = Table(table);
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        if (await engine.ScalarAsync<long>($"SELECT count(*) FROM {t} WHERE {key} = $1", [id], cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new SegmentaInputException($"{table} '{id}' already exists; choose another id");
        }
        await engine.ExecuteAsync($"INSERT INTO {t} VALUES ($1, $2, $3)", [id, definitionJson, now], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored definition JSON of a coupon or campaign; a missing id is an error listing the known ones.</summary>
    public static async Task<string> LoadAsync(IAnalyticsEngine engine, string table, string id, CancellationToken cancellationToken = default)
    {
        var (t, key) = Table(table);
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var json = await engine.ScalarAsync<string>($"SELECT definition FROM {t} WHERE {key} = $1", [id], cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            var known = await ListAsync(engine, table, cancellationToken).ConfigureAwait(false);
            throw new SegmentaInputException($"no {table} '{id}'; {(known.Count == 0 ? $"none exists yet (create one with `segmenta {table} create`)" : "known: " + string.Join(", ", known.Select(k => k.Id)))}");
        }
        return json;
    }

    /// <summary>All stored definitions (id, JSON), by id.</summary>
    public static async Task<IReadOnlyList<(string Id, string Json)>> ListAsync(IAnalyticsEngine engine, string table, CancellationToken cancellationToken = default)
    {
        var (t, key) = Table(table);
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var rows = await engine.QueryAsync($"SELECT {key}, definition FROM {t} ORDER BY 1", null, cancellationToken).ConfigureAwait(false);
        return rows.Rows.Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
    }

    private static (string Table, string Key) Table(string kind) => kind switch
    {
        "coupon" => ("coupons", "coupon_id"),
        "campaign" => ("campaigns", "campaign_id"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every code ever made (to keep new codes unique).</summary>
    public static async Task<HashSet<string>> CodesAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var rows = await engine.QueryAsync("SELECT code FROM coupon_codes", null, cancellationToken).ConfigureAwait(false);
        return rows.Rows.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Adds unissued pool codes of a coupon (printable, handed out by hand or by another tool).</summary>
    public static async Task AddPoolCodesAsync(IAnalyticsEngine engine, string couponId, IReadOnlyList<string> codes, DateTime now, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        await engine.InTransactionAsync(async ct =>
        {
            foreach (var chunk in codes.Chunk(500))
            {
                var values = string.Join(", ", chunk.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"(${i + 3}, $1, NULL, NULL, NULL, $2, NULL)")));
                await engine.ExecuteAsync($"INSERT INTO coupon_codes VALUES {values}", [couponId, now, .. chunk], ct).ConfigureAwait(false);
            }
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many codes of <paramref name="couponId"/> each customer has been issued.</summary>
    public static async Task<Dictionary<string, long>> IssuedPerCustomerAsync(IAnalyticsEngine engine, string couponId, CancellationToken cancellationToken = default)
    {
        var rows = await engine.QueryAsync(
            "SELECT customer_id, count(*) FROM coupon_codes WHERE coupon_id = $1 AND customer_id IS NOT NULL GROUP BY 1", [couponId], cancellationToken).ConfigureAwait(false);
        return rows.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1]), StringComparer.Ordinal);
    }

    /// <summary>
    /// The customers (from the customers table, with their profile at the snapshot) who match the audience condition and
    /// the trigger on the day, with consent, frequency-cap and already-planned flags. Needs the RFM snapshot of the day.
    /// </summary>
    public static async Task<IReadOnlyList<AudienceMember>> AudienceAsync(IAnalyticsEngine engine, AudienceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var day = request.Day.ToDateTime(TimeOnly.MinValue);
        List<object?> parameters = [request.TimeZone, day, SegmentQueries.Name(request.Basis)];
        string P(object? value)
        {
            parameters.Add(value);
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }
        var compiled = request.Condition.ToSql(parameters.Count + 1);
        parameters.AddRange(compiled.Parameters);
        var trigger = TriggerSql(request, P);
        var consent = request.ConsentColumn is "consent_email" or "consent_sms" or "consent_push"
            ? request.ConsentColumn : throw new ArgumentException("unknown consent column", nameof(request));
        var capped = request.CapMessages > 0
            ? $"(SELECT count(*) FROM outbox o WHERE o.customer_id = a.customer_id AND o.arm = 'treatment' AND o.status IN ('pending', 'sent') AND o.planned_at > {P(request.Now)}::TIMESTAMP - to_days({P(request.CapDays)})) >= {P(request.CapMessages)}"
            : "false";
        var campaign = P(request.CampaignId);
        var occurrence = P(day);
        // The profile joins every prediction table; a workspace that never trained one still has them (empty).
        await SegmentQueries.EnsureTablesAsync(engine, cancellationToken).ConfigureAwait(false);
        await RfmQueries.EnsureSnapshotsAsync(engine, request.TimeZone, cancellationToken).ConfigureAwait(false);
        var rows = await engine.QueryAsync($"""
            WITH p AS ({SegmentQueries.Profiles}),
            a AS (SELECT cu.customer_id, cu.email, cu.phone, cu.country, cu.signup_at,
                         coalesce(cu.consent_email, false) AS consent_email, coalesce(cu.consent_sms, false) AS consent_sms,
                         coalesce(cu.consent_push, false) AS consent_push,
                         p.* EXCLUDE (customer_id, email, phone, country, consent_email, consent_sms)
                  FROM customers cu LEFT JOIN p ON p.customer_id = cu.customer_id)
            SELECT a.customer_id, a.email, a.phone, a.segment_id, a.days_since_last_order, a.{consent},
                   {capped} AS capped,
                   EXISTS (SELECT 1 FROM outbox o WHERE o.campaign_id = {campaign} AND o.customer_id = a.customer_id AND o.occurrence = {occurrence}::DATE) AS planned
            FROM a
            WHERE ({compiled.Sql}) AND ({trigger})
            ORDER BY a.customer_id
            """, parameters, cancellationToken).ConfigureAwait(false);
        return rows.Rows.Select(r => new AudienceMember((string)r[0]!, r[1] as string, r[2] as string, r[3] as string,
            r[4] is null ? null : ResultTable.Convert<long>(r[4]), (bool)r[5]!, (bool)r[6]!, (bool)r[7]!)).ToList();
    }

    private static string TriggerSql(AudienceRequest r, Func<object?, string> p)
    {
        if (r.Trigger is not { } t)
        {
            return "true";
        }
        // $1 = shop zone, $2 = occurrence day, $3 = basis (the profile query's parameters).
        return t.Kind switch
        {
            TriggerKind.DaysSinceLastPurchase => $"a.days_since_last_order = {p(t.Days)}",
            TriggerKind.Signup => $"date_diff('day', timezone($1, a.signup_at::TIMESTAMPTZ)::DATE, $2::DATE) = {p(t.Days)}",
            TriggerKind.CartAbandoned => $"""
                a.customer_id IN (SELECT e.customer_id FROM events e
                    WHERE e.event_type = 'add_to_cart' AND e.customer_id IS NOT NULL
                      AND e.occurred_at > {p(r.Now)}::TIMESTAMP - to_hours({p(t.Hours + 24)}) AND e.occurred_at <= {p(r.Now)}::TIMESTAMP - to_hours({p(t.Hours)})
                      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = e.customer_id AND o.ordered_at >= e.occurred_at
                                      AND o.ordered_at <= {p(r.Now)}::TIMESTAMP))
                """,
            TriggerKind.BeforePredictedOrder => $"""
                a.customer_id IN (SELECT customer_id FROM (
                    SELECT customer_id, max(as_of) AS as_of, arg_max(days_to_next_order, as_of) AS d FROM clv_predictions WHERE as_of <= $2::DATE GROUP BY 1)
                    WHERE d IS NOT NULL AND as_of + CAST(round(d) AS INTEGER) = $2::DATE + {p(t.Days)})
                """,
            TriggerKind.SegmentEntry => $"""
                a.segment_id = {p(t.Segment)} AND EXISTS (SELECT 1 FROM segment_members WHERE basis = $3 AND as_of < $2::DATE)
                AND a.customer_id NOT IN (SELECT customer_id FROM segment_members WHERE basis = $3 AND segment_id = {p(t.Segment)}
                    AND as_of = (SELECT max(as_of) FROM segment_members WHERE basis = $3 AND as_of < $2::DATE))
                """,
            TriggerKind.BandChange => $"""
                a.customer_id IN (
                    WITH snaps AS (SELECT DISTINCT as_of FROM purchase_predictions WHERE as_of <= $2::DATE ORDER BY as_of DESC LIMIT 2),
                    latest AS (SELECT max(as_of) AS d FROM snaps), previous AS (SELECT min(as_of) AS d FROM snaps HAVING count(*) = 2)
                    SELECT n.customer_id FROM purchase_predictions n JOIN purchase_predictions o USING (customer_id)
                    WHERE n.as_of = (SELECT d FROM latest) AND o.as_of = (SELECT d FROM previous)
                      AND (SELECT d FROM latest) >= $2::DATE - {p(t.Days)}
                      AND n.band <> o.band AND ({p(t.Band)}::INTEGER IS NULL OR n.band = {p(t.Band)}::INTEGER))
                """,
            _ => $"""
                a.segment_id IS DISTINCT FROM {p(t.Segment)}
                AND a.customer_id IN (SELECT customer_id FROM segment_members WHERE basis = $3 AND segment_id = {p(t.Segment)}
                    AND as_of = (SELECT max(as_of) FROM segment_members WHERE basis = $3 AND as_of < $2::DATE))
                """,
        };
    }

    /// <summary>
    /// Writes new outbox rows and their coupon codes in one transaction. Rows whose key is already in the outbox are
    /// skipped (and their codes not issued). Returns the number of rows added.
    /// </summary>
    public static async Task<long> PlanAsync(IAnalyticsEngine engine, string channel, string? couponId, IReadOnlyList<OutboxRow> rows, DateTime now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }
        return await engine.InTransactionAsync(async ct =>
        {
            await engine.ExecuteAsync("""
                CREATE OR REPLACE TEMP TABLE outbox_new (
                    idempotency_key VARCHAR, campaign_id VARCHAR, customer_id VARCHAR, occurrence DATE, arm VARCHAR, recipient VARCHAR,
                    subject VARCHAR, body VARCHAR, coupon_code VARCHAR, due_at TIMESTAMP)
                """, null, ct).ConfigureAwait(false);
            foreach (var chunk in rows.Chunk(200))
            {
                var values = new List<string>(chunk.Length);
                var ps = new List<object?>(chunk.Length * 10);
                foreach (var r in chunk)
                {
                    var b = ps.Count;
                    values.Add(string.Create(CultureInfo.InvariantCulture,
                        $"(${b + 1}, ${b + 2}, ${b + 3}, ${b + 4}::DATE, ${b + 5}, ${b + 6}, ${b + 7}, ${b + 8}, ${b + 9}, ${b + 10}::TIMESTAMP)"));
                    ps.AddRange([r.Key, r.CampaignId, r.CustomerId, r.Occurrence.ToDateTime(TimeOnly.MinValue), r.Arm, r.Recipient, r.Subject, r.Body, r.CouponCode, r.DueAt]);
                }
                await engine.ExecuteAsync($"INSERT INTO outbox_new VALUES {string.Join(", ", values)}", ps, ct).ConfigureAwait(false);
            }
            await engine.ExecuteAsync("DELETE FROM outbox_new WHERE idempotency_key IN (SELECT idempotency_key FROM outbox)", null, ct).ConfigureAwait(false);
            var added = await engine.ScalarAsync<long>("SELECT count(*) FROM outbox_new", null, ct).ConfigureAwait(false);
            await engine.ExecuteAsync("""
                INSERT INTO outbox SELECT idempotency_key, campaign_id, customer_id, occurrence, arm, $1, recipient, subject, body, coupon_code,
                       $2, due_at, CASE arm WHEN 'control' THEN 'control' ELSE 'pending' END, 0, NULL, NULL
                FROM outbox_new
                """, [channel, now], ct).ConfigureAwait(false);
            if (couponId is not null)
            {
                await engine.ExecuteAsync("""
                    INSERT INTO coupon_codes SELECT coupon_code, $1, customer_id, campaign_id, idempotency_key, $2, $2
                    FROM outbox_new WHERE coupon_code IS NOT NULL
                    """, [couponId, now], ct).ConfigureAwait(false);
            }
            await engine.ExecuteAsync("DROP TABLE outbox_new", null, ct).ConfigureAwait(false);
            return added;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The campaign's pending messages due at <paramref name="now"/>, oldest key first.</summary>
    public static async Task<IReadOnlyList<OutboxRow>> DueAsync(IAnalyticsEngine engine, string campaignId, DateTime now, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var rows = await engine.QueryAsync("""
            SELECT idempotency_key, campaign_id, customer_id, occurrence, arm, recipient, subject, body, coupon_code, due_at, attempts
            FROM outbox WHERE campaign_id = $1 AND status = 'pending' AND due_at <= $2 ORDER BY occurrence, customer_id
            """, [campaignId, now], cancellationToken).ConfigureAwait(false);
        return rows.Rows.Select(ToRow).ToList();
    }

    /// <summary>Every treatment message of one occurrence that is pending or sent (what a CSV export of that day holds).</summary>
    public static async Task<IReadOnlyList<OutboxRow>> OccurrenceAsync(IAnalyticsEngine engine, string campaignId, DateOnly occurrence, DateTime now, CancellationToken cancellationToken = default)
    {
        var rows = await engine.QueryAsync("""
            SELECT idempotency_key, campaign_id, customer_id, occurrence, arm, recipient, subject, body, coupon_code, due_at, attempts
            FROM outbox WHERE campaign_id = $1 AND occurrence = $2::DATE AND (status = 'sent' OR (status = 'pending' AND due_at <= $3))
            ORDER BY customer_id
            """, [campaignId, occurrence.ToDateTime(TimeOnly.MinValue), now], cancellationToken).ConfigureAwait(false);
        return rows.Rows.Select(ToRow).ToList();
    }

    private static OutboxRow ToRow(object?[] r) => new(
        (string)r[0]!, (string)r[1]!, (string)r[2]!, r[3] is DateOnly d ? d : DateOnly.FromDateTime((DateTime)r[3]!), (string)r[4]!,
        r[5] as string, (string?)r[6] ?? "", (string?)r[7] ?? "", r[8] as string, (DateTime)r[9]!, ResultTable.Convert<int>(r[10]));

    /// <summary>Marks messages sent (only ones still pending, so a late duplicate mark changes nothing).</summary>
    public static async Task MarkSentAsync(IAnalyticsEngine engine, IReadOnlyList<string> keys, int attempts, DateTime sentAt, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in keys.Chunk(500))
        {
            var list = string.Join(", ", chunk.Select((_, i) => "$" + (i + 3).ToString(CultureInfo.InvariantCulture)));
            await engine.ExecuteAsync(
                $"UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + $2, last_error = NULL WHERE status = 'pending' AND idempotency_key IN ({list})",
                [sentAt, attempts, .. chunk], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records failed attempts on a message that stays pending (retried by the next run).</summary>
    public static Task MarkFailedAsync(IAnalyticsEngine engine, string key, int attempts, string error, CancellationToken cancellationToken = default) =>
        engine.ExecuteAsync("UPDATE outbox SET attempts = attempts + $2, last_error = $3 WHERE idempotency_key = $1 AND status = 'pending'",
            [key, attempts, error], cancellationToken);

    /// <summary>Outbox counts per campaign and status.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> StatusCountsAsync(IAnalyticsEngine engine, string campaignId, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var rows = await engine.QueryAsync("SELECT status, count(*) FROM outbox WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1", [campaignId], cancellationToken).ConfigureAwait(false);
        return rows.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1]), StringComparer.Ordinal);
    }

    /// <summary>
    /// Sessions per customer and shop-local hour of day (0–23) started before <paramref name="before"/>, for send-time optimisation.
    /// </summary>
    public static async Task<Dictionary<string, long[]>> ActivityHoursAsync(IAnalyticsEngine engine, string timeZone, DateTime before, CancellationToken cancellationToken = default)
    {
        var rows = await engine.QueryAsync("""
            SELECT customer_id, hour(timezone($1, started_at::TIMESTAMPTZ)) AS h, count(*) FROM sessions
            WHERE customer_id IS NOT NULL AND started_at < $2 GROUP BY 1, 2
            """, [timeZone, before], cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var r in rows.Rows)
        {
            var id = (string)r[0]!;
            if (!result.TryGetValue(id, out var counts))
            {
                result[id] = counts = new long[24];
            }
            counts[ResultTable.Convert<int>(r[1])] = ResultTable.Convert<long>(r[2]);
        }
        return result;
    }
}
