namespace Segmenta.Storage.Metrics;

/// <summary>Headline metrics as one set-based query; periods are days in the shop's time zone.</summary>
public static class MetricsQueries
{
    /// <summary>The data's first and last day in the shop's zone (orders and events), or null when empty.</summary>
    /// <remarks>Only the UTC extremes are converted to the shop's zone (the conversion keeps order): converting every row cost seconds on large shops.</remarks>
    public static async Task<(DateOnly From, DateOnly To)?> DataRangeAsync(IAnalyticsEngine engine, string timeZone, CancellationToken cancellationToken = default)
    {
        var table = await engine.QueryAsync("""
            SELECT timezone($1, min(d)::TIMESTAMPTZ)::DATE, timezone($1, max(d)::TIMESTAMPTZ)::DATE FROM (
              SELECT min(ordered_at) AS d FROM orders UNION ALL SELECT max(ordered_at) FROM orders
              UNION ALL SELECT min(occurred_at) FROM events UNION ALL SELECT max(occurred_at) FROM events)
            """, [timeZone], cancellationToken).ConfigureAwait(false);
        var row = table.Rows[0];
        if (row[0] is null)
        {
            return null;
        }
        return (ToDate(row[0]!), ToDate(row[1]!));
    }

    /// <summary>Computes <see cref="HeadlineMetrics"/> for the days <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static async Task<HeadlineMetrics> HeadlineAsync(IAnalyticsEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var start = from.ToDateTime(TimeOnly.MinValue);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue);
        // The shop-local times come from ShopTime: a plain cast in UTC, where converting 10 M orders cost seconds.
        var t = await engine.QueryAsync($"""
            WITH o AS (
              SELECT *, {ShopTime.LocalTimeSql("ordered_at", timeZone)} AS local_at FROM orders),
            period AS (SELECT * FROM o WHERE local_at >= $1 AND local_at < $2),
            firsts AS (SELECT customer_id, min(local_at) AS first_at FROM o WHERE kind = 'sale' AND customer_id IS NOT NULL GROUP BY 1),
            buyers AS (
              SELECT p.customer_id, count(*) AS orders, any_value(f.first_at) AS first_at
              FROM period p JOIN firsts f USING (customer_id) WHERE p.kind = 'sale' GROUP BY 1),
            s AS (SELECT * FROM sessions WHERE {ShopTime.LocalTimeSql("started_at", timeZone)} >= $1 AND {ShopTime.LocalTimeSql("started_at", timeZone)} < $2)
            SELECT
              coalesce((SELECT sum(amount) FROM period WHERE kind = 'sale'), 0) AS gross,
              coalesce((SELECT sum(amount) FROM period WHERE (kind = 'sale' AND status = 'placed') OR kind = 'cancellation'), 0) AS net,
              (SELECT count(*) FROM period WHERE kind = 'sale') AS orders,
              (SELECT count(*) FROM buyers) AS customers,
              (SELECT count(*) FROM buyers WHERE first_at >= $1) AS new_customers,
              (SELECT count(*) FROM buyers WHERE first_at < $1) AS returning_customers,
              (SELECT count(*) FROM buyers WHERE orders >= 2) AS repeaters,
              (SELECT count(*) FROM s) AS sessions,
              (SELECT count(DISTINCT actor_id) FROM s) AS visitors,
              (SELECT count(*) FROM s WHERE purchases > 0) AS converted_sessions,
              (SELECT count(DISTINCT actor_id) FROM s WHERE actor_id NOT IN (SELECT actor_id FROM s WHERE purchases > 0)) AS visitors_without_purchase,
              -- churn: customers who bought in the 90 days before the period and not in it
              (SELECT count(DISTINCT customer_id) FROM o WHERE kind = 'sale' AND customer_id IS NOT NULL
                 AND local_at >= $1 - INTERVAL 90 DAY AND local_at < $1) AS active_before,
              (SELECT count(DISTINCT customer_id) FROM o WHERE kind = 'sale' AND customer_id IS NOT NULL
                 AND local_at >= $1 - INTERVAL 90 DAY AND local_at < $1
                 AND customer_id NOT IN (SELECT customer_id FROM period WHERE kind = 'sale' AND customer_id IS NOT NULL)) AS churned,
              -- lifespan: first to last purchase of the period's buyers, over their whole history up to the period's end
              (SELECT avg(date_diff('day', f.first_at::DATE, l.last_at::DATE)) FROM buyers b JOIN firsts f USING (customer_id)
                 JOIN (SELECT customer_id, max(local_at) AS last_at FROM o WHERE kind = 'sale' AND local_at < $2 GROUP BY 1) l USING (customer_id)) AS lifespan_days
            """, [start, end], cancellationToken).ConfigureAwait(false);
        return FromFigures(from, to, t);
    }

    /// <summary>
    /// The headline metrics from one row of raw figures (gross, net, orders, customers, new_customers,
    /// returning_customers, repeaters, sessions, visitors, converted_sessions, visitors_without_purchase,
    /// active_before, churned, lifespan_days): the ratios and roundings of docs/metrics.md, shared by every engine.
    /// </summary>
    public static HeadlineMetrics FromFigures(DateOnly from, DateOnly to, ResultTable t)
    {
        ArgumentNullException.ThrowIfNull(t);
        double D(string c) => t.Get<double?>(0, c) ?? 0;
        long L(string c) => t.Get<long?>(0, c) ?? 0;
        var orders = L("orders");
        var customers = L("customers");
        var sessions = L("sessions");
        var visitors = L("visitors");
        return new HeadlineMetrics
        {
            From = from,
            To = to,
            GrossRevenue = Math.Round(D("gross"), 2),
            NetRevenue = Math.Round(D("net"), 2),
            Orders = orders,
            Customers = customers,
            NewCustomers = L("new_customers"),
            ReturningCustomers = L("returning_customers"),
            AverageOrderValue = orders == 0 ? 0 : Math.Round(D("gross") / orders, 2),
            RepeatPurchaseRate = customers == 0 ? 0 : (double)L("repeaters") / customers,
            Sessions = sessions,
            Visitors = visitors,
            SessionConversionRate = sessions == 0 ? 0 : (double)L("converted_sessions") / sessions,
            VisitorsWithoutPurchaseShare = visitors == 0 ? 0 : (double)L("visitors_without_purchase") / visitors,
            ChurnRate = L("active_before") == 0 ? null : (double)L("churned") / L("active_before"),
            AverageLifespanDays = customers == 0 ? 0 : Math.Round(D("lifespan_days"), 2),
            SimpleLtv = customers == 0 ? 0 : Math.Round(D("gross") / orders * ((double)orders / customers) * Math.Max(1, D("lifespan_days") / 365.0), 2),
        };
    }

    /// <summary>Sessions, converting sessions and conversion per acquisition channel of the session (first event's channel).</summary>
    public static Task<ResultTable> ChannelConversionAsync(IAnalyticsEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            SELECT coalesce(channel, '(none)') AS channel, count(*) AS sessions, count(*) FILTER (WHERE purchases > 0) AS converted,
                   count(*) FILTER (WHERE purchases > 0) / count(*) AS conversion_rate
            FROM sessions
            WHERE started_at >= timezone('UTC', timezone($1, $2::TIMESTAMP)) AND started_at < timezone('UTC', timezone($1, $3::TIMESTAMP))
            GROUP BY 1 ORDER BY sessions DESC
            """, [timeZone, from.ToDateTime(TimeOnly.MinValue), to.AddDays(1).ToDateTime(TimeOnly.MinValue)], cancellationToken);

    /// <summary>Sale orders, buyers and gross revenue per campaign id of the order.</summary>
    public static Task<ResultTable> CampaignRevenueAsync(IAnalyticsEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            SELECT coalesce(campaign_id, '(none)') AS campaign, count(*) AS orders, count(DISTINCT customer_id) AS customers, round(sum(amount), 2) AS revenue
            FROM orders
            WHERE kind = 'sale' AND ordered_at >= timezone('UTC', timezone($1, $2::TIMESTAMP)) AND ordered_at < timezone('UTC', timezone($1, $3::TIMESTAMP))
            GROUP BY 1 ORDER BY orders DESC
            """, [timeZone, from.ToDateTime(TimeOnly.MinValue), to.AddDays(1).ToDateTime(TimeOnly.MinValue)], cancellationToken);

    /// <summary>Sessions (or, without events, sale orders) per weekday (ISO: 1 = Monday) and hour, in the shop's zone.</summary>
    public static async Task<ResultTable> HourByWeekdayAsync(IAnalyticsEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var source = await engine.ScalarAsync<long>("SELECT count(*) FROM (SELECT 1 FROM sessions LIMIT 1)", null, cancellationToken).ConfigureAwait(false) > 0
            ? "SELECT started_at AS act_at FROM sessions"
            : "SELECT ordered_at AS act_at FROM orders WHERE kind = 'sale'";
        return await engine.QueryAsync($"""
            SELECT isodow(local) AS weekday, hour(local) AS hour, count(*) AS activity
            FROM (SELECT {ShopTime.LocalTimeSql("act_at", timeZone)} AS local FROM ({source})
                  WHERE act_at >= timezone('UTC', timezone($1, $2::TIMESTAMP)) AND act_at < timezone('UTC', timezone($1, $3::TIMESTAMP)))
            GROUP BY 1, 2 ORDER BY 1, 2
            """, [timeZone, from.ToDateTime(TimeOnly.MinValue), to.AddDays(1).ToDateTime(TimeOnly.MinValue)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gross and net revenue and sale orders per month (shop time zone), for charts.</summary>
    public static Task<ResultTable> MonthlyRevenueAsync(IAnalyticsEngine engine, string timeZone, CancellationToken cancellationToken = default) =>
        engine.QueryAsync($"""
            SELECT strftime(date_trunc('month', {ShopTime.LocalTimeSql("ordered_at", timeZone)}), '%Y-%m') AS month,
                   round(sum(amount) FILTER (WHERE kind = 'sale'), 2) AS gross_revenue,
                   round(sum(amount) FILTER (WHERE (kind = 'sale' AND status = 'placed') OR kind = 'cancellation'), 2) AS net_revenue,
                   count(*) FILTER (WHERE kind = 'sale') AS orders
            FROM orders WHERE ordered_at IS NOT NULL GROUP BY 1 ORDER BY 1
            """, null, cancellationToken);

    private static DateOnly ToDate(object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        _ => DateOnly.Parse(value.ToString()!, System.Globalization.CultureInfo.InvariantCulture),
    };
}
