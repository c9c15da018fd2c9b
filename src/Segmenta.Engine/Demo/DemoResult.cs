using Segmenta.Engine.Simulation;
using Segmenta.Storage.Import;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Quality;

namespace Segmenta.Engine.Demo;

/// <summary>What <c>segmenta demo</c> did.</summary>
/// <param name="Workspace">The workspace folder.</param>
/// <param name="Simulation">Volumes the simulator wrote.</param>
/// <param name="Imports">One report per imported file.</param>
/// <param name="Quality">The data-quality report after the imports.</param>
/// <param name="Metrics">Headline metrics over the whole simulated period.</param>
/// <param name="Segments">RFM scores and segments at the day after the simulated period.</param>
/// <param name="Clv">Lifetime models fitted on the simulated orders.</param>
/// <param name="Purchase">The 7-day purchase-probability model: validation quality and bands.</param>
/// <param name="Clusters">Buyer clusters (k = auto).</param>
/// <param name="ClusterTypeAgreement">Adjusted Rand index between the clusters and the simulator's true customer types.</param>
/// <param name="Report">Path of the HTML report.</param>
/// <param name="Seconds">Wall-clock time of the whole demo.</param>
public sealed record DemoResult(
    string Workspace,
    SimulationSummary Simulation,
    IReadOnlyList<ImportReport> Imports,
    QualityReport Quality,
    HeadlineMetrics? Metrics,
    Segments.RfmRun Segments,
    Predictions.ClvResult Clv,
    Predictions.PurchaseReport Purchase,
    Segments.ClusterRun Clusters,
    double ClusterTypeAgreement,
    string Report,
    double Seconds);
