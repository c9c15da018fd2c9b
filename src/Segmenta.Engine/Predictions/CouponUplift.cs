using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Experiments;
using Segmenta.Engine.Workspaces;
using Segmenta.ML.Uplift;
using Segmenta.Storage;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Segments;

namespace Segmenta.Engine.Predictions;

/// <summary>
/// Who a coupon moves (docs/models.md#coupon-uplift). The shop's own coupon offers are the
/// experiment: every identified customer's session from the cutoff T on is a row — treated when the
/// session carried a coupon (a <c>coupon_applied</c> event), converted when it had a purchase — with
/// that customer's features at T. A class-transformation model (<see cref="UpliftModel"/>) learns
/// the uplift, is checked on a seeded 30 % of the sessions, and scores every customer on their
/// features at the end of the data into <c>uplift_predictions</c>: the <c>coupon_uplift</c> field
/// that campaign audiences can target. This needs coupons given at random (or at least not by the
/// customer's expected response); a shop that hands coupons only to likely buyers learns a biased uplift.
/// </summary>
public static class CouponUplift
{
    /// <summary>Trains, evaluates, scores; <paramref name="since"/> defaults to 90 days before the end of the data.</summary>
    public static async Task<CouponUpliftReport> TrainAsync(Workspace workspace, DateOnly? since = null, int trees = 50, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var engine = workspace.Engine;
        var zone = workspace.Settings.Shop.TimeZone;
        var range = await MetricsQueries.DataRangeAsync(engine, zone, ct).ConfigureAwait(false)
            ?? throw new SegmentaInputException("the workspace has no data yet: import orders and events first");
        var cutoff = since ?? range.To.AddDays(-89);
        if (cutoff <= range.From || cutoff > range.To)
        {
            throw new SegmentaInputException($"--since {cutoff:yyyy-MM-dd} must fall inside the data ({range.From:yyyy-MM-dd} to {range.To:yyyy-MM-dd}), after its first day");
        }
        var request = new PurchaseRequest { HorizonDays = 7 };
        var features = (await PurchasePrediction.RowsAsync(engine, zone, cutoff, request, ct).ConfigureAwait(false))
            .ToDictionary(r => r.PersonId, r => r.Features, StringComparer.Ordinal);
        var sessions = await engine.QueryAsync("""
            SELECT s.customer_id, EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.session_id AND e.event_type = 'coupon_applied') AS treated,
                   s.purchases > 0 AS converted
            FROM sessions s WHERE s.customer_id IS NOT NULL AND s.started_at >= $1
            ORDER BY s.session_id
            """, [ShopTime.LocalMidnightToUtc(cutoff, zone)], ct).ConfigureAwait(false);
        var rows = sessions.Rows.Where(r => features.ContainsKey((string)r[0]!))
            .Select(r => (Treated: r[1] is true, Outcome: r[2] is true, Features: features[(string)r[0]!])).ToList();
        var treatedCount = rows.Count(r => r.Treated);
        if (treatedCount < 200 || rows.Count - treatedCount < 200)
        {
            throw new SegmentaInputException(
                $"too few coupon sessions to learn who a coupon moves: {treatedCount} sessions with a coupon and {rows.Count - treatedCount} without since {cutoff:yyyy-MM-dd} (each needs 200); use an earlier --since");
        }

        var random = new Random(1);
        var isHoldout = rows.Select(_ => random.NextDouble() < 0.3).ToArray();
        var model = UpliftModel.Train(rows.Where((_, i) => !isHoldout[i]).ToList(), trees);
        var holdout = rows.Where((_, i) => isHoldout[i]).ToList();
        var holdoutScores = model.Predict(holdout.Select(r => r.Features).ToList());
        var observations = holdout.Select((r, i) => new UpliftObservation(r.Treated, r.Outcome, holdoutScores[i])).ToList();
        double Rate(bool treated) => holdout.Where(r => r.Treated == treated).Average(r => r.Outcome ? 1.0 : 0.0);

        var now = range.To.AddDays(1);
        var current = (await PurchasePrediction.RowsAsync(engine, zone, now, request, ct).ConfigureAwait(false))
            .Where(r => !r.PersonId.StartsWith("anon:", StringComparison.Ordinal)).ToList();
        var scores = model.Predict(current.Select(r => r.Features).ToList());
        await StoreAsync(engine, now, current.Select(r => r.PersonId).ToList(), scores, ct).ConfigureAwait(false);
        return new CouponUpliftReport
        {
            Since = cutoff,
            Sessions = rows.Count,
            CouponSessions = treatedCount,
            HoldoutSessions = holdout.Count,
            HoldoutAverageEffect = Rate(true) - Rate(false),
            HoldoutUpliftAt30 = UpliftMetrics.UpliftAtK(observations, 0.3),
            HoldoutQini = UpliftMetrics.QiniCoefficient(observations),
            ScoredAsOf = now,
            Scored = current.Count,
            Targeting = await TargetingAgainstTruthAsync(workspace, now, ct).ConfigureAwait(false),
        };
    }

    private static Task StoreAsync(IAnalyticsEngine engine, DateOnly asOf, List<string> customers, IReadOnlyList<double> scores, CancellationToken ct) =>
        engine.InTransactionAsync(async token =>
        {
            var day = asOf.ToDateTime(TimeOnly.MinValue);
            await SegmentQueries.EnsureTablesAsync(engine, token).ConfigureAwait(false);
            await engine.ExecuteAsync("DELETE FROM uplift_predictions WHERE as_of = $1", [day], token).ConfigureAwait(false);
            using var appender = ((Storage.DuckDb.DuckDbEngine)engine).CreateAppender("uplift_predictions");
            for (var i = 0; i < customers.Count; i++)
            {
                appender.CreateRow().AppendValue(day).AppendValue(customers[i]).AppendValue(scores[i]).AppendValue("class-transformation").EndRow();
            }
            return 0;
        }, ct);

    /// <summary>
    /// On a simulated shop: the true incremental conversions per coupon offer (Σ simulated coupon
    /// uplift of customers still alive) of the top 30 % of customers by predicted uplift, beside the top
    /// 30 % by purchase probability and a random 30 % (0.3 × the total). Null without truth or purchase scores.
    /// </summary>
    private static async Task<UpliftTargeting?> TargetingAgainstTruthAsync(Workspace workspace, DateOnly asOf, CancellationToken ct)
    {
        var engine = workspace.Engine;
        var tables = await engine.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('sim_truth', 'purchase_predictions')", null, ct).ConfigureAwait(false);
        if (tables < 2)
        {
            return null;
        }
        var rows = await engine.QueryAsync("""
            WITH scored AS (
              SELECT u.customer_id, u.uplift, p.probability,
                     CASE WHEN t.alive_at_end THEN t.coupon_uplift ELSE 0 END AS true_gain
              FROM uplift_predictions u
              JOIN (SELECT customer_id, arg_max(probability, as_of) AS probability FROM purchase_predictions GROUP BY 1) p USING (customer_id)
              JOIN sim_truth t ON t.person_id = u.customer_id
              WHERE u.as_of = $1),
            n AS (SELECT CAST(floor(count(*) * 0.3) AS BIGINT) AS k FROM scored)
            SELECT (SELECT count(*) FROM scored),
                   (SELECT sum(true_gain) FROM (SELECT true_gain FROM scored ORDER BY uplift DESC, customer_id LIMIT (SELECT k FROM n))),
                   (SELECT sum(true_gain) FROM (SELECT true_gain FROM scored ORDER BY probability DESC, customer_id LIMIT (SELECT k FROM n))),
                   (SELECT sum(true_gain) * 0.3 FROM scored)
            """, [asOf.ToDateTime(TimeOnly.MinValue)], ct).ConfigureAwait(false);
        var r = rows.Rows[0];
        if (Convert.ToInt64(r[0], CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }
        return new UpliftTargeting(Convert.ToInt64(r[0], CultureInfo.InvariantCulture),
            Convert.ToDouble(r[1], CultureInfo.InvariantCulture), Convert.ToDouble(r[2], CultureInfo.InvariantCulture), Convert.ToDouble(r[3], CultureInfo.InvariantCulture));
    }
}

/// <summary>What <c>segmenta predict uplift</c> learned and scored.</summary>
public sealed record CouponUpliftReport
{
    /// <summary>The cutoff T: features at T, sessions from T on.</summary>
    public required DateOnly Since { get; init; }

    /// <summary>Sessions of identified customers from T on (the experiment's rows).</summary>
    public required int Sessions { get; init; }

    /// <summary>Of which carried a coupon.</summary>
    public required int CouponSessions { get; init; }

    /// <summary>Sessions held out (seeded 30 %) for evaluation.</summary>
    public required int HoldoutSessions { get; init; }

    /// <summary>Coupon minus no-coupon session conversion over the holdout.</summary>
    public required double HoldoutAverageEffect { get; init; }

    /// <summary>The same among the top 30 % of holdout sessions by predicted uplift.</summary>
    public required double HoldoutUpliftAt30 { get; init; }

    /// <summary>Qini coefficient on the holdout.</summary>
    public required double HoldoutQini { get; init; }

    /// <summary>Day the customers were scored (the day after the last data).</summary>
    public required DateOnly ScoredAsOf { get; init; }

    /// <summary>Customers scored into <c>uplift_predictions</c>.</summary>
    public required int Scored { get; init; }

    /// <summary>On simulated shops: targeting by uplift vs by purchase probability, in true incremental conversions.</summary>
    public UpliftTargeting? Targeting { get; init; }
}

/// <summary>True incremental conversions per coupon offer of three 30 % audiences (simulated shops).</summary>
/// <param name="Customers">Customers with both an uplift and a purchase score.</param>
/// <param name="TopUplift">The top 30 % by predicted uplift.</param>
/// <param name="TopPurchaseProbability">The top 30 % by purchase probability.</param>
/// <param name="Random">A random 30 % (expected value).</param>
public sealed record UpliftTargeting(long Customers, double TopUplift, double TopPurchaseProbability, double Random);
