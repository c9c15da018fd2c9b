using Segmenta.Core.Predictions;
using Segmenta.Engine.Predictions;
using Segmenta.Engine.Workspaces;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Predictions;

/// <summary>The oracle's definition (docs/models.md, "Oracle") on a hand-built case.</summary>
public sealed class OracleDefinitionTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-oracle-def-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Oracle_AliveAtT_FromTruthOrALaterPurchase()
    {
        // Given three customers validated at T = 2025-03-01 with a 7-day horizon:
        //   A alive at the end, rate 0.1/day → 1 − e^−0.7; B dead at the end but bought after T (so alive at T), rate 0.05
        //   → 1 − e^−0.35; C dead with no purchase after T → 0. A and B converted. An anonymous visitor is left out.
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        var e = ws.Engine;
        await e.ExecuteAsync("""
            CREATE TABLE sim_truth (person_id VARCHAR, alive_at_end BOOLEAN, effective_purchase_rate_per_day DOUBLE);
            INSERT INTO sim_truth VALUES ('A', true, 0.1), ('B', false, 0.05), ('C', false, 0.2);
            CREATE TABLE prediction_validation (target VARCHAR, as_of DATE, person_id VARCHAR, probability DOUBLE, label BOOLEAN);
            INSERT INTO prediction_validation VALUES ('purchase', '2025-03-01', 'A', 0.1, true), ('purchase', '2025-03-01', 'B', 0.3, true),
                ('purchase', '2025-03-01', 'C', 0.2, false), ('purchase', '2025-03-01', 'anon:x', 0.9, false);
            INSERT INTO order_lines (order_id, line_number, customer_id, ordered_at, kind, amount) VALUES ('o1', 1, 'B', '2025-03-03 10:00:00', 'sale', 10);
            """);
        var validation = ClassifierMetrics.Evaluate([0.1, 0.3, 0.2], [true, true, false], 3);
        var report = new PurchaseReport
        {
            Model = "lightgbm", HorizonDays = 7, TrainingCutoffs = [new DateOnly(2025, 2, 22)], ValidationCutoff = new DateOnly(2025, 3, 1),
            TrainingRows = 3, TrainingPositives = 2, Validation = validation, TopFeatures = [], ScoredAsOf = new DateOnly(2025, 3, 8), Scored = 3, MeanProbability = 0.2,
        };

        // When the model is compared with the oracle
        var result = await OracleComparison.ComputeAsync(ws, report);

        // Then the oracle ranks A (0.503) and B (0.295) above C (0): AUC 1; the model ranks B above C but A below: AUC 1/2
        Assert.NotNull(result);
        Assert.Equal(3, result.Customers);
        Assert.Equal(1.0, result.OracleAuc, 12);
        Assert.Equal(0.5, result.ModelAuc, 12);
    }
}
