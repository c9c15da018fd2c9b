using System.Globalization;

namespace Segmenta.Storage.Import;

public sealed partial class Importer
{
    private async Task<Dictionary<string, double>> ImportEventsAsync(ImportContext context, CancellationToken ct)
    {
        var plan = context.Plan;
        var id = context.ImportId;
        // Without an id the event's content is its identity, so a row repeated in a file is caught as a duplicate.
        var rowIdentity = plan.Shape == SourceShape.JsonLines
            ? "md5(r.line)"
            : "md5(concat_ws('|', s.customer_id, s.anonymous_id, s.event_type, s.occurred_at, s.product_id, s.page_url, s.order_id, s.value))";
        var identity = $"coalesce(s.event_id, {rowIdentity})";
        var join = plan.Shape == SourceShape.JsonLines ? "JOIN raw r ON r.row_no = s.row_no" : "";
        // One pass, duplicates by aggregate (first row per event id, over all rows read) as for orders.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE checked AS
            WITH firsts AS (
              SELECT {identity} AS event_id, min(s.row_no) AS first_row
              FROM staged s {join} GROUP BY 1 HAVING count(*) > 1),
            stored AS (SELECT DISTINCT event_id FROM events)
            SELECT b.* EXCLUDE (base_problem),
              coalesce(b.base_problem, CASE
                WHEN st.event_id IS NOT NULL THEN {Problem("event_id", "duplicate_event", "'event ' || b.event_id || ' was already imported'")}
                WHEN f.first_row IS NOT NULL AND f.first_row <> b.row_no THEN {Problem("event_id", "duplicate_event", "'event ' || b.event_id || ' already appears in row ' || f.first_row")}
              END) AS problem
            FROM (
              SELECT s.* REPLACE ({identity} AS event_id, lower(s.event_type) AS event_type),
                {UtcTime(plan, "s.occurred_at")} AS t_time,
                try_cast(s.value AS DOUBLE) AS t_value,
                CASE
                  WHEN s.malformed THEN {Problem("row", "malformed_row", "'the line is not a JSON object'")}
                  WHEN s.event_type IS NULL THEN {Problem("event_type", "missing", "'event_type is empty'")}
                  WHEN s.customer_id IS NULL AND s.anonymous_id IS NULL THEN {Problem("customer_id", "missing", "'neither customer_id nor anonymous_id is given'")}
                  WHEN s.occurred_at IS NULL THEN {Problem("occurred_at", "missing", "'occurred_at is empty'")}
                  WHEN t_time IS NULL THEN {Problem("occurred_at", "bad_date", "'''' || s.occurred_at || ''' is not a date/time'")}
                  WHEN s.value IS NOT NULL AND t_value IS NULL THEN {Problem("value", "bad_number", "'''' || s.value || ''' is not a number'")}
                END AS base_problem
              FROM staged s {join}) b
            LEFT JOIN firsts f ON f.event_id = b.event_id
            LEFT JOIN stored st ON st.event_id = b.event_id
            """, null, ct).ConfigureAwait(false);

        await QuarantineAsync(context, "checked", ct).ConfigureAwait(false);

        // Identities first, so this batch's own identify events already stitch its anonymous visits.
        await _engine.ExecuteAsync("""
            CREATE OR REPLACE TEMP TABLE new_identities AS
            SELECT n.anonymous_id, n.customer_id, n.first_seen
            FROM (SELECT anonymous_id, customer_id, min(t_time) AS first_seen FROM checked
                  WHERE problem IS NULL AND anonymous_id IS NOT NULL AND customer_id IS NOT NULL GROUP BY ALL) n
            ANTI JOIN identities i ON i.anonymous_id = n.anonymous_id AND i.customer_id = n.customer_id;
            INSERT INTO identities SELECT * FROM new_identities;
            """, null, ct).ConfigureAwait(false);

        await SessioniseBatchAsync(id, ct).ConfigureAwait(false);


        return await FactsAsync($"""
            SELECT count(*) AS events,
                   count(DISTINCT customer_id) AS customers,
                   count(DISTINCT anonymous_id) FILTER (WHERE customer_id IS NULL) AS anonymous_visitors,
                   count(DISTINCT event_type) AS event_types,
                   (SELECT count(*) FROM sessions) AS sessions_in_workspace
            FROM events WHERE import_id = {id}
            """, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts the batch's accepted events with their session ids, re-sessionising only the people
    /// the batch touches (their stored events are taken out and put back with fresh ids), so a
    /// daily import costs what the active people cost, not the whole history. A person is the
    /// customer, or the customer an anonymous id was identified as, else the anonymous id; a new
    /// session starts after a gap longer than <see cref="ImportSettings.SessionGapMinutes"/>.
    /// </summary>
    internal async Task SessioniseBatchAsync(int importId, CancellationToken ct)
    {
        var gap = _settings.SessionGapMinutes.ToString(CultureInfo.InvariantCulture);
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE resolved_ids AS
            SELECT anonymous_id, min(customer_id) AS customer_id FROM identities GROUP BY anonymous_id;

            CREATE OR REPLACE TEMP TABLE batch AS
            SELECT c.event_id, c.customer_id, c.anonymous_id, c.event_type, c.t_time AS occurred_at, c.page_url, c.referrer,
                   lower(c.device) AS device, lower(c.channel) AS channel, c.campaign, c.product_id, c.category, c.t_value AS value,
                   c.order_id, {importId} AS import_id,
                   coalesce(c.customer_id, r.customer_id, 'anon:' || c.anonymous_id) AS actor_id
            FROM checked c LEFT JOIN resolved_ids r ON r.anonymous_id = c.anonymous_id
            WHERE c.problem IS NULL;

            -- people whose sessions may change: the batch's, and anonymous visitors identified by it
            CREATE OR REPLACE TEMP TABLE affected AS
            SELECT DISTINCT actor_id FROM batch
            UNION SELECT 'anon:' || anonymous_id FROM new_identities;

            CREATE OR REPLACE TEMP TABLE prior AS
            SELECT e.* EXCLUDE (session_id), coalesce(e.customer_id, r.customer_id, 'anon:' || e.anonymous_id) AS actor_id,
                   split_part(e.session_id, '#', 1) AS old_actor
            FROM events e LEFT JOIN resolved_ids r ON r.anonymous_id = e.anonymous_id
            WHERE split_part(e.session_id, '#', 1) IN (SELECT actor_id FROM affected)
               OR coalesce(e.customer_id, r.customer_id, 'anon:' || e.anonymous_id) IN (SELECT actor_id FROM affected);

            DELETE FROM events WHERE event_id IN (SELECT event_id FROM prior);
            DELETE FROM sessions WHERE actor_id IN (SELECT actor_id FROM affected) OR actor_id IN (SELECT old_actor FROM prior);

            CREATE OR REPLACE TEMP TABLE sessionised AS
            WITH everything AS (
              SELECT * EXCLUDE (old_actor) FROM prior
              UNION ALL BY NAME SELECT * FROM batch),
            marked AS (
              SELECT *, CASE WHEN occurred_at - lag(occurred_at) OVER w <= INTERVAL {gap} MINUTE THEN 0 ELSE 1 END AS starts
              FROM everything WINDOW w AS (PARTITION BY actor_id ORDER BY occurred_at, event_id))
            SELECT *, actor_id || '#' || sum(starts) OVER (PARTITION BY actor_id ORDER BY occurred_at, event_id ROWS UNBOUNDED PRECEDING) AS session_id
            FROM marked;

            INSERT INTO events
            SELECT event_id, customer_id, anonymous_id, event_type, occurred_at, session_id, page_url, referrer, device,
                   channel, campaign, product_id, category, value, order_id, import_id
            FROM sessionised;

            INSERT INTO sessions
            SELECT session_id, any_value(actor_id),
                   CASE WHEN NOT starts_with(any_value(actor_id), 'anon:') THEN any_value(actor_id) END,
                   any_value(anonymous_id), min(occurred_at), max(occurred_at), count(*),
                   count(*) FILTER (WHERE event_type = 'page_view'),
                   count(*) FILTER (WHERE event_type = 'product_view'),
                   count(*) FILTER (WHERE event_type = 'add_to_cart'),
                   count(*) FILTER (WHERE event_type = 'begin_checkout'),
                   count(*) FILTER (WHERE event_type = 'purchase'),
                   arg_min(device, occurred_at), arg_min(channel, occurred_at)
            FROM sessionised GROUP BY session_id;

            DROP TABLE resolved_ids; DROP TABLE batch; DROP TABLE affected; DROP TABLE prior; DROP TABLE sessionised; DROP TABLE new_identities;
            """, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Derives sessions for every event: per person (customer, or the customer an anonymous id was
    /// identified as, else the anonymous id), a new session starts after an inactivity gap longer
    /// than <see cref="ImportSettings.SessionGapMinutes"/>. Rebuilt set-wise so late events land right.
    /// </summary>
    public async Task RebuildSessionsAsync(CancellationToken cancellationToken = default)
    {
        var gap = _settings.SessionGapMinutes.ToString(CultureInfo.InvariantCulture);
        await _engine.ExecuteAsync($"""
            -- (a plain equi-join on anonymous_id: adding "customer_id IS NULL" to the ON clause turns
            -- it into a nested-loop join, 20x slower; coalesce already prefers the event's own customer)
            CREATE OR REPLACE TABLE events AS
            WITH resolved AS (
              SELECT e.* EXCLUDE (session_id),
                     coalesce(e.customer_id, i.customer_id, 'anon:' || e.anonymous_id) AS actor_id
              FROM events e
              LEFT JOIN (SELECT anonymous_id, min(customer_id) AS customer_id FROM identities GROUP BY anonymous_id) i
                ON i.anonymous_id = e.anonymous_id),
            marked AS (
              SELECT *, CASE WHEN occurred_at - lag(occurred_at) OVER w <= INTERVAL {gap} MINUTE THEN 0 ELSE 1 END AS starts
              FROM resolved WINDOW w AS (PARTITION BY actor_id ORDER BY occurred_at, event_id)),
            numbered AS (
              SELECT *, sum(starts) OVER (PARTITION BY actor_id ORDER BY occurred_at, event_id ROWS UNBOUNDED PRECEDING) AS session_no
              FROM marked)
            SELECT event_id, customer_id, anonymous_id, event_type, occurred_at,
                   actor_id || '#' || session_no AS session_id,
                   page_url, referrer, device, channel, campaign, product_id, category, value, order_id, import_id
            FROM numbered
            ORDER BY occurred_at;

            CREATE OR REPLACE TABLE sessions AS
            SELECT session_id,
                   split_part(session_id, '#', 1) AS actor_id,
                   CASE WHEN NOT starts_with(session_id, 'anon:') THEN split_part(session_id, '#', 1) END AS customer_id,
                   any_value(anonymous_id) AS anonymous_id,
                   min(occurred_at) AS started_at, max(occurred_at) AS ended_at, count(*) AS events,
                   count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
                   count(*) FILTER (WHERE event_type = 'product_view') AS product_views,
                   count(*) FILTER (WHERE event_type = 'add_to_cart') AS cart_adds,
                   count(*) FILTER (WHERE event_type = 'begin_checkout') AS checkouts,
                   count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
                   arg_min(device, occurred_at) AS device, arg_min(channel, occurred_at) AS channel
            FROM events GROUP BY session_id;
            """, null, cancellationToken).ConfigureAwait(false);
    }
}
