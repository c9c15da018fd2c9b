using System.Globalization;
using Segmenta.Core.Predictions;
using Segmenta.Engine.Workspaces;

namespace Segmenta.Engine.Predictions;

/// <summary>
/// On a simulated shop: the purchase model's validation AUC beside the AUC of the simulator's true
/// propensities on the same identified customers (docs/models.md#oracle). The oracle probability of
/// a purchase in [T, T + H) is 1 − exp(−λ·H) for a customer alive at T (λ = the simulated effective
/// purchase rate per day) and 0 for one who had already dropped out; a customer dead at the end of the
/// data was alive at T exactly when they bought at or after T (dropout happens only after a purchase).
/// </summary>
public static class OracleComparison
{
    /// <summary>Null when the workspace has no simulator truth or no purchase validation.</summary>
    public static async Task<OracleResult?> ComputeAsync(Workspace workspace, PurchaseReport report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(report);
        var engine = workspace.Engine;
        var tables = await engine.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('sim_truth', 'prediction_validation')", null, ct).ConfigureAwait(false);
        if (tables < 2 || report.Target != "purchase")
        {
            return null;
        }
        var rows = await engine.QueryAsync("""
            SELECT v.probability, v.label,
                   CASE WHEN t.alive_at_end OR EXISTS (SELECT 1 FROM order_lines l WHERE l.customer_id = v.person_id AND l.kind = 'sale' AND l.ordered_at >= v.as_of)
                        THEN 1 - exp(-t.effective_purchase_rate_per_day * $1) ELSE 0 END AS oracle
            FROM prediction_validation v JOIN sim_truth t ON t.person_id = v.person_id
            WHERE v.target = 'purchase' AND NOT starts_with(v.person_id, 'anon:')
            ORDER BY v.person_id
            """, [report.HorizonDays], ct).ConfigureAwait(false);
        if (rows.Rows.Count == 0)
        {
            return null;
        }
        var labels = rows.Rows.Select(r => r[1] is true).ToList();
        var bands = Math.Min(5, labels.Count); // bands are not reported here; a tiny shop must not fail on them
        var model = ClassifierMetrics.Evaluate(rows.Rows.Select(r => Convert.ToDouble(r[0], CultureInfo.InvariantCulture)).ToList(), labels, bands);
        var oracle = ClassifierMetrics.Evaluate(rows.Rows.Select(r => Convert.ToDouble(r[2], CultureInfo.InvariantCulture)).ToList(), labels, bands);
        return new OracleResult(rows.Rows.Count, model.Auc, oracle.Auc, model.ExpectedCalibrationError, oracle.ExpectedCalibrationError);
    }
}

/// <summary>Model and oracle quality on the same identified customers at the validation cutoff.</summary>
/// <param name="Customers">Identified customers compared.</param>
/// <param name="ModelAuc">The model's AUC on them.</param>
/// <param name="OracleAuc">The true propensities' AUC on them: the ceiling no model can beat except by chance.</param>
/// <param name="ModelEce">The model's expected calibration error on them.</param>
/// <param name="OracleEce">The true propensities' calibration error (sampling noise only).</param>
public sealed record OracleResult(int Customers, double ModelAuc, double OracleAuc, double ModelEce, double OracleEce);
