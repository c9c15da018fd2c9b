using System.Globalization;
using Segmenta.Storage.DuckDb;
using Segmenta.Storage.Import;
using Segmenta.Storage.Profiles;

namespace Segmenta.Storage.Ingestion;

/// <summary>What one load did.</summary>
/// <param name="EventsRead">Events in the batches.</param>
/// <param name="EventsLoaded">Events inserted (the rest were duplicates by message id).</param>
/// <param name="OrdersRead">Orders in the batches.</param>
/// <param name="OrdersLoaded">Orders inserted (the rest were duplicates by order id).</param>
/// <param name="LoadedOffset">The log offset now recorded as loaded.</param>
public sealed record LoadResult(long EventsRead, long EventsLoaded, long OrdersRead, long OrdersLoaded, long LoadedOffset);

/// <summary>
/// Moves durable batches from the ingestion log into the canonical tables, on its own connection
/// (the only writer while the server runs). One transaction per load holds the events (sessionised
/// as the Segment importer does), orders, order lines, new customers, the live-profile totals and
/// the "loaded up to" offset, so a crash replays exactly what was not committed. Duplicates —
/// within the load or already stored — are skipped: events by message id, orders by order id.
/// </summary>
public sealed class IngestLoader
{
    private const string StageDdl = """
        CREATE TABLE IF NOT EXISTS ingest_state (log_file VARCHAR, loaded_offset BIGINT, loaded_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS ingest_stage_events (
            row_no BIGINT, event_id VARCHAR, customer_id VARCHAR, anonymous_id VARCHAR, event_type VARCHAR, occurred_at TIMESTAMP,
            page_url VARCHAR, referrer VARCHAR, device VARCHAR, channel VARCHAR, campaign VARCHAR, product_id VARCHAR,
            category VARCHAR, value DOUBLE, order_id VARCHAR);
        CREATE TABLE IF NOT EXISTS ingest_stage_lines (
            row_no BIGINT, order_id VARCHAR, line_number BIGINT, customer_id VARCHAR, ordered_at TIMESTAMP, status VARCHAR,
            coupon_code VARCHAR, campaign_id VARCHAR, channel VARCHAR, country VARCHAR, product_id VARCHAR,
            description VARCHAR, category VARCHAR, quantity DOUBLE, unit_price DOUBLE);
        """;

    private readonly DuckDbEngine _engine;
    private readonly Importer _importer;
    private readonly ImportSettings _settings;
    private readonly string _logName;
    private readonly int _importId;

    private IngestLoader(DuckDbEngine engine, ImportSettings settings, string logName, int importId)
    {
        _engine = engine;
        _settings = settings;
        _importer = new Importer(engine, settings);
        _logName = logName;
        _importId = importId;
    }

    /// <summary>
    /// Prepares the tables, rebuilds the live profile totals, and registers this server run in
    /// <c>import_log</c> (kind <c>api</c>; its counts grow with each load).
    /// </summary>
    public static async Task<IngestLoader> OpenAsync(DuckDbEngine engine, ImportSettings settings, string logName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteAsync(StageDdl, null, cancellationToken).ConfigureAwait(false);
        await LiveProfiles.RebuildAsync(engine, DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
        var importId = await engine.ScalarAsync<int>("SELECT nextval('import_id_seq')", null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync(
            "INSERT INTO import_log VALUES ($1, 'api', $2, 'segmenta-api', $3, $3, 0, 0, 0, NULL)",
            [importId, logName, DateTime.UtcNow], cancellationToken).ConfigureAwait(false);
        return new IngestLoader(engine, settings, logName, importId);
    }

    /// <summary>The log offset up to which everything is loaded (0 for a new log).</summary>
    public async Task<long> LoadedOffsetAsync(CancellationToken cancellationToken = default) =>
        await _engine.ScalarAsync<long?>("SELECT max(loaded_offset) FROM ingest_state WHERE log_file = $1", [_logName], cancellationToken).ConfigureAwait(false) ?? 0;

    /// <summary>Loads <paramref name="batches"/> (consecutive, in log order) in one transaction.</summary>
    public async Task<LoadResult> LoadAsync(IReadOnlyList<DurableBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var now = DateTime.UtcNow;
        var end = batches[^1].EndOffset;
        return await _engine.InTransactionAsync(async ct =>
        {
            await _engine.ExecuteAsync("DELETE FROM ingest_stage_events; DELETE FROM ingest_stage_lines", null, ct).ConfigureAwait(false);
            var (eventsRead, ordersRead) = Stage(batches);

            long eventsLoaded = 0;
            if (eventsRead > 0)
            {
                eventsLoaded = await LoadEventsAsync(ct).ConfigureAwait(false);
            }

            long ordersLoaded = 0;
            if (ordersRead > 0)
            {
                ordersLoaded = await LoadOrdersAsync(now, ct).ConfigureAwait(false);
            }

            await _engine.ExecuteAsync("DELETE FROM ingest_state WHERE log_file = $1", [_logName], ct).ConfigureAwait(false);
            await _engine.ExecuteAsync("INSERT INTO ingest_state VALUES ($1, $2, $3)", [_logName, end, now], ct).ConfigureAwait(false);
            await _engine.ExecuteAsync(
                "UPDATE import_log SET finished_at = $2, rows_read = rows_read + $3, rows_accepted = rows_accepted + $4 WHERE import_id = $1",
                [_importId, now, eventsRead + ordersRead, eventsLoaded + ordersLoaded], ct).ConfigureAwait(false);
            return new LoadResult(eventsRead, eventsLoaded, ordersRead, ordersLoaded, end);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts the staged events not stored yet, with sessions. Live traffic arrives in time order,
    /// so most people take the append path: an event at or after the start of the person's last
    /// session continues it or opens the next one (the importer's gap rule, applied from the
    /// stored tail). People with an earlier event, or stitched by a new identity, go through the
    /// importer's own re-sessionising of their history. Both give what a full rebuild gives (tested).
    /// </summary>
    private async Task<long> LoadEventsAsync(CancellationToken ct)
    {
        var gap = _settings.SessionGapMinutes.ToString(CultureInfo.InvariantCulture);
        await _engine.ExecuteAsync("""
            CREATE OR REPLACE TEMP TABLE fresh AS
            SELECT s.event_id, s.customer_id, s.anonymous_id, s.event_type, s.occurred_at AS t_time, s.page_url, s.referrer,
                   s.device, s.channel, s.campaign, s.product_id, s.category, s.value AS t_value, s.order_id, NULL::VARCHAR AS problem
            FROM (SELECT * FROM ingest_stage_events QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY row_no) = 1) s
            ANTI JOIN events e ON e.event_id = s.event_id;

            CREATE OR REPLACE TEMP TABLE new_identities AS
            SELECT n.anonymous_id, n.customer_id, n.first_seen
            FROM (SELECT anonymous_id, customer_id, min(t_time) AS first_seen FROM fresh
                  WHERE anonymous_id IS NOT NULL AND customer_id IS NOT NULL GROUP BY ALL) n
            ANTI JOIN identities i ON i.anonymous_id = n.anonymous_id AND i.customer_id = n.customer_id;
            INSERT INTO identities SELECT * FROM new_identities;
            """, null, ct).ConfigureAwait(false);
        var loaded = await _engine.ScalarAsync<long>("SELECT count(*) FROM fresh", null, ct).ConfigureAwait(false);
        if (loaded == 0)
        {
            await _engine.ExecuteAsync("DROP TABLE fresh; DROP TABLE new_identities", null, ct).ConfigureAwait(false);
            return 0;
        }
        await _engine.ExecuteAsync("""
            CREATE OR REPLACE TEMP TABLE fresh_actors AS
            SELECT f.*, coalesce(f.customer_id, r.customer_id, 'anon:' || f.anonymous_id) AS actor_id
            FROM fresh f
            LEFT JOIN (SELECT anonymous_id, min(customer_id) AS customer_id FROM identities
                       WHERE anonymous_id IN (SELECT anonymous_id FROM fresh) GROUP BY 1) r ON r.anonymous_id = f.anonymous_id;

            CREATE OR REPLACE TEMP TABLE tails AS
            SELECT actor_id, max(started_at) AS started_at, max(ended_at) AS ended_at,
                   max(try_cast(regexp_extract(session_id, '#([0-9]+)$', 1) AS BIGINT)) AS session_no
            FROM sessions WHERE actor_id IN (SELECT DISTINCT actor_id FROM fresh_actors) GROUP BY actor_id;

            -- people whose history must be re-sessionised: an event before their last session, or a new identity
            CREATE OR REPLACE TEMP TABLE slow_actors AS
            SELECT DISTINCT a.actor_id FROM fresh_actors a JOIN tails t USING (actor_id) WHERE a.t_time < t.started_at
            UNION SELECT customer_id FROM new_identities
            UNION SELECT 'anon:' || anonymous_id FROM new_identities;

            CREATE OR REPLACE TEMP TABLE checked AS
            SELECT * EXCLUDE (actor_id) FROM fresh_actors WHERE actor_id IN (SELECT actor_id FROM slow_actors);
            """, null, ct).ConfigureAwait(false);
        // The importer's path for them (it reads "checked" and "new_identities", and drops the latter);
        // skipped when nobody needs it, as it scans the stored events.
        if (await _engine.ScalarAsync<long>("SELECT count(*) FROM checked", null, ct).ConfigureAwait(false) > 0)
        {
            await _importer.SessioniseBatchAsync(_importId, ct).ConfigureAwait(false);
        }
        else
        {
            await _engine.ExecuteAsync("DROP TABLE new_identities", null, ct).ConfigureAwait(false);
        }
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE appended AS
            WITH a AS (
              SELECT f.*, t.ended_at AS tail_end, t.session_no AS tail_no,
                     lag(f.t_time) OVER (PARTITION BY f.actor_id ORDER BY f.t_time, f.event_id) AS prev_time
              FROM fresh_actors f LEFT JOIN tails t USING (actor_id)
              WHERE f.actor_id NOT IN (SELECT actor_id FROM slow_actors)),
            marked AS (
              SELECT *, CASE
                  WHEN tail_end IS NOT NULL AND t_time <= tail_end THEN 0
                  WHEN greatest(prev_time, tail_end) IS NULL THEN 1
                  WHEN t_time - greatest(prev_time, tail_end) <= INTERVAL {gap} MINUTE THEN 0
                  ELSE 1 END AS starts
              FROM a)
            SELECT *, actor_id || '#' || (coalesce(tail_no, 0) + sum(starts) OVER (PARTITION BY actor_id ORDER BY t_time, event_id ROWS UNBOUNDED PRECEDING)) AS session_id
            FROM marked;

            """, null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync($"""
            INSERT INTO events
            SELECT event_id, customer_id, anonymous_id, event_type, t_time, session_id, page_url, referrer, lower(device), lower(channel),
                   campaign, product_id, category, t_value, order_id, {_importId}
            FROM appended;

            """, null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE appended_sessions AS
            SELECT session_id, any_value(actor_id) AS actor_id,
                   CASE WHEN NOT starts_with(any_value(actor_id), 'anon:') THEN any_value(actor_id) END AS customer_id,
                   any_value(anonymous_id) AS anonymous_id, min(t_time) AS started_at, max(t_time) AS ended_at, count(*) AS events,
                   count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
                   count(*) FILTER (WHERE event_type = 'product_view') AS product_views,
                   count(*) FILTER (WHERE event_type = 'add_to_cart') AS cart_adds,
                   count(*) FILTER (WHERE event_type = 'begin_checkout') AS checkouts,
                   count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
                   arg_min(lower(device), t_time) AS device, arg_min(lower(channel), t_time) AS channel
            FROM appended GROUP BY session_id;

            """, null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync($"""
            UPDATE sessions SET ended_at = greatest(sessions.ended_at, n.ended_at), events = sessions.events + n.events,
                   page_views = sessions.page_views + n.page_views, product_views = sessions.product_views + n.product_views,
                   cart_adds = sessions.cart_adds + n.cart_adds, checkouts = sessions.checkouts + n.checkouts,
                   purchases = sessions.purchases + n.purchases,
                   anonymous_id = coalesce(sessions.anonymous_id, n.anonymous_id)
            FROM appended_sessions n WHERE sessions.session_id = n.session_id;

            """, null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync($"""
            INSERT INTO sessions
            SELECT n.* FROM appended_sessions n ANTI JOIN sessions s ON s.session_id = n.session_id;

            """, null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync($"""
            DROP TABLE fresh; DROP TABLE fresh_actors; DROP TABLE tails; DROP TABLE slow_actors; DROP TABLE checked;
            DROP TABLE appended; DROP TABLE appended_sessions;
            """, null, ct).ConfigureAwait(false);
        return loaded;
    }

    private async Task<long> LoadOrdersAsync(DateTime now, CancellationToken ct)
    {
        var maxQuantity = _settings.OutlierMaxQuantity.ToString(CultureInfo.InvariantCulture);
        var maxPrice = _settings.OutlierMaxUnitPrice.ToString(CultureInfo.InvariantCulture);
        // The first request carrying an order id wins; ids already stored are skipped.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE new_lines AS
            WITH firsts AS (SELECT order_id, min(row_no) AS first_row FROM ingest_stage_lines GROUP BY order_id)
            SELECT s.order_id, s.line_number, s.customer_id, s.ordered_at, 'sale' AS kind, s.status, s.product_id, s.description,
                   s.category, s.quantity, s.unit_price, s.quantity * s.unit_price AS amount, NULL::VARCHAR AS linked_order_id,
                   nullif(concat_ws(',',
                     CASE WHEN s.unit_price = 0 THEN 'zero_price' END,
                     CASE WHEN s.quantity > {maxQuantity} THEN 'outlier_quantity' END,
                     CASE WHEN s.unit_price > {maxPrice} THEN 'outlier_price' END,
                     CASE WHEN s.customer_id IS NULL THEN 'no_customer' END), '') AS flags,
                   {_importId} AS import_id,
                   s.coupon_code, s.campaign_id, s.channel, s.country
            FROM ingest_stage_lines s JOIN firsts f ON f.order_id = s.order_id AND f.first_row = s.row_no
            ANTI JOIN orders o ON o.order_id = s.order_id;

            INSERT INTO order_lines SELECT * EXCLUDE (coupon_code, campaign_id, channel, country) FROM new_lines;
            INSERT INTO orders
            SELECT order_id, any_value(customer_id), min(ordered_at), 'sale', any_value(status), any_value(coupon_code),
                   any_value(campaign_id), any_value(channel), any_value(country), count(*), sum(quantity), sum(amount),
                   nullif(string_agg(DISTINCT flags, ','), ''), {_importId}
            FROM new_lines GROUP BY order_id;
            INSERT INTO customers (customer_id, country, import_id)
            SELECT n.customer_id, n.country, {_importId}
            FROM (SELECT customer_id, any_value(country) AS country FROM new_lines WHERE customer_id IS NOT NULL GROUP BY customer_id) n
            ANTI JOIN customers c ON c.customer_id = n.customer_id;
            """, null, ct).ConfigureAwait(false);
        await LiveProfiles.ApplyAsync(_engine, "new_lines", now, ct).ConfigureAwait(false);
        var loaded = await _engine.ScalarAsync<long>("SELECT count(DISTINCT order_id) FROM new_lines", null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync("DROP TABLE new_lines", null, ct).ConfigureAwait(false);
        return loaded;
    }

    /// <summary>Appends the batches' rows to the staging tables; returns how many events and orders they hold.</summary>
    private (long Events, long Orders) Stage(IReadOnlyList<DurableBatch> batches)
    {
        long row = 0, events = 0, orders = 0;
        using (var appender = _engine.CreateAppender("ingest_stage_events"))
        {
            foreach (var b in batches)
            {
                foreach (var e in b.Batch.Events)
                {
                    appender.CreateRow()
                        .AppendValue(++row).AppendValue(e.MessageId).AppendValue(e.UserId).AppendValue(e.AnonymousId).AppendValue(e.EventType)
                        .AppendValue(e.OccurredAt).AppendValue(e.PageUrl).AppendValue(e.Referrer).AppendValue(e.Device).AppendValue(e.Channel)
                        .AppendValue(e.Campaign).AppendValue(e.ProductId).AppendValue(e.Category).AppendValue(e.Value).AppendValue(e.OrderId)
                        .EndRow();
                    events++;
                }
            }
        }
        using (var appender = _engine.CreateAppender("ingest_stage_lines"))
        {
            foreach (var b in batches)
            {
                foreach (var o in b.Batch.Orders)
                {
                    row++;
                    orders++;
                    for (var i = 0; i < o.Lines.Count; i++)
                    {
                        var l = o.Lines[i];
                        appender.CreateRow()
                            .AppendValue(row).AppendValue(o.OrderId).AppendValue((long)(i + 1)).AppendValue(o.CustomerId).AppendValue(o.OrderedAt)
                            .AppendValue(o.Status).AppendValue(o.CouponCode).AppendValue(o.CampaignId).AppendValue(o.Channel).AppendValue(o.Country)
                            .AppendValue(l.ProductId).AppendValue(l.Description).AppendValue(l.Category).AppendValue(l.Quantity).AppendValue(l.UnitPrice)
                            .EndRow();
                    }
                }
            }
        }
        return (events, orders);
    }
}
