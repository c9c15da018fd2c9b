namespace Segmenta.Engine.Segments;

/// <summary>What one cluster is worth and how well it stays (definitions in docs/models.md#cluster-profiles).</summary>
/// <param name="Cluster">Cluster label (−1 = DBSCAN noise).</param>
/// <param name="Name">Generated name.</param>
/// <param name="Customers">Customers in the cluster.</param>
/// <param name="Buyers">Of them, customers with a sale before the as-of day.</param>
/// <param name="Revenue">Σ sale line amounts of the cluster's customers before the as-of day.</param>
/// <param name="RevenueShare">Revenue / the revenue of all clustered customers.</param>
/// <param name="RevenuePerCustomer">Revenue / customers.</param>
/// <param name="RepeatRate">Share of buyers with two or more orders (null without buyers).</param>
/// <param name="Retention90d">Of the customers who bought before the last 90 days, the share who bought again in them (null when none did).</param>
/// <param name="TypicalHour">Circular mean of the session start hours (0–24, shop clock), when the hour is a feature.</param>
public sealed record ClusterOutcome(
    int Cluster, string Name, int Customers, int Buyers, double Revenue, double RevenueShare, double RevenuePerCustomer,
    double? RepeatRate, double? Retention90d, double? TypicalHour);
