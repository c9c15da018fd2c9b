using Segmenta.Core;
using Segmenta.Engine.Predictions;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Features;
using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Predictions;

/// <summary>Purchase probability end to end on Online Retail, plus the small-shop fallback and bad settings.</summary>
public sealed class PurchasePredictionTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-purchase-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Train_OnlineRetail30Days_BandsRiseAndAucBeatsChance()
    {
        // Given Online Retail, the setting: 30-day horizon, validation cutoff 2011-09-09, six monthly training cutoffs
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        // When the model is trained and validated
        var report = await PurchasePrediction.TrainAsync(ws, new PurchaseRequest
        {
            HorizonDays = 30, ValidationCutoff = new DateOnly(2011, 9, 9), TrainingCutoffs = 6, StepDays = 30,
        });

        // Then the gradient-boosted model is used, it ranks well (seeded, single-threaded: stable) and the bands mean something
        Assert.Equal("lightgbm", report.Model);
        Assert.Equal(6, report.TrainingCutoffs.Count);
        Assert.InRange(report.Validation.Auc, 0.70, 0.80);
        var rates = report.Validation.Bands.Select(b => b.ActualRate).ToArray();
        Assert.True(rates.Zip(rates.Skip(1)).All(t => t.First < t.Second), string.Join(", ", rates));
        Assert.True(report.Validation.TopDecileLift > 2);
        // And every customer active before the end is scored and usable as purchase_probability
        Assert.Equal(report.Scored, await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM purchase_predictions"));
        // And the model is saved in models/ with its features (that a saved model scores as trained: Segmenta.ML.Tests)
        var saved = Segmenta.ML.PurchaseModel.Load(Path.Combine(ws.ModelsDirectory, "purchase-model.lightgbm.json"));
        Assert.Equal(PurchaseFeatures.Names.Concat(["r_score", "f_score", "m_score", "bgnbd_p_alive", "bgnbd_expected_purchases"]), saved.FeatureNames);
    }

    [Fact]
    public async Task Train_ChurnOnlineRetail_LabelsBuyersWithoutAPurchaseAndExplainsScores()
    {
        // Given Online Retail and churn = no purchase in the 90 days after T, among people who had bought before T
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));
        var validation = new DateOnly(2011, 9, 9);

        // When the churn model is trained
        var report = await PurchasePrediction.TrainAsync(ws, new PurchaseRequest
        {
            Target = PredictionTarget.Churn, HorizonDays = 90, ValidationCutoff = validation, TrainingCutoffs = 3, StepDays = 30,
        });

        // Then the validation rows are exactly the earlier buyers and the positives those with no sale in [T, T + 90 d),
        // counted here independently of the feature query
        var zone = ws.Settings.Shop.TimeZone;
        var t = Storage.ShopTime.LocalMidnightToUtc(validation, zone);
        var end = Storage.ShopTime.LocalMidnightToUtc(validation.AddDays(90), zone);
        var buyers = await ws.Engine.ScalarAsync<long>(
            "SELECT count(DISTINCT customer_id) FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at < $1", [t]);
        var churned = await ws.Engine.ScalarAsync<long>("""
            SELECT count(DISTINCT customer_id) FROM order_lines b WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at < $1
              AND NOT EXISTS (SELECT 1 FROM order_lines a WHERE a.customer_id = b.customer_id AND a.kind = 'sale' AND a.ordered_at >= $1 AND a.ordered_at < $2)
            """, [t, end]);
        Assert.Equal("churn", report.Target);
        Assert.Equal(buyers, report.Validation.Customers);
        Assert.Equal(churned, report.Validation.Positives);
        Assert.InRange(report.Validation.Auc, 0.70, 0.90);
        // And the scores land in churn_predictions with each person's top reasons, usable as churn_probability
        Assert.Equal(report.Scored, await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM churn_predictions WHERE reasons IS NOT NULL"));
        Assert.All(report.TopScored, p => Assert.InRange(p.Reasons.Count, 1, 3));
        Assert.All(report.TopScored.SelectMany(p => p.Reasons), r => Assert.Contains(r.Feature, PurchaseFeatures.Names.Concat(["r_score", "f_score", "m_score", "bgnbd_p_alive", "bgnbd_expected_purchases"])));
    }

    [Fact]
    public async Task Train_TinyShop_UsesLabelledFallback()
    {
        // Given twelve customers buying now and then over two months
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        var lines = new List<string> { "order_id,customer_id,ordered_at,amount" };
        for (var i = 0; i < 60; i++)
        {
            lines.Add(FormattableString.Invariant($"o{i},c{i % 12},2024-01-{1 + (i * 7 % 28):00} 10:00:00,{10 + i}"));
            lines.Add(FormattableString.Invariant($"p{i},c{i % 12},2024-02-{1 + (i * 5 % 28):00} 10:00:00,{10 + i}"));
        }
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", string.Join('\n', lines))));

        // When trained with a 7-day horizon
        var report = await PurchasePrediction.TrainAsync(ws, new PurchaseRequest { HorizonDays = 7, TrainingCutoffs = 3 });

        // Then the fallback says why it is used, and still scores everyone with a probability in (0, 1)
        Assert.Equal("fallback-recency", report.Model);
        Assert.Contains("too little history", report.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(12, report.Scored);
        Assert.Equal(0, await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM purchase_predictions WHERE probability <= 0 OR probability >= 1"));
    }

    [Fact]
    public async Task Train_HorizonLongerThanHistory_ClearError()
    {
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", "order_id,customer_id,ordered_at,amount\no1,c1,2024-01-01 10:00:00,5\no2,c1,2024-01-20 10:00:00,5\n")));

        var error = await Assert.ThrowsAsync<SegmentaInputException>(() => PurchasePrediction.TrainAsync(ws, new PurchaseRequest { HorizonDays = 90 }));

        Assert.Contains("too short for a 90-day horizon", error.Message, StringComparison.Ordinal);
    }
}
