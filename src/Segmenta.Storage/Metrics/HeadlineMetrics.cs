namespace Segmenta.Storage.Metrics;

/// <summary>
/// The headline figures of a period, each defined in docs/metrics.md. Money in the shop's currency.
/// </summary>
public sealed record HeadlineMetrics
{
    /// <summary>First day of the period (shop time zone), inclusive.</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last day of the period (shop time zone), inclusive.</summary>
    public required DateOnly To { get; init; }

    /// <summary>Σ quantity × unit price over sale lines ordered in the period.</summary>
    public required double GrossRevenue { get; init; }

    /// <summary>Gross revenue minus cancelled/refunded sales and cancellation documents in the period.</summary>
    public required double NetRevenue { get; init; }

    /// <summary>Sale orders (not cancellation documents) in the period.</summary>
    public required long Orders { get; init; }

    /// <summary>Distinct identified customers with a sale order in the period.</summary>
    public required long Customers { get; init; }

    /// <summary>Buying customers whose first-ever sale order is in the period.</summary>
    public required long NewCustomers { get; init; }

    /// <summary>Buying customers with an earlier sale order before the period.</summary>
    public required long ReturningCustomers { get; init; }

    /// <summary>Average order value: gross revenue / orders.</summary>
    public required double AverageOrderValue { get; init; }

    /// <summary>Share of buying customers with two or more sale orders in the period.</summary>
    public required double RepeatPurchaseRate { get; init; }

    /// <summary>Sessions started in the period.</summary>
    public required long Sessions { get; init; }

    /// <summary>Distinct people (customers or anonymous visitors) with a session in the period.</summary>
    public required long Visitors { get; init; }

    /// <summary>Share of sessions with at least one purchase event.</summary>
    public required double SessionConversionRate { get; init; }

    /// <summary>Share of visitors who made no purchase in the period.</summary>
    public required double VisitorsWithoutPurchaseShare { get; init; }

    /// <summary>Of the customers who bought in the 90 days before the period, the share who did not buy in it; null without such customers.</summary>
    public double? ChurnRate { get; init; }

    /// <summary>Mean days from first to last purchase of the period's buyers (history up to the period's end).</summary>
    public double AverageLifespanDays { get; init; }

    /// <summary>Simple LTV: AOV × orders per buying customer in the period × max(1, lifespan in years) (docs/metrics.md).</summary>
    public double SimpleLtv { get; init; }
}
