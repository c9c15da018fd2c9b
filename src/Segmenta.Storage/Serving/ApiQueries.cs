using System.Globalization;

namespace Segmenta.Storage.Serving;

/// <summary>The read queries behind the /v1 query API (docs/api.md) that no other layer already has.</summary>
public static class ApiQueries
{
    private const string Members = """
        SELECT m.customer_id, s.r_score, s.f_score, s.m_score, s.recency_days, s.frequency, s.monetary, s.orders, s.is_new
        FROM segment_members m JOIN rfm_scores s ON s.as_of = m.as_of AND s.basis = m.basis AND s.customer_id = m.customer_id
        WHERE m.as_of = $1 AND m.basis = $2 AND m.segment_id = $3
        """;

    /// <summary>One page of a segment's members in a snapshot, by customer id; and the total.</summary>
    public static async Task<(long Total, ResultTable Rows)> SegmentMembersAsync(
        IAnalyticsEngine engine, DateOnly asOf, string basis, string segmentId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var day = asOf.ToDateTime(TimeOnly.MinValue);
        var total = await engine.ScalarAsync<long>($"SELECT count(*) FROM ({Members})", [day, basis, segmentId], cancellationToken).ConfigureAwait(false);
        var rows = await engine.QueryAsync($"{Members} ORDER BY m.customer_id LIMIT $4 OFFSET $5",
            [day, basis, segmentId, pageSize, (long)(page - 1) * pageSize], cancellationToken).ConfigureAwait(false);
        return (total, rows);
    }

    /// <summary>Writes every member of a segment (same columns as the page) to a CSV file; returns the rows written.</summary>
    public static async Task<long> ExportSegmentAsync(IAnalyticsEngine engine, DateOnly asOf, string basis, string segmentId, string file, CancellationToken cancellationToken = default)
    {
        var day = asOf.ToDateTime(TimeOnly.MinValue);
        await engine.ExecuteAsync($"CREATE OR REPLACE TEMP TABLE api_export AS {Members} ORDER BY m.customer_id", [day, basis, segmentId], cancellationToken).ConfigureAwait(false);
        var rows = await engine.ScalarAsync<long>("SELECT count(*) FROM api_export", null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"COPY api_export TO {SqlText.Literal(file)} (FORMAT csv, HEADER); DROP TABLE api_export"), null, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Per stored prediction model: latest as-of day, customers scored, and (purchase) customers per band.</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> PredictionsAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        var result = new List<IReadOnlyDictionary<string, object?>>();
        if (await ExistsAsync(engine, "purchase_predictions", cancellationToken).ConfigureAwait(false))
        {
            var t = await engine.QueryAsync("""
                WITH latest AS (SELECT * FROM purchase_predictions WHERE as_of = (SELECT max(as_of) FROM purchase_predictions))
                SELECT 'purchase' AS prediction, any_value(model) AS model, any_value(as_of) AS as_of, count(*) AS customers,
                       avg(probability) AS mean_probability,
                       (SELECT to_json(map(list(band ORDER BY band), list(n ORDER BY band))) FROM (SELECT band, count(*) AS n FROM latest GROUP BY band)) AS customers_per_band
                FROM latest HAVING count(*) > 0
                """, null, cancellationToken).ConfigureAwait(false);
            result.AddRange(t.ToDictionaries());
        }
        if (await ExistsAsync(engine, "clv_predictions", cancellationToken).ConfigureAwait(false))
        {
            var t = await engine.QueryAsync("""
                SELECT 'clv' AS prediction, any_value(model) AS model, as_of, count(*) AS customers, sum(clv) AS total_clv, avg(clv) AS mean_clv, avg(p_alive) AS mean_p_alive
                FROM clv_predictions WHERE as_of = (SELECT max(as_of) FROM clv_predictions) GROUP BY as_of
                """, null, cancellationToken).ConfigureAwait(false);
            result.AddRange(t.ToDictionaries());
        }
        return result;
    }

    /// <summary>Whether a (non-temporary) table exists.</summary>
    public static async Task<bool> ExistsAsync(IAnalyticsEngine engine, string table, CancellationToken cancellationToken = default) =>
        await engine.ScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = $1 AND NOT temporary", [table], cancellationToken).ConfigureAwait(false) > 0;
}
